/// The generator pipeline: text -> ``Lexer`` -> ``Parser`` -> ``Validator`` -> ``Schema`` -> renderers.
///
/// Role: the one entry point the CLI and the tests call. Pure: no file system access, so tests run
/// it on inline strings and the output depends only on the input.
public enum SchemaCompiler {
    /// One schema source.
    public struct Source: Sendable, Hashable {
        /// The path printed in diagnostics and in the generated header (keep it relative).
        public var path: String
        public var text: String

        public init(path: String, text: String) {
            self.path = path
            self.text = text
        }
    }

    /// What a run produced.
    public struct Output: Sendable, Hashable {
        /// The generated files; empty when there are errors.
        public var files: [GeneratedFile]
        /// Every diagnostic from every stage, sorted by location.
        public var diagnostics: [Diagnostic]
    }

    /// Parses and validates `sources`.
    /// - Parameter sources: the schema files, in declaration order.
    /// - Returns: the resolved schema (nil on errors) and all diagnostics.
    public static func check(_ sources: [Source]) -> (schema: Schema?, diagnostics: [Diagnostic]) {
        var files: [Syntax.File] = []
        var diagnostics: [Diagnostic] = []
        for source in sources {
            let (file, fileDiagnostics) = Parser.parse(text: source.text, path: source.path)
            files.append(file)
            diagnostics += fileDiagnostics
        }
        var validator = Validator()
        let (schema, validationDiagnostics) = validator.validate(files)
        diagnostics += validationDiagnostics
        let sorted = diagnostics.sorted { $0.location < $1.location }
        return (sorted.hasErrors ? nil : schema, sorted)
    }

    /// Runs the whole pipeline.
    /// - Parameter sources: the schema files, in declaration order.
    /// - Returns: `Messages`, `Server` and `Client` files (in that order) and all diagnostics.
    public static func compile(_ sources: [Source]) -> Output {
        let (schema, diagnostics) = self.check(sources)
        guard let schema else { return Output(files: [], diagnostics: diagnostics) }
        return Output(files: self.render(schema), diagnostics: diagnostics)
    }

    /// Renders a resolved schema.
    /// - Parameter schema: a schema from ``check(_:)``.
    /// - Returns: the three generated files.
    public static func render(_ schema: Schema) -> [GeneratedFile] {
        [
            MessagesRenderer(schema: schema).render(),
            ServerRenderer(schema: schema).render(),
            ClientRenderer(schema: schema).render(),
        ]
    }
}

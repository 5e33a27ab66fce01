/// Builds the ``Syntax`` tree of one schema file from its tokens.
///
/// Role: the second pipeline stage; a recursive-descent parser over the grammar in docs/SCHEMA.md.
/// On a syntax error it reports a diagnostic and resynchronises at the next `;` or `}`, so one
/// typo does not hide the problems after it.
public struct Parser {
    /// Thrown internally to unwind to the nearest recovery point; the diagnostic is already recorded.
    private struct Recover: Error {}

    private let tokens: [Token]
    private let path: String
    private var index = 0
    private var pendingDocumentation: [String] = []
    private(set) var diagnostics: [Diagnostic] = []

    /// - Parameters:
    ///   - tokens: the lexer's output, ending with `.endOfFile`.
    ///   - path: the file path, for the result.
    public init(tokens: [Token], path: String) {
        precondition(tokens.last?.kind == .endOfFile, "token list must end with endOfFile")
        self.tokens = tokens
        self.path = path
    }

    /// Lexes and parses one file.
    /// - Parameters:
    ///   - text: the schema source.
    ///   - path: the path to print in locations.
    /// - Returns: the syntax tree (possibly partial) and every lexer and parser diagnostic.
    public static func parse(text: String, path: String) -> (file: Syntax.File, diagnostics: [Diagnostic]) {
        var lexer = Lexer(text: text, file: path)
        let (tokens, lexerDiagnostics) = lexer.tokenize()
        var parser = Parser(tokens: tokens, path: path)
        let file = parser.parseFile()
        return (file, (lexerDiagnostics + parser.diagnostics).sorted { $0.location < $1.location })
    }

    /// Parses the whole file.
    /// - Returns: every declaration that parsed; broken ones are dropped after their diagnostic.
    public mutating func parseFile() -> Syntax.File {
        var declarations: [Syntax.Declaration] = []
        while true {
            let documentation = self.takeDocumentation()
            let token = self.current
            if token.kind == .endOfFile { break }
            do {
                switch token.kind {
                case .identifier("struct"): declarations.append(.structure(try self.parseStructure(documentation)))
                case .identifier("enum"): declarations.append(.enumeration(try self.parseEnumeration(documentation)))
                case .identifier("service"): declarations.append(.service(try self.parseService(documentation)))
                default:
                    self.error(at: token.location, "expected 'struct', 'enum' or 'service', found \(token.kind)")
                    throw Recover()
                }
            } catch {
                self.skipDeclaration()
            }
        }
        return Syntax.File(path: self.path, declarations: declarations)
    }

    // MARK: Declarations

    private mutating func parseStructure(_ documentation: [String]) throws(Recover) -> Syntax.Structure {
        self.advance()
        let name = try self.expectName("a struct name")
        try self.expect("{")
        var fields: [Syntax.Field] = []
        var reserved: [Syntax.ReservedRange] = []
        while !self.atClosingBrace() {
            let memberDocumentation = self.takeDocumentation()
            if self.atClosingBrace() { break }
            do {
                if self.current.kind == .identifier("reserved") {
                    reserved += try self.parseReserved()
                } else {
                    let type = try self.parseType()
                    let fieldName = try self.expectName("a field name")
                    try self.expect("=")
                    let number = try self.expectNumber("a field number")
                    try self.expect(";")
                    fields.append(
                        Syntax.Field(documentation: memberDocumentation, type: type, name: fieldName, number: number)
                    )
                }
            } catch {
                self.skipMember()
            }
        }
        try self.expect("}")
        return Syntax.Structure(documentation: documentation, name: name, fields: fields, reserved: reserved)
    }

    private mutating func parseEnumeration(_ documentation: [String]) throws(Recover) -> Syntax.Enumeration {
        self.advance()
        let name = try self.expectName("an enum name")
        try self.expect("{")
        var cases: [Syntax.EnumCase] = []
        var reserved: [Syntax.ReservedRange] = []
        while !self.atClosingBrace() {
            let caseDocumentation = self.takeDocumentation()
            if self.atClosingBrace() { break }
            do {
                if self.current.kind == .identifier("reserved") {
                    reserved += try self.parseReserved()
                } else {
                    let caseName = try self.expectName("a case name")
                    try self.expect("=")
                    let value = try self.expectNumber("a case value")
                    try self.expect(";")
                    cases.append(Syntax.EnumCase(documentation: caseDocumentation, name: caseName, value: value))
                }
            } catch {
                self.skipMember()
            }
        }
        try self.expect("}")
        return Syntax.Enumeration(documentation: documentation, name: name, cases: cases, reserved: reserved)
    }

    private mutating func parseService(_ documentation: [String]) throws(Recover) -> Syntax.Service {
        self.advance()
        let name = try self.expectName("a service name")
        try self.expect("=")
        let number = try self.expectNumber("a service number")
        try self.expect("{")
        var methods: [Syntax.Method] = []
        while !self.atClosingBrace() {
            let methodDocumentation = self.takeDocumentation()
            if self.atClosingBrace() { break }
            do {
                guard self.current.kind == .identifier("rpc") else {
                    self.error(at: self.current.location, "expected 'rpc', found \(self.current.kind)")
                    throw Recover()
                }
                self.advance()
                let methodName = try self.expectName("a method name")
                try self.expect("(")
                let request = try self.expectName("a request type")
                try self.expect(")")
                guard self.current.kind == .identifier("returns") else {
                    self.error(at: self.current.location, "expected 'returns', found \(self.current.kind)")
                    throw Recover()
                }
                self.advance()
                try self.expect("(")
                let response = try self.expectName("a response type")
                try self.expect(")")
                try self.expect("=")
                let methodNumber = try self.expectNumber("a method number")
                try self.expect(";")
                methods.append(
                    Syntax.Method(
                        documentation: methodDocumentation,
                        name: methodName,
                        request: request,
                        response: response,
                        number: methodNumber
                    )
                )
            } catch {
                self.skipMember()
            }
        }
        try self.expect("}")
        return Syntax.Service(documentation: documentation, name: name, number: number, methods: methods)
    }

    /// `reserved 5, 7 to 9;`
    private mutating func parseReserved() throws(Recover) -> [Syntax.ReservedRange] {
        self.advance()
        var ranges: [Syntax.ReservedRange] = []
        repeat {
            let lower = try self.expectNumber("a reserved number")
            var upper = lower
            if self.current.kind == .identifier("to") {
                self.advance()
                upper = try self.expectNumber("the end of a reserved range")
            }
            ranges.append(Syntax.ReservedRange(lower: lower, upper: upper))
        } while self.consume(",")
        try self.expect(";")
        return ranges
    }

    private mutating func parseType() throws(Recover) -> Syntax.TypeReference {
        let token = self.current
        switch token.kind {
        case .identifier("optional"):
            self.advance()
            return .optional(try self.parseType(), token.location)
        case .identifier("list"):
            self.advance()
            try self.expect("<")
            let element = try self.parseType()
            try self.expect(">")
            return .list(element, token.location)
        case .identifier("map"):
            self.advance()
            try self.expect("<")
            let key = try self.parseType()
            try self.expect(",")
            let value = try self.parseType()
            try self.expect(">")
            return .map(key: key, value: value, token.location)
        default:
            return .named(try self.expectName("a type"))
        }
    }

    // MARK: Token plumbing

    private var current: Token { self.tokens[self.index] }

    private mutating func advance() {
        if self.index < self.tokens.count - 1 { self.index += 1 }
    }

    /// Collects the doc comments directly before the next declaration and skips them.
    private mutating func takeDocumentation() -> [String] {
        var lines: [String] = []
        while case .docComment(let text) = self.current.kind {
            lines.append(text)
            self.advance()
        }
        return lines
    }

    private mutating func atClosingBrace() -> Bool {
        switch self.current.kind {
        case .symbol("}"), .endOfFile: true
        default: false
        }
    }

    private mutating func consume(_ symbol: Character) -> Bool {
        guard self.current.kind == .symbol(symbol) else { return false }
        self.advance()
        return true
    }

    private mutating func expect(_ symbol: Character) throws(Recover) {
        guard self.consume(symbol) else {
            self.error(at: self.current.location, "expected '\(symbol)', found \(self.current.kind)")
            throw Recover()
        }
    }

    private mutating func expectName(_ what: String) throws(Recover) -> Syntax.Name {
        guard case .identifier(let text) = self.current.kind else {
            self.error(at: self.current.location, "expected \(what), found \(self.current.kind)")
            throw Recover()
        }
        let name = Syntax.Name(text: text, location: self.current.location)
        self.advance()
        return name
    }

    private mutating func expectNumber(_ what: String) throws(Recover) -> Syntax.Number {
        guard case .integer(let value) = self.current.kind else {
            self.error(at: self.current.location, "expected \(what), found \(self.current.kind)")
            throw Recover()
        }
        let location = self.current.location
        if value == nil { self.error(at: location, "\(what) is not a valid integer that fits in 64 bits") }
        self.advance()
        return Syntax.Number(value: value, location: location)
    }

    /// Inside a block: skips to just after the next `;`, or to (not past) the `}` closing the block.
    private mutating func skipMember() {
        while true {
            switch self.current.kind {
            case .endOfFile, .symbol("}"):
                return
            case .symbol(";"):
                self.advance()
                return
            default:
                self.advance()
            }
        }
    }

    /// At top level: skips the rest of a broken declaration, up to the next `struct`, `enum` or
    /// `service` keyword outside braces, or just past the brace block it was in.
    private mutating func skipDeclaration() {
        var depth = 0
        var isFirst = true
        while true {
            switch self.current.kind {
            case .endOfFile:
                return
            case .symbol("{"):
                depth += 1
            case .symbol("}"):
                depth -= 1
                if depth <= 0 {
                    self.advance()
                    return
                }
            case .identifier("struct"), .identifier("enum"), .identifier("service"):
                if depth == 0 && !isFirst { return }
            default:
                break
            }
            isFirst = false
            self.advance()
        }
    }

    private mutating func error(at location: SourceLocation, _ message: String) {
        self.diagnostics.append(Diagnostic(.error, at: location, message))
    }
}

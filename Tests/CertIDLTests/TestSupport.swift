import CertIDL
import Foundation

/// Paths and small helpers shared by the generator tests; files are found relative to this file.
enum TestSupport {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repositoryRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()

    /// Compiles one inline schema named `test.idl`.
    static func compile(_ text: String) -> SchemaCompiler.Output {
        SchemaCompiler.compile([SchemaCompiler.Source(path: "test.idl", text: text)])
    }

    /// Only the diagnostics of one inline schema, as printed by the CLI.
    static func diagnostics(_ text: String) -> [String] {
        SchemaCompiler.check([SchemaCompiler.Source(path: "test.idl", text: text)]).diagnostics.map(\.description)
    }

    /// The generated file called `name` for an inline schema (empty when generation failed).
    static func generated(_ text: String, file name: String) -> String {
        self.compile(text).files.first { $0.name == name }?.contents ?? ""
    }

    /// Describes the first line where two texts differ, with a little context, or nil when equal.
    static func firstDifference(expected: String, actual: String) -> String? {
        if expected == actual { return nil }
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var index = 0
        while index < min(expectedLines.count, actualLines.count) && expectedLines[index] == actualLines[index] {
            index += 1
        }
        let context = max(0, index - 2)
        func excerpt(_ lines: [Substring]) -> String {
            lines[context..<min(lines.count, index + 3)].enumerated()
                .map { "\(context + $0.offset + 1)\(context + $0.offset == index ? ">" : " ") \($0.element)" }
                .joined(separator: "\n")
        }
        return """
            first difference at line \(index + 1)
            --- expected
            \(excerpt(expectedLines))
            +++ actual
            \(excerpt(actualLines))
            """
    }
}

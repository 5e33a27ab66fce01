import CertIDL
import Foundation
import Testing

/// Fixtures/all-features.idl -> Golden/*.swift, byte for byte (swift-openapi-generator's
/// file-based reference tests). `CERTIDL_UPDATE_GOLDEN=1 swift test --filter GoldenTests` rewrites.
/// The golden files are also compiled and run by the CertIDLGoldenTests target.
@Suite struct GoldenTests {
    @Test func allFeaturesMatchesTheGoldenFiles() throws {
        let fixture = TestSupport.testsDirectory.appendingPathComponent("Fixtures/all-features.idl")
        let golden = TestSupport.testsDirectory.appendingPathComponent("Golden")
        let output = SchemaCompiler.compile([
            SchemaCompiler.Source(
                path: "Fixtures/all-features.idl", text: try String(contentsOf: fixture, encoding: .utf8))
        ])
        #expect(output.diagnostics.isEmpty, "\(output.diagnostics)")
        #expect(output.files.count == 3)

        if ProcessInfo.processInfo.environment["CERTIDL_UPDATE_GOLDEN"] == "1" {
            for file in output.files {
                try Data(file.contents.utf8).write(to: golden.appendingPathComponent(file.name))
            }
        }
        let goldenNames = try FileManager.default.contentsOfDirectory(atPath: golden.path).filter {
            $0.hasSuffix(".swift")
        }
        #expect(goldenNames.sorted() == output.files.map(\.name).sorted(), "golden folder has extra or missing files")
        for file in output.files {
            let expected = try String(contentsOf: golden.appendingPathComponent(file.name), encoding: .utf8)
            if let difference = TestSupport.firstDifference(expected: expected, actual: file.contents) {
                Issue.record(
                    "\(file.name) differs from Golden/\(file.name) (CERTIDL_UPDATE_GOLDEN=1 rewrites it):\n\(difference)"
                )
            }
        }
    }

    @Test func generatedLinesFitIn120ColumnsWithoutTrailingSpaces() throws {
        let fixture = TestSupport.testsDirectory.appendingPathComponent("Fixtures/all-features.idl")
        let output = SchemaCompiler.compile([
            SchemaCompiler.Source(path: "all-features.idl", text: try String(contentsOf: fixture, encoding: .utf8))
        ])
        for file in output.files {
            for (number, line) in file.contents.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                #expect(line.count <= 120, "\(file.name):\(number + 1) is \(line.count) columns")
                #expect(line.last != " ", "\(file.name):\(number + 1) has trailing whitespace")
                #expect(!line.contains("\t"), "\(file.name):\(number + 1) has a tab")
            }
        }
    }
}

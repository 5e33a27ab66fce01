import CertIDL
import Foundation
import Testing

/// The checked-in Sources/CertAPI/Generated must be what schema/certd.idl generates now.
@Suite struct GeneratedCodeStalenessTests {
    @Test func checkedInGeneratedCodeMatchesTheSchema() throws {
        let root = TestSupport.repositoryRoot
        let schema = try String(contentsOf: root.appendingPathComponent("schema/certd.idl"), encoding: .utf8)
        let output = SchemaCompiler.compile([SchemaCompiler.Source(path: "schema/certd.idl", text: schema)])
        #expect(!output.diagnostics.hasErrors, "\(output.diagnostics)")
        #expect(output.diagnostics.isEmpty, "schema/certd.idl should be warning-free: \(output.diagnostics)")
        let generated = root.appendingPathComponent("Sources/CertAPI/Generated")
        for file in output.files {
            let checkedIn = try? String(contentsOf: generated.appendingPathComponent(file.name), encoding: .utf8)
            if let difference = TestSupport.firstDifference(expected: checkedIn ?? "", actual: file.contents) {
                Issue.record("Sources/CertAPI/Generated/\(file.name) is stale: run tools/regenerate.sh\n\(difference)")
            }
        }
    }
}

import CertDomain
import Foundation
import Testing

@Suite("CertificateCursor token")
struct CertificateCursorTokenTests {
    @Test("the token is Foundation's base64url of the layout without padding, and decodes back, for every length mod 3")
    func tokenMatchesFoundationBase64URL() throws {
        for length in 0..<12 {
            let id = CertificateID(rawValue: "cert-" + String(repeating: "x", count: length))
            for cursor in [
                CertificateCursor(field: .notAfter, key: .integer(-1_234_567), id: id),
                CertificateCursor(field: .name, key: .string("név-\(length)"), id: id),
            ] {
                var bytes: [UInt8] = [1, cursor.field.rawValue]
                switch cursor.key {
                case .integer(let value):
                    bytes.append(0)
                    withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
                case .string(let value):
                    bytes.append(1)
                    withUnsafeBytes(of: UInt32(value.utf8.count).bigEndian) { bytes.append(contentsOf: $0) }
                    bytes.append(contentsOf: value.utf8)
                }
                bytes.append(contentsOf: id.rawValue.utf8)
                let expected = Data(bytes).base64EncodedString()
                    .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                    .replacingOccurrences(of: "=", with: "")
                #expect(cursor.token == expected)
                #expect(CertificateCursor(token: cursor.token) == cursor)
            }
        }
    }
}

import Testing

@testable import CertCrypto

@Suite("KeyStoreError")
struct KeyStoreErrorTests {
    static let all: [KeyStoreError] = [
        .emptyInput, .tooLarge(size: 11, limit: 10), .notPKCS12(OpenSSLError(entries: ["e"], operation: "d2i_PKCS12")),
        .notJKS(magic: 0x0102_0304), .wrongPassword, .wrongKeyPassword(alias: "leaf"), .corrupt(detail: "cut short"),
        .unsupportedEntry(kind: "secret key"), .unsupportedAlgorithm(oid: "1.2.3"), .invalidInput(detail: "bad"),
        .openSSLFailure(OpenSSLError(entries: [], operation: "PKCS12_create_ex")),
    ]

    @Test("every case has its own stable camelCase reason and a non-empty message")
    func reasonsAndMessages() {
        let reasons = Self.all.map(\.reason)
        #expect(Set(reasons).count == Self.all.count)
        #expect(reasons.allSatisfy { $0.first?.isLowercase == true && !$0.contains(" ") })
        #expect(reasons.contains("wrongPassword"))
        #expect(Self.all.allSatisfy { $0.message.count > 40 })
    }

    @Test("messages carry the specifics: sizes, magic, alias, algorithm")
    func messageDetails() {
        #expect(KeyStoreError.tooLarge(size: 11, limit: 10).message.contains("11 bytes"))
        #expect(KeyStoreError.notJKS(magic: 0x0102_0304).message.contains("0x01020304"))
        #expect(KeyStoreError.wrongKeyPassword(alias: "web").message.contains("'web'"))
        #expect(KeyStoreError.unsupportedAlgorithm(oid: "RC2-40-CBC").message.contains("RC2-40-CBC"))
    }

    @Test("OpenSSL's queue is attached only where OpenSSL failed")
    func attachedOpenSSLError() {
        #expect(Self.all.filter { $0.openSSLError != nil }.map(\.reason) == ["notPKCS12", "openSSLFailure"])
    }
}

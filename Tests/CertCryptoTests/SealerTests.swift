import CertCrypto
import Foundation
import Testing

@Suite struct SealerTests {
    let key = try! MasterKey.generate()
    let secret = Array("-----BEGIN PRIVATE KEY----- pretend".utf8)
    let record = Array("key/cert-42".utf8)

    @Test func roundTrip() throws {
        let sealer = Sealer(masterKey: self.key)
        let box = try sealer.seal(self.secret, associatedData: self.record)
        #expect(box.version == 1)
        #expect(box.bytes.count == 1 + 12 + self.secret.count + 16)
        #expect(Array(box.ciphertext) != self.secret)
        #expect(try sealer.open(SealedBox(bytes: box.bytes), associatedData: self.record) == self.secret)
        #expect(try sealer.open(sealer.seal([], associatedData: []), associatedData: []) == [])
    }

    @Test func freshNonceEveryTime() throws {
        let sealer = Sealer(masterKey: self.key)
        let first = try sealer.seal(self.secret, associatedData: self.record)
        let second = try sealer.seal(self.secret, associatedData: self.record)
        #expect(first.nonce != second.nonce)
        #expect(first.bytes != second.bytes)
    }

    @Test func wrongKeyWrongAssociatedDataAndTamperingAreRejected() throws {
        let sealer = Sealer(masterKey: self.key)
        let box = try sealer.seal(self.secret, associatedData: self.record)
        #expect(throws: SealingError.authenticationFailed) {
            try Sealer(masterKey: MasterKey.generate()).open(box, associatedData: self.record)
        }
        #expect(throws: SealingError.authenticationFailed) {
            try sealer.open(box, associatedData: Array("key/cert-43".utf8))
        }
        for index in [1, 13, box.bytes.count - 1] {  // nonce, ciphertext, tag
            var bytes = box.bytes
            bytes[index] ^= 0x01
            #expect(throws: SealingError.authenticationFailed) {
                try sealer.open(SealedBox(bytes: bytes), associatedData: self.record)
            }
        }
    }

    @Test func malformedBoxesAndKeys() {
        #expect(throws: SealingError.malformedBox(length: 5)) { try SealedBox(bytes: [1, 2, 3, 4, 5]) }
        #expect(throws: SealingError.unsupportedVersion(9)) {
            try SealedBox(bytes: [9] + [UInt8](repeating: 0, count: 40))
        }
        #expect(throws: SealingError.invalidMasterKeyLength(16)) {
            try MasterKey(bytes: [UInt8](repeating: 0, count: 16))
        }
        #expect(
            !self.key.description.contains(String(self.key.bytes[0])) || self.key.description == "MasterKey(32 bytes)")
    }

    @Test func sealsAPKCS8KeyAndRestoresIt() throws {
        let privateKey = try PrivateKey.generate(.sm2)
        let sealer = Sealer(masterKey: self.key)
        let box = try sealer.seal(privateKey.pkcs8DER, associatedData: self.record)
        let restored = try PrivateKey(bytes: sealer.open(box, associatedData: self.record), passphrase: nil)
        #expect(restored.publicKey == privateKey.publicKey)
    }
}

internal import COpenSSL

extension PKCS12Format {
    /// Reads a PFX that carries no MAC (`openssl pkcs12 -nomac`, password-less Java 18+ stores).
    ///
    /// Why not `PKCS12_parse`: in OpenSSL 3.0 it demands a MAC and fails with "mac absent", so
    /// the safes are unpacked bag by bag here. Without a MAC, a failed decryption is the only sign
    /// of a wrong password. The leaf is the certificate whose public key equals the key; with no
    /// key, every certificate goes to the chain (as `PKCS12_parse` does). A second key is ignored.
    static func readWithoutMAC(_ p12: OpaquePointer, password: String) throws(KeyStoreError) -> KeyStoreContents {
        // The empty password may have been applied as "" or as NULL; try both, as for the MAC.
        let candidates: [String?] = password.isEmpty ? ["", nil] : [password]
        for candidate in candidates {
            do throws(KeyStoreError) {
                return try Self.unpackSafes(p12, password: candidate)
            } catch {
                guard error == .wrongPassword else { throw error }
                OpenSSLError.clearQueue()
            }
        }
        throw .wrongPassword
    }

    private static func unpackSafes(_ p12: OpaquePointer, password: String?) throws(KeyStoreError) -> KeyStoreContents {
        OpenSSLError.clearQueue()
        guard let safes = PKCS12_unpack_authsafes(p12) else {
            throw .corrupt(
                detail: "the PFX safes do not decode",
                openSSL: OpenSSLError.drain(after: "PKCS12_unpack_authsafes")
            )
        }
        defer {
            while let item = OPENSSL_sk_pop(safes) { PKCS7_free(item.assumingMemoryBound(to: PKCS7.self)) }
            OPENSSL_sk_free(safes)
        }
        var key: OpaquePointer? = nil
        var keyName: String? = nil
        var certificates: [(certificate: OpaquePointer, name: String?)] = []
        defer {
            if let key { EVP_PKEY_free(key) }
            for entry in certificates { X509_free(entry.certificate) }
        }
        for safeIndex in 0..<max(0, OPENSSL_sk_num(safes)) {
            guard let raw = OPENSSL_sk_value(safes, safeIndex) else { continue }
            let p7 = UnsafeMutablePointer(mutating: raw.assumingMemoryBound(to: PKCS7.self))
            let bags: OpaquePointer?
            switch OBJ_obj2nid(p7.pointee.type) {
            case NID_pkcs7_data:
                bags = PKCS12_unpack_p7data(p7)
            case NID_pkcs7_encrypted:
                bags = PKCS12_unpack_p7encdata(p7, password, -1)
                guard bags != nil else { throw .wrongPassword }
            default:
                continue  // enveloped (public-key) safes: not produced by any tool certd meets
            }
            guard let bags else {
                throw .corrupt(
                    detail: "a PFX safe does not decode",
                    openSSL: OpenSSLError.drain(after: "PKCS12_unpack_p7data")
                )
            }
            defer {
                while let bag = OPENSSL_sk_pop(bags) { PKCS12_SAFEBAG_free(OpaquePointer(bag)) }
                OPENSSL_sk_free(bags)
            }
            for bagIndex in 0..<max(0, OPENSSL_sk_num(bags)) {
                guard let rawBag = OPENSSL_sk_value(bags, bagIndex) else { continue }
                let bag = OpaquePointer(rawBag)
                let name = Self.friendlyName(of: bag)
                switch PKCS12_SAFEBAG_get_nid(bag) {
                case NID_keyBag where key == nil:
                    guard let info = PKCS12_SAFEBAG_get0_p8inf(bag), let decoded = EVP_PKCS82PKEY(info) else {
                        throw .corrupt(detail: "the PFX key bag does not decode")
                    }
                    key = decoded
                    keyName = name
                case NID_pkcs8ShroudedKeyBag where key == nil:
                    guard let info = PKCS12_decrypt_skey(bag, password, -1) else { throw .wrongPassword }
                    defer { PKCS8_PRIV_KEY_INFO_free(info) }
                    guard let decoded = EVP_PKCS82PKEY(info) else {
                        throw .corrupt(detail: "the PFX private key does not decode")
                    }
                    key = decoded
                    keyName = name
                case NID_certBag:
                    // nil for non-X.509 certificate bags (SDSI), which are skipped.
                    if let certificate = PKCS12_SAFEBAG_get1_cert(bag) { certificates.append((certificate, name)) }
                default:
                    continue
                }
            }
        }
        OpenSSLError.clearQueue()
        var contents = KeyStoreContents(privateKeyPKCS8DER: nil, certificateDER: nil, friendlyName: keyName)
        var leafIndex: Int? = nil
        if let key {
            contents.privateKeyPKCS8DER = try KeyStoreOpenSSL.pkcs8DER(privateKey: key)
            leafIndex = certificates.firstIndex { KeyStoreOpenSSL.key(key, matches: $0.certificate) }
        }
        // Leaf first, so the chain can drop copies of it.
        let ordered = certificates.indices.sorted { ($0 == leafIndex ? 0 : 1, $0) < ($1 == leafIndex ? 0 : 1, $1) }
        for index in ordered {
            let entry = certificates[index]
            let der = try KeyStoreOpenSSL.der(certificate: entry.certificate)
            if index == leafIndex {
                contents.certificateDER = der
                contents.friendlyName = contents.friendlyName ?? entry.name
            } else {
                contents.appendToChain(der)
            }
        }
        return contents
    }

    private static func friendlyName(of bag: OpaquePointer) -> String? {
        guard let name = PKCS12_get_friendlyname(bag) else { return nil }
        defer { shim_OPENSSL_free(name) }
        return String(cString: name)
    }
}

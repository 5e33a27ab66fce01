internal import COpenSSL

/// Owns one `X509*`; frees it in `deinit`.
///
/// Role: the parsed form behind a ``Certificate`` value, so a certificate is decoded once and
/// then matched, described and chain-verified without re-parsing.
/// Invariant: the pointer is non-nil, owned by this object alone, and never mutated after
/// `init` (an SM2 distinguishing ID, when needed, is attached before the handle is shared).
/// Isolation: `@unchecked Sendable` because OpenSSL 3 allows concurrent read-only use of an
/// `X509` (its lazy extension cache is guarded by OpenSSL's own lock) and nothing mutates it.
final class X509Handle: @unchecked Sendable {
    let pointer: OpaquePointer

    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        X509_free(self.pointer)
    }
}

/// Owns one `EVP_PKEY*` (public or private); frees it in `deinit`.
///
/// Role: the parsed form behind ``PrivateKey`` and ``PublicKey``.
/// Invariant: non-nil, owned here, never mutated after `init`.
/// Isolation: `@unchecked Sendable`: OpenSSL 3 keys are safe for concurrent read-only use
/// (signing and comparing do not mutate the key object), and nothing here mutates it.
final class PKeyHandle: @unchecked Sendable {
    let pointer: OpaquePointer

    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        EVP_PKEY_free(self.pointer)
    }
}

/// Owns one `X509_REQ*`; frees it in `deinit`.
///
/// Role: the parsed form behind ``CertificateSigningRequest``.
/// Invariant: non-nil, owned here, never mutated after `init`.
/// Isolation: `@unchecked Sendable` for the same read-only reason as ``X509Handle``.
final class X509RequestHandle: @unchecked Sendable {
    let pointer: OpaquePointer

    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        X509_REQ_free(self.pointer)
    }
}

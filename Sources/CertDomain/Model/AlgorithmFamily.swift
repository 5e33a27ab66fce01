/// The algorithm family of an entry. Stored by `rawValue`; append-only.
public enum AlgorithmFamily: String, Sendable, Hashable, CaseIterable {
    /// RSA, ECDSA or Ed25519: one certificate, one key.
    case international
    /// Chinese SM2 dual certificates: a signing pair and an encryption pair.
    case sm2
}

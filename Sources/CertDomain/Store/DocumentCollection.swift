/// The name of one collection of ``StoredDocument``s in the store: a namespace of string keys.
///
/// Role: lets a feature (private CA, sharing, deployment, notifications) keep its own records in the
/// store without growing ``InventoryReader``/``InventoryWriter`` by a method per record type. A
/// secondary index is simply another collection whose keys the feature composes (for example
/// `"<caID>/<certID>"`) and keeps in step inside the same write body.
/// Invariants: `name` is non-empty, lowercase ASCII letters, digits, `.` and `-` only (it is part of
/// the store key and of the sealing id of the documents' keys, so it must never change once shipped).
public struct DocumentCollection: Sendable, Hashable, CustomStringConvertible {
    /// The collection's stable name, for example `pca.authority`.
    public let name: String

    /// - Parameter name: the collection's stable name (see the invariants).
    public init(_ name: String) {
        precondition(
            !name.isEmpty
                && name.utf8.allSatisfy {
                    (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2E || $0 == 0x2D
                },
            "document collection names are lowercase ASCII letters, digits, '.' and '-': \(name)")
        self.name = name
    }

    public var description: String { self.name }
}

extension DocumentCollection {
    /// Deployment status per certificate, keyed `"<certificateID>/<targetID>"`: a key exists once a
    /// deployment of that certificate to that target has succeeded. Monitoring and pending tasks read
    /// it ("not deployed" = no key with the prefix `"<certificateID>/"`); deployment writes it.
    public static let deployedCertificates = DocumentCollection("deploy.deployed")

    /// The key prefix of `certificateID`'s records in ``deployedCertificates``: the one place that
    /// spells the `"<certificateID>/"` part of the key format for its readers.
    public static func deployedCertificatesPrefix(_ certificateID: CertificateID) -> String {
        certificateID.rawValue + "/"
    }
}

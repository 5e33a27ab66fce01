import Foundation

/// The body of the default official issuer's document (collection `official.issuer`, key `default`).
///
/// Role: storage form only; the CA key is not here but in the document's sealed keys, so master-key
/// rotation reseals it. Isolation: a value type.
struct DefaultIssuerRecord: Codable, Sendable {
    var certificateDER: [UInt8]
    var createdAt: Date
}

/// The JSON of `cert list`: `{"certificates": [...], "nextPageToken": "..."}`; the token is empty on
/// the last page.
///
/// Isolation: a plain value.
struct CertificateListJSON: Encodable {
    var certificates: [CertificateJSON]
    var nextPageToken: String
}

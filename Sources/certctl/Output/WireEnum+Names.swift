import CertAPI

// The names certctl prints and accepts for the wire enums: the schema's case names, so JSON,
// tables and flags use one vocabulary.

extension CertificateSource {
    var jsonName: String {
        switch self {
        case .sourceUnspecified: ""
        case .uploaded: "uploaded"
        case .pca: "pca"
        case .official: "official"
        case .shared: "shared"
        case .unrecognized(let value): "unknown(\(value))"
        }
    }
}

extension AlgorithmFamily {
    var jsonName: String {
        switch self {
        case .algorithmUnspecified: ""
        case .international: "international"
        case .sm2: "sm2"
        case .unrecognized(let value): "unknown(\(value))"
        }
    }
}

extension CertificateStatus {
    var jsonName: String {
        switch self {
        case .statusUnspecified: ""
        case .valid: "valid"
        case .expiringSoon: "expiringSoon"
        case .expired: "expired"
        case .unrecognized(let value): "unknown(\(value))"
        }
    }
}

extension Site {
    var jsonName: String {
        switch self {
        case .siteUnspecified: ""
        case .china: "china"
        case .international: "international"
        case .unrecognized(let value): "unknown(\(value))"
        }
    }
}

extension Role {
    var jsonName: String {
        switch self {
        case .roleUnspecified: ""
        case .user: "user"
        case .admin: "admin"
        case .unrecognized(let value): "unknown(\(value))"
        }
    }
}

import Foundation

/// A list of byte strings stored as base64 strings (see ``Base64Bytes``).
@propertyWrapper
public struct Base64BytesList: Sendable, Equatable, Codable {
    public var wrappedValue: [[UInt8]]

    public init(wrappedValue: [[UInt8]]) {
        self.wrappedValue = wrappedValue
    }

    public init(from decoder: any Decoder) throws {
        self.wrappedValue = try decoder.singleValueContainer().decode([Data].self).map { [UInt8]($0) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.wrappedValue.map { Data($0) })
    }
}

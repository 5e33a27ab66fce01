import Foundation

/// Stores bytes as one base64 string in a JSON document instead of an array of numbers.
///
/// Why: PCA records hold DER certificates; JSON's default `[UInt8]` form is a number array about four
/// times the size and much slower to encode and decode, and batch sync reads thousands of records.
/// Isolation: a plain value.
@propertyWrapper
public struct Base64Bytes: Sendable, Equatable, Codable {
    public var wrappedValue: [UInt8]

    public init(wrappedValue: [UInt8]) {
        self.wrappedValue = wrappedValue
    }

    public init(from decoder: any Decoder) throws {
        self.wrappedValue = [UInt8](try decoder.singleValueContainer().decode(Data.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Data(self.wrappedValue))
    }
}

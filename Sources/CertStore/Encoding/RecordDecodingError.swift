/// Why a stored value could not be decoded.
enum RecordDecodingError: Error, Equatable {
    /// The value ended before the record did.
    case truncated
    /// A field held a value the format does not allow (bad UTF-8, unknown enum case, bad flag byte).
    case invalidValue
    /// The record starts with an encoding version this release does not know.
    case unknownVersion(UInt8)
    /// Bytes remained after the last field.
    case trailingBytes
}

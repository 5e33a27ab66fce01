/// Why bytes could not be read as a frame.
///
/// Role: thrown by ``Frame/init(parsingBody:)`` and the connection codec. Every case is a protocol
/// violation by the peer: the connection answers with goAway and closes, since the byte stream can
/// no longer be trusted to be in step.
public enum FrameError: Error, Sendable, Equatable {
    /// The frame body ended before a field it promised; `field` names it.
    case truncated(field: String)
    /// The header's version byte is not one this build speaks.
    case unsupportedVersion(UInt8)
    /// The header's type byte is not a ``FrameType``.
    case unknownFrameType(UInt8)
    /// A string field is not valid UTF-8.
    case invalidUTF8(field: String)
    /// A length prefix announced more bytes than the receiver accepts; refused before buffering.
    case frameTooLarge(length: Int, limit: Int)
    /// A frame of a fixed-size type carried extra bytes.
    case trailingBytes(type: FrameType, count: Int)
}

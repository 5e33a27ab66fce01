/// The fixed 8-byte header that follows every frame's 4-byte length prefix.
///
/// Role: the part of the layout every frame type shares; see docs/PROTOCOL.md, "Frame header".
/// Layout (big-endian): `version u8 | type u8 | flags u16 | callID u32`.
/// Invariant: `version == FrameHeader.currentVersion` for every frame this build writes.
public struct FrameHeader: Sendable, Hashable {
    /// The only protocol version this build speaks.
    public static let currentVersion: UInt8 = 1
    /// Bytes of the length prefix in front of the header.
    public static let lengthPrefixLength = 4
    /// Bytes of the header itself.
    public static let encodedLength = 8
    /// The default largest value a length prefix may carry (header + body), 4 MiB.
    public static let defaultMaxFrameLength = 4 * 1024 * 1024

    /// The protocol version; 1.
    public var version: UInt8
    /// What the frame carries.
    public var type: FrameType
    /// Flag bits; none defined in version 1.
    public var flags: FrameFlags
    /// The call the frame belongs to; 0 for connection-level frames (ping, pong, goAway).
    public var callID: UInt32

    public init(version: UInt8 = FrameHeader.currentVersion, type: FrameType, flags: FrameFlags = [], callID: UInt32) {
        self.version = version
        self.type = type
        self.flags = flags
        self.callID = callID
    }
}

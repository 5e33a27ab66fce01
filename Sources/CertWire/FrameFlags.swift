/// The 16 flag bits of a frame header (bytes 2-3).
///
/// Role: room to grow the protocol without a version bump.
/// Invariant: version 1 defines no flag; senders write 0 and receivers ignore bits they do not
/// know, so a later peer can set an advisory flag without breaking an older one.
public struct FrameFlags: OptionSet, Sendable, Hashable {
    public var rawValue: UInt16

    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }
}

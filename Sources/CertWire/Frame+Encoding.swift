extension Frame {
    /// The most bytes a length-prefixed string field (metadata, message, reason) may carry.
    public static let maxStringFieldLength = Int(UInt16.max)

    /// The encoded frame: length prefix, header, body.
    public var encoded: [UInt8] {
        var bytes: [UInt8] = []
        self.encode(into: &bytes)
        return bytes
    }

    /// Appends the whole frame (4-byte length prefix, header, body) to `bytes`.
    ///
    /// Strings longer than ``maxStringFieldLength`` UTF-8 bytes are cut at that many bytes (a cut
    /// inside a character leaves replacement characters on the reading side); the caller keeps
    /// them short.
    /// - Parameter bytes: where to append.
    public func encode(into bytes: inout [UInt8]) {
        let start = bytes.count
        bytes.reserveCapacity(start + FrameHeader.lengthPrefixLength + FrameHeader.encodedLength + self.bodySizeHint)
        bytes.appendBigEndian(UInt32(0))  // patched below, once the length is known
        bytes.append(FrameHeader.currentVersion)
        bytes.append(self.type.rawValue)
        bytes.appendBigEndian(FrameFlags().rawValue)
        bytes.appendBigEndian(self.callID)
        switch self {
        case .request(let request):
            bytes.appendBigEndian(request.methodID)
            bytes.appendBigEndian(request.timeoutMicroseconds)
            bytes.appendBigEndian(UInt16(truncatingIfNeeded: min(request.metadata.count, Int(UInt16.max))))
            for key in request.metadata.keys.sorted().prefix(Int(UInt16.max)) {
                bytes.appendShortString(key)
                bytes.appendShortString(request.metadata[key] ?? "")
            }
            bytes.append(contentsOf: request.payload)
        case .response(let response):
            bytes.appendBigEndian(response.status.rawValue)
            bytes.appendShortString(response.message)
            bytes.appendShortString(response.reason)
            bytes.append(contentsOf: response.payload)
        case .cancel:
            break
        case .ping(let opaque), .pong(let opaque):
            bytes.appendBigEndian(opaque)
        case .goAway(let goAway):
            bytes.appendBigEndian(goAway.lastCallID)
            bytes.appendBigEndian(goAway.status.rawValue)
            bytes.appendShortString(goAway.message)
        }
        let length = UInt32(bytes.count - start - FrameHeader.lengthPrefixLength)
        bytes[start] = UInt8(truncatingIfNeeded: length >> 24)
        bytes[start + 1] = UInt8(truncatingIfNeeded: length >> 16)
        bytes[start + 2] = UInt8(truncatingIfNeeded: length >> 8)
        bytes[start + 3] = UInt8(truncatingIfNeeded: length)
    }

    /// A close guess of the body size, so the append above allocates once.
    private var bodySizeHint: Int {
        switch self {
        case .request(let request): 14 + request.payload.count + request.metadata.count * 32
        case .response(let response):
            6 + response.message.utf8.count + response.reason.utf8.count + response.payload.count
        case .cancel: 0
        case .ping, .pong: 8
        case .goAway(let goAway): 8 + goAway.message.utf8.count
        }
    }
}

extension [UInt8] {
    /// Appends `value` most significant byte first.
    @inline(__always)
    mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        var bigEndian = value.bigEndian
        Swift.withUnsafeBytes(of: &bigEndian) { self.append(contentsOf: $0) }
    }

    /// Appends a u16 length and the string's UTF-8 bytes, cut at 65,535 bytes.
    mutating func appendShortString(_ string: String) {
        let utf8 = string.utf8
        let count = Swift.min(utf8.count, Frame.maxStringFieldLength)
        self.appendBigEndian(UInt16(count))
        self.append(contentsOf: utf8.prefix(count))
    }
}

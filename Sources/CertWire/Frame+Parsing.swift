extension Frame {
    /// Parses one frame body: the bytes after the 4-byte length prefix (header included).
    ///
    /// - Parameter body: exactly the bytes the length prefix announced.
    /// - Throws: ``FrameError`` when the bytes are not a version-1 frame.
    public init(parsingBody body: UnsafeRawBufferPointer) throws(FrameError) {
        var reader = FrameBodyReader(body)
        let version = try reader.readInteger(UInt8.self, field: "version")
        guard version == FrameHeader.currentVersion else { throw .unsupportedVersion(version) }
        let typeByte = try reader.readInteger(UInt8.self, field: "type")
        guard let type = FrameType(rawValue: typeByte) else { throw .unknownFrameType(typeByte) }
        _ = try reader.readInteger(UInt16.self, field: "flags")  // none defined in version 1
        let callID = try reader.readInteger(UInt32.self, field: "callID")
        switch type {
        case .request:
            let methodID = try reader.readInteger(UInt32.self, field: "methodID")
            let timeout = try reader.readInteger(UInt64.self, field: "timeoutMicros")
            let count = try reader.readInteger(UInt16.self, field: "metadataCount")
            var metadata: [String: String] = [:]
            if count > 0 {
                metadata.reserveCapacity(Int(count))
                for _ in 0..<count {
                    let key = try reader.readShortString(field: "metadata key")
                    metadata[key] = try reader.readShortString(field: "metadata value")
                }
            }
            self = .request(
                RequestFrame(
                    callID: callID,
                    methodID: methodID,
                    timeoutMicroseconds: timeout,
                    metadata: metadata,
                    payload: reader.readRest()
                )
            )
        case .response:
            let status = WireStatus(rawWireValue: try reader.readInteger(UInt16.self, field: "status"))
            let message = try reader.readShortString(field: "message")
            let reason = try reader.readShortString(field: "reason")
            self = .response(
                ResponseFrame(
                    callID: callID, status: status, message: message, reason: reason, payload: reader.readRest())
            )
        case .cancel:
            try reader.expectEnd(type: type)
            self = .cancel(callID: callID)
        case .ping, .pong:
            let opaque = try reader.readInteger(UInt64.self, field: "opaque")
            try reader.expectEnd(type: type)
            self = type == .ping ? .ping(opaque: opaque) : .pong(opaque: opaque)
        case .goAway:
            let lastCallID = try reader.readInteger(UInt32.self, field: "lastCallID")
            let status = WireStatus(rawWireValue: try reader.readInteger(UInt16.self, field: "status"))
            let message = try reader.readShortString(field: "message")
            self = .goAway(GoAwayFrame(lastCallID: lastCallID, status: status, message: message))
        }
    }

    /// Parses one whole frame, length prefix included; for tests and tools.
    /// - Parameter bytes: the length prefix followed by exactly that many bytes.
    /// - Throws: ``FrameError``.
    public init(parsing bytes: [UInt8]) throws(FrameError) {
        guard bytes.count >= FrameHeader.lengthPrefixLength else { throw .truncated(field: "length") }
        let length = bytes.prefix(4).reduce(0) { $0 << 8 | Int($1) }
        guard bytes.count - FrameHeader.lengthPrefixLength == length else { throw .truncated(field: "body") }
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(FrameError) -> Frame in
                try Frame(parsingBody: UnsafeRawBufferPointer(rebasing: raw[FrameHeader.lengthPrefixLength...]))
            }
        }
        self = try result.get()
    }
}

/// A cursor over one frame body; every read checks bounds and names the field it wanted.
///
/// Isolation: a stack value used inside one parse call.
private struct FrameBodyReader {
    private let bytes: UnsafeRawBufferPointer
    private var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    mutating func readInteger<T: FixedWidthInteger>(_: T.Type, field: String) throws(FrameError) -> T {
        let size = MemoryLayout<T>.size
        guard self.bytes.count - self.offset >= size else { throw .truncated(field: field) }
        var value = T.zero
        for index in 0..<size {
            value = value << 8 | T(self.bytes[self.offset + index])
        }
        self.offset += size
        return value
    }

    mutating func readShortString(field: String) throws(FrameError) -> String {
        let length = Int(try self.readInteger(UInt16.self, field: field))
        guard length > 0 else { return "" }
        guard self.bytes.count - self.offset >= length else { throw .truncated(field: field) }
        let slice = UnsafeRawBufferPointer(rebasing: self.bytes[self.offset..<(self.offset + length)])
        self.offset += length
        guard let string = String(validating: slice, as: UTF8.self) else { throw .invalidUTF8(field: field) }
        return string
    }

    mutating func readRest() -> [UInt8] {
        defer { self.offset = self.bytes.count }
        return [UInt8](UnsafeRawBufferPointer(rebasing: self.bytes[self.offset...]))
    }

    func expectEnd(type: FrameType) throws(FrameError) {
        let extra = self.bytes.count - self.offset
        guard extra == 0 else { throw .trailingBytes(type: type, count: extra) }
    }
}

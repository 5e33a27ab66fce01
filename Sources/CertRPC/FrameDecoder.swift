public import CertWire
public import NIOCore

/// Splits the inbound byte stream into ``Frame``s.
///
/// Role: the second handler of every RPC pipeline, after TLS. Reads the 4-byte big-endian length
/// prefix, refuses it when it exceeds `maxFrameLength` **before** buffering the body (so a hostile
/// 4 GiB prefix costs nothing), waits for the full body otherwise, and parses it with CertWire.
/// Invariant: a thrown ``FrameError`` ends decoding for the connection; the owner answers with
/// goAway and closes, because the stream cannot be resynchronised.
/// Isolation: owned by one channel's event loop (wrapped in a `ByteToMessageHandler`).
public struct FrameDecoder: ByteToMessageDecoder {
    public typealias InboundOut = Frame

    /// The largest length prefix accepted (header + body bytes).
    public let maxFrameLength: Int

    /// - Parameter maxFrameLength: the largest length prefix accepted; 4 MiB by default.
    public init(maxFrameLength: Int = FrameHeader.defaultMaxFrameLength) {
        self.maxFrameLength = maxFrameLength
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self) else { return .needMoreData }
        let bodyLength = Int(length)
        guard bodyLength <= self.maxFrameLength else {
            throw FrameError.frameTooLarge(length: bodyLength, limit: self.maxFrameLength)
        }
        guard buffer.readableBytes >= FrameHeader.lengthPrefixLength + bodyLength else {
            return .needMoreData
        }
        buffer.moveReaderIndex(forwardBy: FrameHeader.lengthPrefixLength)
        let frame = try buffer.readWithUnsafeReadableBytes { raw -> (Int, Frame) in
            let body = UnsafeRawBufferPointer(rebasing: raw[0..<bodyLength])
            return (bodyLength, try Frame(parsingBody: body))
        }
        context.fireChannelRead(Self.wrapInboundOut(frame))
        return .continue
    }

    public mutating func decodeLast(
        context: ChannelHandlerContext,
        buffer: inout ByteBuffer,
        seenEOF: Bool
    ) throws -> DecodingState {
        // A partial frame at EOF is dropped: the peer closed mid-frame, and the connection's owner
        // fails whatever calls were waiting on it.
        while try self.decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}

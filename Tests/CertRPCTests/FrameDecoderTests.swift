import CertRPC
import CertWire
import NIOCore
import NIOEmbedded
import NIOTestUtils
import Testing

@Suite struct FrameDecoderTests {
    private static let frames: [Frame] = [
        .request(
            RequestFrame(
                callID: 1, methodID: 0x0001_0001, timeoutMicroseconds: 5, metadata: ["k": "v"], payload: [1, 2, 3])),
        .response(.ok(callID: 1, payload: Array(repeating: 7, count: 300))),
        .cancel(callID: 9),
        .ping(opaque: 1),
        .goAway(GoAwayFrame(lastCallID: 3, status: .unavailable, message: "bye")),
    ]

    @Test func decodesDripFedAndCoalescedFrames() throws {
        let pairs = Self.frames.map { frame -> (ByteBuffer, [Frame]) in
            var buffer = ByteBuffer()
            buffer.writeFrame(frame)
            return (buffer, [frame])
        }
        // The verifier feeds each input byte by byte, all at once, and in combinations.
        try ByteToMessageDecoderVerifier.verifyDecoder(inputOutputPairs: pairs) { FrameDecoder() }
    }

    @Test func byteBufferEncodingMatchesCertWireByteForByte() {
        let extra: [Frame] = [
            .response(.failure(callID: 2, RPCError(.notFound, "no such thing", reason: "notFound"))),
            .response(.failure(callID: 3, RPCError(.internal, String(repeating: "é", count: 40_000)))),
            .pong(opaque: 77),
            .request(RequestFrame(callID: 4, methodID: 5, metadata: ["b": "2", "a": "1"], payload: [])),
        ]
        for frame in Self.frames + extra {
            var buffer = ByteBuffer()
            let written = buffer.writeFrame(frame)
            #expect(Array(buffer: buffer) == frame.encoded)
            #expect(written == frame.encoded.count)
        }
    }

    @Test func oversizedLengthPrefixIsRefusedBeforeTheBodyArrives() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(FrameDecoder(maxFrameLength: 1024)))
        // Only the 4-byte prefix announcing 4 GiB - 1: refused now, nothing buffered or allocated.
        #expect(throws: FrameError.frameTooLarge(length: Int(UInt32.max), limit: 1024)) {
            try channel.writeInbound(ByteBuffer(bytes: [0xFF, 0xFF, 0xFF, 0xFF]))
        }
        _ = try? channel.finish()
    }

    @Test func truncatedFrameWaitsForTheRest() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(FrameDecoder()))
        let bytes = Frame.cancel(callID: 5).encoded
        try channel.writeInbound(ByteBuffer(bytes: bytes.prefix(7)))
        #expect(try channel.readInbound(as: Frame.self) == nil)
        try channel.writeInbound(ByteBuffer(bytes: bytes.dropFirst(7)))
        #expect(try channel.readInbound(as: Frame.self) == .cancel(callID: 5))
        #expect(try channel.finish().isClean)
    }

    @Test func truncatedFrameAtCloseProducesNothing() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(FrameDecoder()))
        let bytes = Frame.ping(opaque: 3).encoded
        try channel.writeInbound(ByteBuffer(bytes: bytes.prefix(10)))
        // The peer vanished mid-frame: no frame comes out; the partial bytes are dropped.
        _ = try channel.finish()
        #expect(try channel.readInbound(as: Frame.self) == nil)
    }

    @Test func unknownFrameTypeIsAnError() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(FrameDecoder()))
        #expect(throws: FrameError.unknownFrameType(0x7F)) {
            try channel.writeInbound(ByteBuffer(bytes: [0, 0, 0, 8, 1, 0x7F, 0, 0, 0, 0, 0, 1]))
        }
        _ = try? channel.finish()
    }
}

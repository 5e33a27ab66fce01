import CertWire
import Testing

@Suite struct FrameTests {
    /// The worked example in docs/PROTOCOL.md; if this changes, the document is wrong.
    @Test func echoRequestEncodesToTheDocumentedBytes() throws {
        let frame = Frame.request(
            RequestFrame(
                callID: 1, methodID: 0x0001_0001, timeoutMicroseconds: 5_000_000, metadata: ["k": "v"],
                payload: [0x0a, 0x02, 0x68, 0x69])
        )
        let expected: [UInt8] = [
            0x00, 0x00, 0x00, 0x20,  // length 32
            0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,  // version, request, flags, call 1
            0x00, 0x01, 0x00, 0x01,  // method 0x00010001
            0x00, 0x00, 0x00, 0x00, 0x00, 0x4C, 0x4B, 0x40,  // timeout 5,000,000 us
            0x00, 0x01, 0x00, 0x01, 0x6B, 0x00, 0x01, 0x76,  // 1 pair: "k" = "v"
            0x0a, 0x02, 0x68, 0x69,  // payload
        ]
        #expect(frame.encoded == expected)
        #expect(try Frame(parsing: expected) == frame)
    }

    @Test func okResponseEncodesToTheDocumentedBytes() throws {
        let frame = Frame.response(.ok(callID: 1, payload: [0x0a, 0x02, 0x68, 0x69]))
        let expected: [UInt8] = [
            0x00, 0x00, 0x00, 0x12, 0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0a, 0x02, 0x68, 0x69,
        ]
        #expect(frame.encoded == expected)
        #expect(try Frame(parsing: expected) == frame)
    }

    @Test func failedResponseCancelAndPingEncodeToTheDocumentedBytes() {
        let failed = Frame.response(.failure(callID: 2, RPCError(.notFound, "no such thing", reason: "notFound")))
        let expected: [UInt8] =
            [0x00, 0x00, 0x00, 0x23, 0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x03, 0x00, 0x0D]
            + Array("no such thing".utf8) + [0x00, 0x08] + Array("notFound".utf8)
        #expect(failed.encoded == expected)
        #expect(Frame.cancel(callID: 1).encoded == [0, 0, 0, 8, 1, 3, 0, 0, 0, 0, 0, 1])
        #expect(Frame.ping(opaque: 1).encoded == [0, 0, 0, 0x10, 1, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])
    }

    @Test func everyFrameTypeRoundTrips() throws {
        let frames: [Frame] = [
            .request(RequestFrame(callID: 7, methodID: 9, payload: [])),
            .request(
                RequestFrame(
                    callID: UInt32.max, methodID: 1, timeoutMicroseconds: 1, metadata: ["a": "é", "": ""],
                    payload: [1, 2, 3])),
            .response(.failure(callID: 3, RPCError(.notFound, "no such cert", reason: "notFound"))),
            .response(.ok(callID: 4, payload: Array(repeating: 0xAB, count: 5000))),
            .cancel(callID: 12),
            .ping(opaque: 0x0102_0304_0506_0708),
            .pong(opaque: 42),
            .goAway(GoAwayFrame(lastCallID: 99, status: .unavailable, message: "draining")),
        ]
        for frame in frames {
            #expect(try Frame(parsing: frame.encoded) == frame)
        }
    }

    @Test func metadataIsWrittenSortedSoEncodingIsDeterministic() {
        let a = Frame.request(
            RequestFrame(callID: 1, methodID: 1, metadata: ["b": "2", "a": "1", "c": "3"], payload: []))
        let bytes = a.encoded
        let text = String(decoding: bytes[26...], as: UTF8.self)
        #expect(text.firstIndex(of: "a")! < text.firstIndex(of: "b")!)
        #expect(text.firstIndex(of: "b")! < text.firstIndex(of: "c")!)
    }

    @Test func unknownFrameTypeIsRejected() {
        let bytes: [UInt8] = [0, 0, 0, 8, 1, 0x7F, 0, 0, 0, 0, 0, 1]
        #expect(throws: FrameError.unknownFrameType(0x7F)) { try Frame(parsing: bytes) }
    }

    @Test func unsupportedVersionIsRejected() {
        var bytes = Frame.cancel(callID: 1).encoded
        bytes[4] = 2
        #expect(throws: FrameError.unsupportedVersion(2)) { try Frame(parsing: bytes) }
    }

    @Test func truncatedFieldsAreNamed() {
        // A request header with only 2 of the 4 method id bytes.
        let bytes: [UInt8] = [0, 0, 0, 10, 1, 1, 0, 0, 0, 0, 0, 1, 0, 0]
        #expect(throws: FrameError.truncated(field: "methodID")) { try Frame(parsing: bytes) }
    }

    @Test func invalidUTF8InAMessageIsRejected() {
        let bytes: [UInt8] = [0, 0, 0, 15, 1, 2, 0, 0, 0, 0, 0, 1, 0, 5, 0, 1, 0xFF, 0, 0]
        #expect(throws: FrameError.invalidUTF8(field: "message")) { try Frame(parsing: bytes) }
    }

    @Test func cancelWithTrailingBytesIsRejected() {
        let bytes: [UInt8] = [0, 0, 0, 9, 1, 3, 0, 0, 0, 0, 0, 1, 0xEE]
        #expect(throws: FrameError.trailingBytes(type: .cancel, count: 1)) { try Frame(parsing: bytes) }
    }

    @Test func unknownStatusFoldsIntoInternal() throws {
        let bytes: [UInt8] = [0, 0, 0, 14, 1, 2, 0, 0, 0, 0, 0, 1, 0x03, 0xE7, 0, 0, 0, 0]
        let frame = try Frame(parsing: bytes)
        guard case .response(let response) = frame else {
            Issue.record("expected a response, got \(frame)")
            return
        }
        #expect(response.status == .internal)
    }

    @Test func overlongMessagesAreCutAtTheFieldLimit() throws {
        let long = String(repeating: "x", count: 70_000)
        let frame = Frame.response(.failure(callID: 1, RPCError(.internal, long)))
        guard case .response(let parsed) = try Frame(parsing: frame.encoded) else {
            Issue.record("expected a response")
            return
        }
        #expect(parsed.message.utf8.count == Frame.maxStringFieldLength)
    }
}

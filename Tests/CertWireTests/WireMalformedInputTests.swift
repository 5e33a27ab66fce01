import CertWire
import Testing

@Suite struct WireMalformedInputTests {
    private func sample() -> Envelope {
        var inner = Scalars()
        inner.flag = true
        inner.i32 = .min
        inner.i64 = .max
        inner.u64 = .max
        inner.real = .pi
        inner.text = "héllo"
        inner.blob = Array(0..<40)
        inner.time = Timestamp(seconds: 1_700_000_000, nanoseconds: 123)
        inner.color = .red
        var body = Composite()
        body.inner = inner
        body.maybeNumber = -3
        body.numbers = [1, 2, 300]
        body.children = [inner]
        body.labels = ["a": "b"]
        body.reals = [1.0]
        var envelope = Envelope()
        envelope.body = body
        return envelope
    }

    @Test func everyStrictPrefixOfAnEnvelopeIsAnError() throws {
        let bytes = self.sample().serializedBytes()
        #expect(try Envelope(serializedBytes: bytes) == self.sample())
        for length in 1..<bytes.count {
            #expect(throws: WireDecodingError.self, "prefix of \(length) bytes") {
                try Envelope(serializedBytes: Array(bytes.prefix(length)))
            }
        }
    }

    @Test func everyPrefixOfAFlatMessageDecodesOrThrowsWithoutTrapping() {
        let bytes = self.sample().body.inner.serializedBytes()
        var failures = 0
        for length in 0...bytes.count {
            do {
                _ = try Scalars(serializedBytes: Array(bytes.prefix(length)))
            } catch {
                failures += 1
            }
        }
        #expect(failures > 0)
    }

    @Test func aLengthClaimingFourGibibytesIsRefusedBeforeAllocating() {
        var writer = WireWriter()
        writer.writeTag(8, .lengthDelimited)
        writer.writeVarint(4 << 30)
        writer.writeFixed32(0)
        #expect(throws: WireDecodingError.lengthExceedsRemaining(field: 8, claimed: 4 << 30, remaining: 4)) {
            try Scalars(serializedBytes: writer.bytes)
        }
    }

    @Test func aLengthOfUInt64MaxIsRefused() {
        let bytes: [UInt8] = [0x42] + Array(repeating: 0xFF, count: 9) + [0x01]
        #expect(throws: WireDecodingError.lengthExceedsRemaining(field: 8, claimed: .max, remaining: 0)) {
            try Scalars(serializedBytes: bytes)
        }
    }

    @Test func varintsLongerThanTenBytesOrAbove64BitsAreMalformed() {
        let eleven: [UInt8] = [0x28] + Array(repeating: 0xFF, count: 10) + [0x01]
        #expect(throws: WireDecodingError.malformedVarint) { try Scalars(serializedBytes: eleven) }
        let overflowing: [UInt8] = [0x28] + Array(repeating: 0xFF, count: 9) + [0x02]
        #expect(throws: WireDecodingError.malformedVarint) { try Scalars(serializedBytes: overflowing) }
        let unterminated: [UInt8] = [0x28, 0xFF, 0xFF]
        #expect(throws: WireDecodingError.truncated) { try Scalars(serializedBytes: unterminated) }
    }

    @Test func invalidUTF8IsRefusedWithTheFieldNumber() {
        for invalid: [UInt8] in [
            [0xFF], [0xC3], [0xED, 0xA0, 0x80], [0x61, 0x80], [0xC0, 0x80], [0xF4, 0x90, 0x80, 0x80],
        ] {
            var writer = WireWriter()
            writer.writeTag(7, .lengthDelimited)
            writer.writeLengthPrefixed(bytes: invalid)
            #expect(throws: WireDecodingError.invalidUTF8(field: 7)) { try Scalars(serializedBytes: writer.bytes) }
        }
    }

    @Test func aStringHoldingTheReplacementCharacterIsValid() throws {
        var writer = WireWriter()
        writer.writeTag(7, .lengthDelimited)
        writer.writeLengthPrefixed(bytes: [0x61, 0xEF, 0xBF, 0xBD, 0x62])
        #expect(try Scalars(serializedBytes: writer.bytes).text == "a\u{FFFD}b")
    }

    @Test func wrongWireTypeForAKnownFieldIsRefused() {
        var writer = WireWriter()
        writer.writeTag(7, .varint)
        writer.writeVarint(1)
        #expect(throws: WireDecodingError.wrongWireType(field: 7, expected: .lengthDelimited, got: .varint)) {
            try Scalars(serializedBytes: writer.bytes)
        }
    }

    @Test func unsupportedWireTypesAndFieldZeroAreRefused() {
        #expect(throws: WireDecodingError.unsupportedWireType(field: 1, rawValue: 3)) {
            try Scalars(serializedBytes: [0x0B])
        }
        #expect(throws: WireDecodingError.invalidFieldNumber(0)) { try Scalars(serializedBytes: [0x00, 0x00]) }
        let tooLarge: [UInt8] = [0x80, 0x80, 0x80, 0x80, 0x10]  // field 2^29, varint
        #expect(throws: WireDecodingError.invalidFieldNumber(1 << 29)) { try Scalars(serializedBytes: tooLarge) }
    }

    @Test func integersTooWideForTheirFieldAreRefused() {
        var writer = WireWriter()
        writer.writeTag(4, .varint)
        writer.writeVarint(UInt64(UInt32.max) + 1)
        #expect(throws: WireDecodingError.integerOutOfRange(field: 4)) { try Scalars(serializedBytes: writer.bytes) }
        var enumWriter = WireWriter()
        enumWriter.writeTag(10, .varint)
        enumWriter.writeVarint(UInt64(Int32.max) + 1)
        #expect(throws: WireDecodingError.integerOutOfRange(field: 10)) {
            try Scalars(serializedBytes: enumWriter.bytes)
        }
    }

    @Test func timestampNanosecondsOutOfRangeAreRefused() {
        var writer = WireWriter()
        writer.writeTag(9, .lengthDelimited)
        writer.writeLengthPrefixed { body in body.writeSingular(2, Int32(1_000_000_000)) }
        #expect(throws: WireDecodingError.invalidTimestamp(field: 9)) { try Scalars(serializedBytes: writer.bytes) }
    }

    @Test func deepNestingIsRefusedInsteadOfExhaustingTheStack() throws {
        var bytes: [UInt8] = []
        for _ in 0..<10_000 {
            var writer = WireWriter()
            writer.writeTag(1, .lengthDelimited)
            writer.writeLengthPrefixed(bytes: bytes)
            bytes = writer.bytes
        }
        #expect(throws: WireDecodingError.nestingTooDeep(limit: WireReader.maximumNestingDepth)) {
            try Node(serializedBytes: bytes)
        }
        var shallow = Node()
        for _ in 0..<10 {
            var parent = Node()
            parent.children = [shallow]
            shallow = parent
        }
        #expect(try Node(serializedBytes: shallow.serializedBytes()) == shallow)
    }

    @Test func randomBytesNeverTrap() {
        var generator = SplitMix64(seed: 0x5EED)
        var decodedCount = 0
        for _ in 0..<3_000 {
            let count = Int(generator.next() % 64)
            let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            if (try? Envelope(serializedBytes: bytes)) != nil { decodedCount += 1 }
            _ = try? Composite(serializedBytes: bytes)
        }
        #expect(decodedCount < 3_000)
    }
}

/// A tiny deterministic generator so fuzz-style tests are reproducible.
private struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { self.state = seed }
    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

import CertWire
import Testing

@Suite struct WireRoundTripTests {
    private func roundTrip<M: WireMessage>(_ message: M) throws -> M {
        try M(serializedBytes: message.serializedBytes())
    }

    @Test func defaultMessageEncodesToNothing() {
        #expect(Scalars().serializedBytes().isEmpty)
        #expect(OldScalars().serializedBytes().isEmpty)
    }

    @Test(arguments: [
        (Int64.min, Int32.min, UInt64.max, UInt32.max),
        (Int64.max, Int32.max, UInt64(1), UInt32(1)),
        (Int64(-1), Int32(-1), UInt64(1) << 63, UInt32(1) << 31),
    ])
    func integerExtremesRoundTrip(i64: Int64, i32: Int32, u64: UInt64, u32: UInt32) throws {
        var message = Scalars()
        message.i64 = i64
        message.i32 = i32
        message.u64 = u64
        message.u32 = u32
        #expect(try self.roundTrip(message) == message)
    }

    @Test func doublesRoundTripBitForBit() throws {
        let values: [Double] = [
            -0.0, .nan, -.nan, .infinity, -.infinity, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 1.5,
            Double(bitPattern: 0x7FF0_0000_0000_0001),
        ]
        for value in values {
            var message = Scalars()
            message.real = value
            let decoded = try self.roundTrip(message)
            #expect(decoded.real.bitPattern == value.bitPattern)
        }
        var negativeZero = Scalars()
        negativeZero.real = -0.0
        #expect(!negativeZero.serializedBytes().isEmpty, "-0.0 is not the default and must be written")
    }

    @Test func stringsAndBytesRoundTrip() throws {
        for text in ["", "a", "日本語 ✓ 🇨🇳 e\u{301}", String(repeating: "x", count: 100_000)] {
            var message = Scalars()
            message.text = text
            message.blob = Array(text.utf8) + [0, 255]
            #expect(try self.roundTrip(message) == message)
        }
        var empty = Scalars()
        empty.blob = []
        #expect(try self.roundTrip(empty).blob == [])
    }

    @Test func timestampsRoundTripIncludingBeforeTheEpoch() throws {
        for time in [
            Timestamp(seconds: 1_790_000_000, nanoseconds: 999_999_999), Timestamp(seconds: -1, nanoseconds: 5),
            Timestamp(seconds: .min, nanoseconds: 0), Timestamp(seconds: .max, nanoseconds: 1),
        ] {
            var message = Scalars()
            message.time = time
            #expect(try self.roundTrip(message).time == time)
        }
        #expect(Timestamp(seconds: -1, nanoseconds: 999_999_999) < Timestamp(seconds: 0))
        #expect(Timestamp(seconds: 1, nanoseconds: 1) > Timestamp(seconds: 1))
    }

    @Test func nestedListsMapsAndOptionalsRoundTrip() throws {
        var inner = Scalars()
        inner.text = "inner"
        inner.i32 = -7
        var message = Composite()
        message.inner = inner
        message.numbers = [0, -1, .max, .min, 300]
        message.names = ["", "b", "ä"]
        message.children = [Scalars(), inner]
        message.labels = ["z": "1", "a": "", "": "empty key"]
        message.byName = ["x": inner, "y": Scalars()]
        message.reals = [0, -0.0, 2.5]
        let decoded = try self.roundTrip(message)
        #expect(decoded == message)
        #expect(decoded.children.count == 2, "an all-default struct in a list is still an element")
    }

    @Test func optionalPresenceIsKeptEvenForDefaults() throws {
        var message = Composite()
        #expect(try self.roundTrip(message).maybeNumber == nil)
        #expect(try self.roundTrip(message).maybeInner == nil)
        message.maybeNumber = 0
        message.maybeInner = Scalars()
        let decoded = try self.roundTrip(message)
        #expect(decoded.maybeNumber == 0)
        #expect(decoded.maybeInner == Scalars())
    }

    @Test func mapsEncodeInSortedKeyOrderWhateverTheInsertionOrder() {
        var first = Composite()
        var second = Composite()
        let keys = (0..<50).map { "key\($0 * 7919 % 50)" }
        for key in keys { first.labels[key] = key }
        for key in keys.reversed() { second.labels[key] = key }
        #expect(first.serializedBytes() == second.serializedBytes())

        var small = Composite()
        small.labels = ["b": "", "a": ""]
        // Entry for "a" (field 7: 0x3A, length 3, key field 1: 0x0A 0x01 'a') comes before "b".
        #expect(small.serializedBytes() == [0x0A, 0x00, 0x3A, 0x03, 0x0A, 0x01, 0x61, 0x3A, 0x03, 0x0A, 0x01, 0x62])
    }

    @Test func nestedMessagesLongerThan127BytesGetAWiderLengthPrefix() throws {
        var message = Composite()
        message.inner.text = String(repeating: "y", count: 200)
        message.names = [String(repeating: "n", count: 20_000)]
        let bytes = message.serializedBytes()
        // field 1, then length 203 (tag + 2-byte length + 200 bytes) as the two-byte varint CB 01.
        #expect(Array(bytes.prefix(4)) == [0x0A, 0xCB, 0x01, 0x3A])
        #expect(try self.roundTrip(message) == message)
    }

    @Test func publishedEncodingVectors() {
        var message = Scalars()
        message.flag = true
        message.i32 = -1
        message.i64 = 1
        message.u32 = 300
        #expect(message.serializedBytes() == [0x08, 0x01, 0x10, 0x01, 0x18, 0x02, 0x20, 0xAC, 0x02])

        var big = Scalars()
        big.u64 = .max
        #expect(big.serializedBytes() == [0x28] + Array(repeating: 0xFF, count: 9) + [0x01])

        var real = Scalars()
        real.real = 1.0
        #expect(real.serializedBytes() == [0x31, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F])

        var time = Scalars()
        time.time = Timestamp(seconds: 1, nanoseconds: 1)
        #expect(time.serializedBytes() == [0x4A, 0x04, 0x08, 0x02, 0x10, 0x02])

        var packed = Composite()
        packed.numbers = [1, -1]
        #expect(packed.serializedBytes() == [0x0A, 0x00, 0x22, 0x02, 0x02, 0x01])
    }

    @Test func equalMessagesGiveEqualBytes() {
        var first = Composite()
        first.byName = ["q": Scalars(), "p": Scalars()]
        first.numbers = [3, 2, 1]
        let second = first
        #expect(first.serializedBytes() == second.serializedBytes())
        #expect(first.serializedBytes() == first.serializedBytes())
    }
}

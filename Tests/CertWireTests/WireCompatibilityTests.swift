import CertWire
import Testing

@Suite struct WireCompatibilityTests {
    @Test func olderDecoderSkipsUnknownFieldsOfEveryWireType() throws {
        var newer = Scalars()
        newer.flag = true
        newer.i64 = -5
        newer.real = 2.0
        newer.blob = [1, 2, 3]
        newer.text = "kept"
        newer.time = Timestamp(seconds: 9)
        var writer = WireWriter()
        newer.encode(to: &writer)
        writer.writeTag(99, .fixed32)
        writer.writeFixed32(0xDEAD_BEEF)
        writer.writeTag(WireTag.maxFieldNumber, .lengthDelimited)
        writer.writeLengthPrefixed(bytes: [9, 9])

        let older = try OldScalars(serializedBytes: writer.bytes)
        #expect(older.flag == true)
        #expect(older.text == "kept")
    }

    @Test func unknownEnumValuesSurviveDecodeAndReencode() throws {
        var message = Scalars()
        message.color = Color(rawValue: 42)
        let bytes = message.serializedBytes()
        let decoded = try Scalars(serializedBytes: bytes)
        #expect(decoded.color == .unrecognized(42))
        #expect(decoded.color.rawValue == 42)
        #expect(decoded.serializedBytes() == bytes)
        #expect(Color(rawValue: 1) == .red)
    }

    @Test func numericListsDecodeWhetherPackedOrNot() throws {
        var writer = WireWriter()
        writer.writeTag(4, .varint)
        Int32(-2).writeWireValue(to: &writer)
        writer.writeTag(4, .lengthDelimited)
        writer.writeLengthPrefixed { packed in
            Int32(5).writeWireValue(to: &packed)
            Int32(6).writeWireValue(to: &packed)
        }
        writer.writeTag(4, .varint)
        Int32(7).writeWireValue(to: &writer)
        let decoded = try Composite(serializedBytes: writer.bytes)
        #expect(decoded.numbers == [-2, 5, 6, 7])
    }

    @Test func duplicateMapKeysKeepTheLastValueAndMissingPartsAreDefaults() throws {
        var writer = WireWriter()
        for value in ["first", "second"] {
            writer.writeTag(7, .lengthDelimited)
            writer.writeLengthPrefixed { entry in
                entry.writeSingular(1, "k")
                entry.writeSingular(2, value)
            }
        }
        writer.writeTag(7, .lengthDelimited)
        writer.writeLengthPrefixed { _ in }
        let decoded = try Composite(serializedBytes: writer.bytes)
        #expect(decoded.labels == ["k": "second", "": ""])
    }

    @Test func lastOccurrenceOfASingularFieldWins() throws {
        var writer = WireWriter()
        writer.writeSingular(7, "one")
        writer.writeSingular(7, "two")
        #expect(try Scalars(serializedBytes: writer.bytes).text == "two")
    }
}

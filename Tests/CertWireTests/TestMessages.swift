import CertWire

// Hand-written messages shaped exactly like certidl's output, so the runtime is tested without the
// generator (the generator's own golden test covers generated code).

enum Color: WireEnum {
    case unspecified
    case red
    case unrecognized(Int32)

    init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .unspecified
        case 1: self = .red
        default: self = .unrecognized(rawValue)
        }
    }

    var rawValue: Int32 {
        switch self {
        case .unspecified: 0
        case .red: 1
        case .unrecognized(let value): value
        }
    }
}

struct Scalars: WireMessage, Hashable {
    var flag = false
    var i32: Int32 = 0
    var i64: Int64 = 0
    var u32: UInt32 = 0
    var u64: UInt64 = 0
    var real: Double = 0
    var text = ""
    var blob: [UInt8] = []
    var time = Timestamp.epoch
    var color = Color.unspecified

    init() {}

    init(from reader: inout WireReader) throws(WireDecodingError) {
        self.init()
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: self.flag = try reader.read(tag, as: Bool.self)
            case 2: self.i32 = try reader.read(tag, as: Int32.self)
            case 3: self.i64 = try reader.read(tag, as: Int64.self)
            case 4: self.u32 = try reader.read(tag, as: UInt32.self)
            case 5: self.u64 = try reader.read(tag, as: UInt64.self)
            case 6: self.real = try reader.read(tag, as: Double.self)
            case 7: self.text = try reader.read(tag, as: String.self)
            case 8: self.blob = try reader.read(tag, as: [UInt8].self)
            case 9: self.time = try reader.read(tag, as: Timestamp.self)
            case 10: self.color = try reader.read(tag, as: Color.self)
            default: try reader.skip(tag)
            }
        }
    }

    func encode(to writer: inout WireWriter) {
        writer.writeSingular(1, self.flag)
        writer.writeSingular(2, self.i32)
        writer.writeSingular(3, self.i64)
        writer.writeSingular(4, self.u32)
        writer.writeSingular(5, self.u64)
        writer.writeSingular(6, self.real)
        writer.writeSingular(7, self.text)
        writer.writeSingular(8, self.blob)
        writer.writeSingular(9, self.time)
        writer.writeSingular(10, self.color)
    }
}

struct Composite: WireMessage, Hashable {
    var inner = Scalars()
    var maybeNumber: Int64?
    var maybeInner: Scalars?
    var numbers: [Int32] = []
    var names: [String] = []
    var children: [Scalars] = []
    var labels: [String: String] = [:]
    var byName: [String: Scalars] = [:]
    var reals: [Double] = []

    init() {}

    init(from reader: inout WireReader) throws(WireDecodingError) {
        self.init()
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: self.inner = try reader.read(tag, as: Scalars.self)
            case 2: self.maybeNumber = try reader.read(tag, as: Int64.self)
            case 3: self.maybeInner = try reader.read(tag, as: Scalars.self)
            case 4: try reader.readList(tag, into: &self.numbers)
            case 5: try reader.readList(tag, into: &self.names)
            case 6: try reader.readList(tag, into: &self.children)
            case 7: try reader.readMapEntry(tag, into: &self.labels)
            case 8: try reader.readMapEntry(tag, into: &self.byName)
            case 9: try reader.readList(tag, into: &self.reals)
            default: try reader.skip(tag)
            }
        }
    }

    func encode(to writer: inout WireWriter) {
        writer.writeSingular(1, self.inner)
        writer.writeOptional(2, self.maybeNumber)
        writer.writeOptional(3, self.maybeInner)
        writer.writeList(4, self.numbers)
        writer.writeList(5, self.names)
        writer.writeList(6, self.children)
        writer.writeMap(7, self.labels)
        writer.writeMap(8, self.byName)
        writer.writeList(9, self.reals)
    }
}

/// An "old" view of ``Scalars``: only fields 1 and 7, and an enum that knows nothing.
struct OldScalars: WireMessage, Hashable {
    var flag = false
    var text = ""

    init() {}

    init(from reader: inout WireReader) throws(WireDecodingError) {
        self.init()
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: self.flag = try reader.read(tag, as: Bool.self)
            case 7: self.text = try reader.read(tag, as: String.self)
            default: try reader.skip(tag)
            }
        }
    }

    func encode(to writer: inout WireWriter) {
        writer.writeSingular(1, self.flag)
        writer.writeSingular(7, self.text)
    }
}

/// A recursive message, to test the nesting limit.
struct Node: WireMessage, Hashable {
    var children: [Node] = []

    init() {}

    init(from reader: inout WireReader) throws(WireDecodingError) {
        self.init()
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: try reader.readList(tag, into: &self.children)
            default: try reader.skip(tag)
            }
        }
    }

    func encode(to writer: inout WireWriter) {
        writer.writeList(1, self.children)
    }
}

/// Wraps one message in a length-delimited field so that every strict prefix is invalid.
struct Envelope: WireMessage, Hashable {
    var body = Composite()

    init() {}

    init(from reader: inout WireReader) throws(WireDecodingError) {
        self.init()
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: self.body = try reader.read(tag, as: Composite.self)
            default: try reader.skip(tag)
            }
        }
    }

    func encode(to writer: inout WireWriter) {
        writer.writeSingular(1, self.body)
    }
}

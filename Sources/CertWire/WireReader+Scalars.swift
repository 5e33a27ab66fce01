// Concrete overloads of `read(_:as:)` for every scalar type, preferred by the compiler over the
// generic version, so generated decoders call them directly (see WireWriter+Scalars.swift).
extension WireReader {
    /// ``read(_:as:)`` for `Bool`.
    public mutating func read(_ tag: WireTag, as type: Bool.Type) throws(WireDecodingError) -> Bool {
        guard tag.wireType == Bool.wireType else {
            throw .wrongWireType(field: tag.fieldNumber, expected: Bool.wireType, got: tag.wireType)
        }
        return try Bool.readWireValue(from: &self, field: tag.fieldNumber)
    }

    /// ``read(_:as:)`` for `Int32`.
    public mutating func read(_ tag: WireTag, as type: Int32.Type) throws(WireDecodingError) -> Int32 {
        guard tag.wireType == Int32.wireType else {
            throw .wrongWireType(field: tag.fieldNumber, expected: Int32.wireType, got: tag.wireType)
        }
        return try Int32.readWireValue(from: &self, field: tag.fieldNumber)
    }

    /// ``read(_:as:)`` for `Int64`.
    public mutating func read(_ tag: WireTag, as type: Int64.Type) throws(WireDecodingError) -> Int64 {
        guard tag.wireType == Int64.wireType else {
            throw .wrongWireType(field: tag.fieldNumber, expected: Int64.wireType, got: tag.wireType)
        }
        return try Int64.readWireValue(from: &self, field: tag.fieldNumber)
    }

    /// ``read(_:as:)`` for `UInt32`.
    public mutating func read(_ tag: WireTag, as type: UInt32.Type) throws(WireDecodingError) -> UInt32 {
        guard tag.wireType == UInt32.wireType else {
            throw .wrongWireType(field: tag.fieldNumber, expected: UInt32.wireType, got: tag.wireType)
        }
        return try UInt32.readWireValue(from: &self, field: tag.fieldNumber)
    }

    /// ``read(_:as:)`` for `UInt64`.
    public mutating func read(_ tag: WireTag, as type: UInt64.Type) throws(WireDecodingError) -> UInt64 {
        guard tag.wireType == UInt64.wireType else {
            throw .wrongWireType(field: tag.fieldNumber, expected: UInt64.wireType, got: tag.wireType)
        }
        return try UInt64.readWireValue(from: &self, field: tag.fieldNumber)
    }

    /// ``read(_:as:)`` for `Double`.
    public mutating func read(_ tag: WireTag, as type: Double.Type) throws(WireDecodingError) -> Double {
        guard tag.wireType == Double.wireType else {
            throw .wrongWireType(field: tag.fieldNumber, expected: Double.wireType, got: tag.wireType)
        }
        return try Double.readWireValue(from: &self, field: tag.fieldNumber)
    }

    /// ``read(_:as:)`` for `String`.
    public mutating func read(_ tag: WireTag, as type: String.Type) throws(WireDecodingError) -> String {
        guard tag.wireType == String.wireType else {
            throw .wrongWireType(field: tag.fieldNumber, expected: String.wireType, got: tag.wireType)
        }
        return try String.readWireValue(from: &self, field: tag.fieldNumber)
    }

    /// ``read(_:as:)`` for `[UInt8]`.
    public mutating func read(_ tag: WireTag, as type: [UInt8].Type) throws(WireDecodingError) -> [UInt8] {
        guard tag.wireType == [UInt8].wireType else {
            throw .wrongWireType(field: tag.fieldNumber, expected: [UInt8].wireType, got: tag.wireType)
        }
        return try [UInt8].readWireValue(from: &self, field: tag.fieldNumber)
    }

}

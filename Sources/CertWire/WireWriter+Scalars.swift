// Concrete overloads of the generic field writers for every scalar type. Generated code calls
// `writer.writeSingular(1, self.payload)`; the compiler picks these over the generic versions, so
// the hot path needs no generic specialization across the module boundary (no witness tables, no
// metadata lookups) even without `@inlinable`.
extension WireWriter {
    /// ``writeSingular(_:_:)`` for `Bool`.
    public mutating func writeSingular(_ field: UInt32, _ value: Bool) {
        if value.isWireDefault { return }
        self.writeTag(field, Bool.wireType)
        value.writeWireValue(to: &self)
    }

    /// ``writeOptional(_:_:)`` for `Bool`.
    public mutating func writeOptional(_ field: UInt32, _ value: Bool?) {
        guard let value else { return }
        self.writeTag(field, Bool.wireType)
        value.writeWireValue(to: &self)
    }

    /// ``writeSingular(_:_:)`` for `Int32`.
    public mutating func writeSingular(_ field: UInt32, _ value: Int32) {
        if value.isWireDefault { return }
        self.writeTag(field, Int32.wireType)
        value.writeWireValue(to: &self)
    }

    /// ``writeOptional(_:_:)`` for `Int32`.
    public mutating func writeOptional(_ field: UInt32, _ value: Int32?) {
        guard let value else { return }
        self.writeTag(field, Int32.wireType)
        value.writeWireValue(to: &self)
    }

    /// ``writeSingular(_:_:)`` for `Int64`.
    public mutating func writeSingular(_ field: UInt32, _ value: Int64) {
        if value.isWireDefault { return }
        self.writeTag(field, Int64.wireType)
        value.writeWireValue(to: &self)
    }

    /// ``writeOptional(_:_:)`` for `Int64`.
    public mutating func writeOptional(_ field: UInt32, _ value: Int64?) {
        guard let value else { return }
        self.writeTag(field, Int64.wireType)
        value.writeWireValue(to: &self)
    }

    /// ``writeSingular(_:_:)`` for `UInt32`.
    public mutating func writeSingular(_ field: UInt32, _ value: UInt32) {
        if value.isWireDefault { return }
        self.writeTag(field, UInt32.wireType)
        value.writeWireValue(to: &self)
    }

    /// ``writeOptional(_:_:)`` for `UInt32`.
    public mutating func writeOptional(_ field: UInt32, _ value: UInt32?) {
        guard let value else { return }
        self.writeTag(field, UInt32.wireType)
        value.writeWireValue(to: &self)
    }

    /// ``writeSingular(_:_:)`` for `UInt64`.
    public mutating func writeSingular(_ field: UInt32, _ value: UInt64) {
        if value.isWireDefault { return }
        self.writeTag(field, UInt64.wireType)
        value.writeWireValue(to: &self)
    }

    /// ``writeOptional(_:_:)`` for `UInt64`.
    public mutating func writeOptional(_ field: UInt32, _ value: UInt64?) {
        guard let value else { return }
        self.writeTag(field, UInt64.wireType)
        value.writeWireValue(to: &self)
    }

    /// ``writeSingular(_:_:)`` for `Double`.
    public mutating func writeSingular(_ field: UInt32, _ value: Double) {
        if value.isWireDefault { return }
        self.writeTag(field, Double.wireType)
        value.writeWireValue(to: &self)
    }

    /// ``writeOptional(_:_:)`` for `Double`.
    public mutating func writeOptional(_ field: UInt32, _ value: Double?) {
        guard let value else { return }
        self.writeTag(field, Double.wireType)
        value.writeWireValue(to: &self)
    }

    /// ``writeSingular(_:_:)`` for `String`.
    public mutating func writeSingular(_ field: UInt32, _ value: String) {
        if value.isWireDefault { return }
        self.writeTag(field, String.wireType)
        value.writeWireValue(to: &self)
    }

    /// ``writeOptional(_:_:)`` for `String`.
    public mutating func writeOptional(_ field: UInt32, _ value: String?) {
        guard let value else { return }
        self.writeTag(field, String.wireType)
        value.writeWireValue(to: &self)
    }

    /// ``writeSingular(_:_:)`` for `[UInt8]`.
    public mutating func writeSingular(_ field: UInt32, _ value: [UInt8]) {
        if value.isWireDefault { return }
        self.writeTag(field, [UInt8].wireType)
        value.writeWireValue(to: &self)
    }

    /// ``writeOptional(_:_:)`` for `[UInt8]`.
    public mutating func writeOptional(_ field: UInt32, _ value: [UInt8]?) {
        guard let value else { return }
        self.writeTag(field, [UInt8].wireType)
        value.writeWireValue(to: &self)
    }

}

extension AuditEvent {
    /// The bytes the hash chain covers (everything except `prevHash` and `hash`), deterministic:
    ///
    /// ```
    /// "certd.audit.v1"                      (14 bytes, no length)
    /// sequence                              UInt64 big-endian
    /// time                                  Int64 big-endian, milliseconds since 1970 (floor)
    /// actor, action, target, outcome, requestID      each: UInt32 BE byte count + UTF-8
    ///     (outcome is "success" or "failure:" + reason)
    /// details count                         UInt32 BE, then each pair sorted by key UTF-8 bytes:
    ///                                       key, value as length-prefixed UTF-8
    /// ```
    /// `hash = SHA-256(prevHash || canonicalBytes)`.
    public var canonicalBytes: [UInt8] {
        var bytes = Array("certd.audit.v1".utf8)
        bytes.reserveCapacity(128)
        func appendInteger<I: FixedWidthInteger>(_ value: I) {
            withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
        }
        func appendString(_ string: String) {
            appendInteger(UInt32(string.utf8.count))
            bytes.append(contentsOf: string.utf8)
        }
        appendInteger(self.sequence)
        appendInteger(self.time.unixMilliseconds)
        appendString(self.actor.rawValue)
        appendString(self.action.rawValue)
        appendString(self.target)
        switch self.outcome {
        case .success: appendString("success")
        case .failure(let reason): appendString("failure:" + reason)
        }
        appendString(self.requestID)
        let pairs = self.details.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        appendInteger(UInt32(pairs.count))
        for (key, value) in pairs {
            appendString(key)
            appendString(value)
        }
        return bytes
    }
}

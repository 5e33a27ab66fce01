/// The direction of an ordered scan.
package enum LMDBScanDirection: Sendable {
    /// Ascending key order.
    case forward
    /// Descending key order (newest-first, descending sorts).
    case reverse
}

/// A half-open key range `[lower, upper)` for ordered scans; `upper == nil` means "to the end".
package struct LMDBKeyRange: Sendable, Equatable {
    /// Smallest key included.
    package var lower: [UInt8]
    /// First key excluded, or `nil` for no upper bound.
    package var upper: [UInt8]?

    package init(lower: [UInt8], upper: [UInt8]?) {
        self.lower = lower
        self.upper = upper
    }

    /// Every key that starts with `prefix`.
    package init(prefix: [UInt8]) {
        self.lower = prefix
        self.upper = LMDBKeyRange.successor(of: prefix)
    }

    /// The smallest key greater than every key starting with `prefix`, or `nil` if none exists (all 0xFF).
    package static func successor(of prefix: [UInt8]) -> [UInt8]? {
        var bytes = prefix
        while let last = bytes.last {
            if last < 0xFF {
                bytes[bytes.count - 1] = last + 1
                return bytes
            }
            bytes.removeLast()
        }
        return nil
    }
}

/// Lexicographic comparison of a key in the map with a Swift byte array (LMDB's default key order).
func compareKeys(_ lhs: UnsafeRawBufferPointer, _ rhs: [UInt8]) -> Int {
    let common = min(lhs.count, rhs.count)
    var index = 0
    while index < common {
        let left = lhs[index]
        let right = rhs[index]
        if left != right {
            return left < right ? -1 : 1
        }
        index += 1
    }
    return lhs.count == rhs.count ? 0 : (lhs.count < rhs.count ? -1 : 1)
}

extension LMDBTransaction {
    /// Visits the entries of `range` in key order (or reverse), optionally resuming strictly after a key.
    ///
    /// - Parameters:
    ///   - database: the table or index.
    ///   - range: the keys to visit.
    ///   - direction: ascending or descending.
    ///   - resumeAfter: if given, the scan starts strictly after this key in `direction` (page tokens).
    ///   - visit: called with key and value views (valid only during the call); return false to stop.
    /// - Throws: `LMDBError` or what `visit` threw.
    package func scan(
        _ database: LMDBDatabase,
        range: LMDBKeyRange,
        direction: LMDBScanDirection = .forward,
        resumeAfter: [UInt8]? = nil,
        _ visit: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        try self.withCursor(database) { cursor in
            switch direction {
            case .forward:
                var start = range.lower
                if let resumeAfter, resumeAfter.lexicographicallyPrecedes(range.lower) == false {
                    start = resumeAfter
                }
                // LMDB refuses an empty key (MDB_BAD_VALSIZE); the empty key is simply "the first".
                let positioned = start.isEmpty ? try cursor.first() : try cursor.seek(atOrAfter: start)
                guard positioned else { return }
                if let resumeAfter, compareKeys(cursor.key, resumeAfter) == 0 {
                    guard try cursor.next() else { return }
                }
                repeat {
                    if let upper = range.upper, compareKeys(cursor.key, upper) >= 0 {
                        return
                    }
                    guard try visit(cursor.key, cursor.value) else { return }
                } while try cursor.next()
            case .reverse:
                // Position on the last key strictly below the exclusive end.
                var end = range.upper
                if let resumeAfter {
                    if let upper = end, !resumeAfter.lexicographicallyPrecedes(upper) {
                        // The range's own end is the tighter bound.
                    } else {
                        end = resumeAfter
                    }
                }
                let positioned: Bool
                if let end {
                    guard !end.isEmpty else { return }
                    positioned = try cursor.seek(atOrAfter: end) ? try cursor.previous() : try cursor.last()
                } else {
                    positioned = try cursor.last()
                }
                guard positioned else { return }
                repeat {
                    if compareKeys(cursor.key, range.lower) < 0 {
                        return
                    }
                    guard try visit(cursor.key, cursor.value) else { return }
                } while try cursor.previous()
            }
        }
    }
}

import CertWire
import Testing

@Suite struct WireStatusTests {
    /// docs/PROTOCOL.md promises these numbers to other implementations; they must never move.
    @Test func rawValuesAreThePublishedOnes() {
        let published: [(WireStatus, UInt16)] = [
            (.ok, 0), (.cancelled, 1), (.invalidArgument, 2), (.notFound, 3), (.alreadyExists, 4),
            (.permissionDenied, 5), (.unauthenticated, 6), (.failedPrecondition, 7), (.resourceExhausted, 8),
            (.deadlineExceeded, 9), (.unavailable, 10), (.unimplemented, 11), (.internal, 12),
        ]
        #expect(published.count == WireStatus.allCases.count)
        for (status, raw) in published {
            #expect(status.rawValue == raw)
        }
    }

    @Test func unknownRawValueFoldsIntoInternal() {
        #expect(WireStatus(rawWireValue: 999) == .internal)
        #expect(WireStatus(rawWireValue: 3) == .notFound)
    }
}

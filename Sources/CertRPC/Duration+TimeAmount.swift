import NIOCore

extension Duration {
    /// The longest deadline honoured (one year): larger timeouts, from callers or from the wire,
    /// are capped so that converting them can never overflow.
    static let longestTimeout = Duration.seconds(365 * 24 * 3600)

    /// The duration, capped at ``longestTimeout``, as NIO's `TimeAmount`.
    var timeAmount: TimeAmount {
        let capped = min(self, Self.longestTimeout)
        return .nanoseconds(capped.components.seconds * 1_000_000_000 + capped.components.attoseconds / 1_000_000_000)
    }

    /// Whole microseconds, capped at ``longestTimeout``; at least 1 for any positive duration,
    /// 0 for none or negative.
    var wholeMicroseconds: UInt64 {
        let capped = min(self, Self.longestTimeout)
        let micros = capped.components.seconds * 1_000_000 + capped.components.attoseconds / 1_000_000_000_000
        if micros > 0 { return UInt64(micros) }
        return self > .zero ? 1 : 0
    }

    /// A wire timeout (`timeoutMicros`), capped at ``longestTimeout``.
    static func wireTimeout(microseconds: UInt64) -> Duration {
        min(.microseconds(Int64(clamping: microseconds)), Self.longestTimeout)
    }
}

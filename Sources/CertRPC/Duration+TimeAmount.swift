import NIOCore

extension Duration {
    /// The duration as NIO's `TimeAmount`.
    var timeAmount: TimeAmount {
        .nanoseconds(self.components.seconds * 1_000_000_000 + self.components.attoseconds / 1_000_000_000)
    }

    /// Whole microseconds, at least 1 for any positive duration, 0 for none or negative.
    var wholeMicroseconds: UInt64 {
        let micros = self.components.seconds * 1_000_000 + self.components.attoseconds / 1_000_000_000_000
        if micros > 0 { return UInt64(micros) }
        return self > .zero ? 1 : 0
    }
}

import CertWire
import Foundation

extension Timestamp {
    /// The wire form of a date (whole seconds plus nanoseconds, floor-rounded so that dates before
    /// 1970 keep a non-negative nanosecond part).
    init(_ date: Date) {
        let interval = date.timeIntervalSince1970
        let seconds = interval.rounded(.down)
        let nanoseconds = ((interval - seconds) * 1_000_000_000).rounded()
        self.init(seconds: Int64(seconds), nanoseconds: Int32(min(nanoseconds, 999_999_999)))
    }
}

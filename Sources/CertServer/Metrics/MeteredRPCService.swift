public import CertWire
import CoreMetrics

/// Wraps an ``RPCService`` and records every call into ``RPCMetrics``: the metrics seam of the RPC
/// server, outside CertRPC.
///
/// Role: `CertdServices.metered(_:metrics:)` wraps each dispatcher before the RPC server sees it.
/// Invariants: forwards request, response and error unchanged; one call counted per `handle`;
/// an error's status is the `RPCError`'s, `cancelled` for cancellation, else `internal` (what the
/// server sends for unexpected errors).
/// Isolation: an immutable `Sendable` value.
public struct MeteredRPCService: RPCService {
    let base: any RPCService
    let metrics: RPCMetrics
    let instruments: [UInt32: (name: String, calls: CoreMetrics.Counter, duration: CoreMetrics.Timer)]

    /// - Parameters:
    ///   - base: the service to measure.
    ///   - metrics: where to record.
    public init(_ base: any RPCService, metrics: RPCMetrics) {
        self.base = base
        self.metrics = metrics
        var instruments: [UInt32: (name: String, calls: CoreMetrics.Counter, duration: CoreMetrics.Timer)] = [:]
        for method in base.methods {
            let handles = metrics.instruments(method: method.name)
            instruments[method.id] = (method.name, handles.calls, handles.duration)
        }
        self.instruments = instruments
    }

    public var methods: [RPCMethod] { self.base.methods }

    public func handle(methodID: UInt32, request: [UInt8], context: CallContext) async throws -> [UInt8] {
        guard let instrument = self.instruments[methodID] else {
            return try await self.base.handle(methodID: methodID, request: request, context: context)
        }
        instrument.calls.increment()
        let start = ContinuousClock.now
        defer { instrument.duration.recordInterval(since: start) }
        do {
            return try await self.base.handle(methodID: methodID, request: request, context: context)
        } catch let error as RPCError {
            self.metrics.recordError(method: instrument.name, status: error.status.description)
            throw error
        } catch is CancellationError {
            self.metrics.recordError(method: instrument.name, status: WireStatus.cancelled.description)
            throw CancellationError()
        } catch {
            self.metrics.recordError(method: instrument.name, status: WireStatus.internal.description)
            throw error
        }
    }
}

extension CoreMetrics.Timer {
    /// Records the time since `start` on the continuous clock.
    fileprivate func recordInterval(since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let (seconds, attoseconds) = elapsed.components
        self.recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}

import CertWire
import NIOCore
import Synchronization

/// One established client connection, usable from any thread.
///
/// Role: what ``RPCClient`` hands a call: the channel, its loop-bound handler, and the call-id
/// counter. Call ids are taken with an atomic increment here, off the event loop, so a call can
/// be cancelled by id before the loop has even started it.
/// Isolation: `Sendable`; the handler is only touched on its event loop via `execute`.
final class RPCClientConnection: Sendable {
    let channel: any Channel
    private let handler: NIOLoopBound<RPCClientConnectionHandler>
    private let nextCallID = Atomic<UInt32>(0)

    init(channel: any Channel, handler: NIOLoopBound<RPCClientConnectionHandler>, status: ConnectionStatus) {
        self.channel = channel
        self.handler = handler
        self.status = status
    }

    /// Whether the connection can take new calls (open, no goAway received). A cheap check off
    /// the event loop; the handler re-checks on the loop.
    var isUsable: Bool {
        self.channel.isActive && !self.status.isClosedForNewCalls.load(ordering: .relaxed)
    }

    private let status: ConnectionStatus

    func makeCallID() -> UInt32 {
        while true {
            let id = self.nextCallID.wrappingAdd(1, ordering: .relaxed).newValue
            if id != 0 { return id }
        }
    }

    /// Sends one request and waits for its response, its deadline, or the caller's cancellation.
    func call(_ request: RequestFrame, timeout: Duration?) async throws -> [UInt8] {
        let loop = self.channel.eventLoop
        let promise = loop.makePromise(of: [UInt8].self)
        let handler = self.handler
        if loop.inEventLoop {
            // The caller runs on this loop (see `RPCClient.connectionExecutors`): write now.
            handler.value.start(request, timeout: timeout?.timeAmount, promise: promise)
        } else {
            loop.execute {
                handler.value.start(request, timeout: timeout?.timeAmount, promise: promise)
            }
        }
        let callID = request.callID
        return try await withTaskCancellationHandler {
            try await promise.futureResult.get()
        } onCancel: {
            loop.execute {
                handler.value.giveUp(callID: callID, error: RPCError(.cancelled, "the caller cancelled the call"))
            }
        }
    }

    func close() async {
        try? await self.channel.close()
    }
}

/// A flag the event-loop side sets and callers read without hopping: "take no new calls here".
///
/// Isolation: `Sendable` through an atomic.
final class ConnectionStatus: Sendable {
    let isClosedForNewCalls = Atomic<Bool>(false)

    func closeForNewCalls() {
        self.isClosedForNewCalls.store(true, ordering: .relaxed)
    }
}

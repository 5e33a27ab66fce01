import CertTLS
import CertWire
import NIOCore

/// Runs the client side of one connection: sends requests, matches responses to waiting callers
/// by call id, enforces client deadlines, sends cancels and keep-alive pings.
///
/// Role: the last handler of a client pipeline (`TLSHandler`, `FrameDecoder`, this). Callers on
/// other threads reach it through ``RPCClientConnection`` (`NIOLoopBound` + `execute`).
/// Invariants: each pending call's promise is completed exactly once (response, deadline, cancel
/// or connection failure). Once `terminalError` is set, every new call fails with it at once.
/// Isolation: not `Sendable`; all state lives on the channel's event loop.
final class RPCClientConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = Frame
    typealias OutboundOut = ByteBuffer

    private struct PendingCall {
        var promise: EventLoopPromise<[UInt8]>
        var deadline: Scheduled<Void>?
    }

    private let maxFrameLength: Int
    private let keepAliveInterval: TimeAmount?
    /// Completed when TLS is up (the client's view; see ``TLSHandshakeCompleted``) or failed.
    let handshakePromise: EventLoopPromise<Void>
    private var calls: [UInt32: PendingCall] = [:]
    private var terminalError: RPCError?
    /// Set by a goAway: no new calls here; the owner opens a new connection instead.
    private(set) var isDraining = false
    private var context: ChannelHandlerContext?
    private var isReading = false
    private var isFlushScheduled = false
    private var awaitingPong = false
    private var keepAliveTask: Scheduled<Void>?

    /// Shared with ``RPCClientConnection`` so callers see "closed for new calls" without a hop.
    let status = ConnectionStatus()

    init(maxFrameLength: Int, keepAliveInterval: TimeAmount?, handshakePromise: EventLoopPromise<Void>) {
        self.maxFrameLength = maxFrameLength
        self.keepAliveInterval = keepAliveInterval
        self.handshakePromise = handshakePromise
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    /// Whether new calls may be sent on this connection.
    var isUsable: Bool {
        self.terminalError == nil && !self.isDraining && self.context != nil
    }

    // MARK: calls from RPCClient (on the event loop)

    func start(_ request: RequestFrame, timeout: TimeAmount?, promise: EventLoopPromise<[UInt8]>) {
        if let error = self.terminalError {
            // Never sent: safe to retry elsewhere, unless the server refused who we are.
            promise.fail(error.status == .unauthenticated ? error : CallNotProcessed(error: error) as any Error)
            return
        }
        guard let context = self.context, !self.isDraining else {
            promise.fail(CallNotProcessed(error: RPCError(.unavailable, "connection is closing")))
            return
        }
        var buffer = context.channel.allocator.buffer(capacity: 64 + request.payload.count)
        buffer.writeFrame(.request(request))
        guard buffer.readableBytes - 4 <= self.maxFrameLength else {
            promise.fail(
                RPCError(.resourceExhausted, "request of \(request.payload.count) bytes exceeds the frame limit"))
            return
        }
        let callID = request.callID
        var call = PendingCall(promise: promise)
        if let timeout {
            call.deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
                self.giveUp(callID: callID, error: RPCError(.deadlineExceeded, "no response within the call's timeout"))
            }
        }
        self.calls[callID] = call
        context.write(Self.wrapOutboundOut(buffer), promise: nil)
        self.scheduleFlush(context: context)
    }

    /// Fails the call locally and tells the server to stop working on it.
    func giveUp(callID: UInt32, error: RPCError) {
        guard let call = self.calls.removeValue(forKey: callID) else { return }
        call.deadline?.cancel()
        call.promise.fail(error)
        if let context = self.context, self.terminalError == nil {
            var buffer = context.channel.allocator.buffer(capacity: 12)
            buffer.writeFrame(.cancel(callID: callID))
            context.write(Self.wrapOutboundOut(buffer), promise: nil)
            self.scheduleFlush(context: context)
        }
    }

    // MARK: inbound

    func channelActive(context: ChannelHandlerContext) {
        self.scheduleKeepAlive(context: context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        self.isReading = true
        switch Self.unwrapInboundIn(data) {
        case .response(let response):
            guard let call = self.calls.removeValue(forKey: response.callID) else { return }  // given up already
            call.deadline?.cancel()
            if response.status == .ok {
                call.promise.succeed(response.payload)
            } else {
                call.promise.fail(RPCError(response.status, response.message, reason: response.reason))
            }
        case .ping(let opaque):
            var buffer = context.channel.allocator.buffer(capacity: 20)
            buffer.writeFrame(.pong(opaque: opaque))
            context.write(Self.wrapOutboundOut(buffer), promise: nil)
        case .pong:
            self.awaitingPong = false
        case .goAway(let goAway):
            self.isDraining = true
            self.status.closeForNewCalls()
            // Calls above lastCallID were never seen by the server: fail them as retryable.
            for callID in self.calls.keys where callID > goAway.lastCallID {
                let call = self.calls.removeValue(forKey: callID)
                call?.deadline?.cancel()
                call?.promise.fail(
                    CallNotProcessed(error: RPCError(.unavailable, "server sent goAway: \(goAway.message)")))
            }
            if goAway.status != .unavailable {
                self.terminalError = RPCError(goAway.status, "server closed the connection: \(goAway.message)")
            }
        case .request, .cancel:
            self.failConnection(
                RPCError(.unavailable, "protocol error: server sent a client-only frame"), context: context)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        self.isReading = false
        context.flush()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is TLSHandshakeCompleted {
            self.handshakePromise.succeed(())
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let rpcError: RPCError
        switch error {
        case let tlsError as TLSError where tlsError.isAuthenticationFailure:
            rpcError = RPCError(.unauthenticated, tlsError.description)
        case let tlsError as TLSError:
            rpcError = RPCError(.unavailable, tlsError.description)
        case let frameError as FrameError:
            rpcError = RPCError(.unavailable, "protocol error from server: \(frameError)")
        default:
            rpcError = RPCError(.unavailable, "connection failed: \(error)")
        }
        self.failConnection(rpcError, context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.keepAliveTask?.cancel()
        self.status.closeForNewCalls()
        let error = self.terminalError ?? RPCError(.unavailable, "connection closed by the server")
        self.terminalError = error
        self.handshakePromise.fail(error)
        self.failAll(error)
        context.fireChannelInactive()
    }

    // MARK: helpers

    private func failConnection(_ error: RPCError, context: ChannelHandlerContext) {
        self.status.closeForNewCalls()
        if self.terminalError == nil { self.terminalError = error }
        self.handshakePromise.fail(error)
        self.failAll(self.terminalError ?? error)
        context.close(promise: nil)
    }

    private func failAll(_ error: RPCError) {
        let calls = self.calls
        self.calls.removeAll()
        for call in calls.values {
            call.deadline?.cancel()
            call.promise.fail(error)
        }
    }

    private func scheduleKeepAlive(context: ChannelHandlerContext) {
        guard let interval = self.keepAliveInterval else { return }
        self.keepAliveTask = context.eventLoop.assumeIsolated().scheduleTask(in: interval) {
            self.keepAlive()
        }
    }

    private func keepAlive() {
        guard let context = self.context, self.terminalError == nil else { return }
        defer { self.scheduleKeepAlive(context: context) }
        if self.awaitingPong {
            self.failConnection(RPCError(.unavailable, "keep-alive ping went unanswered"), context: context)
            return
        }
        self.awaitingPong = true
        var buffer = context.channel.allocator.buffer(capacity: 20)
        buffer.writeFrame(.ping(opaque: UInt64(truncatingIfNeeded: NIODeadline.now().uptimeNanoseconds)))
        context.writeAndFlush(Self.wrapOutboundOut(buffer), promise: nil)
    }

    /// One flush per event-loop tick for all requests written in it.
    private func scheduleFlush(context: ChannelHandlerContext) {
        guard !self.isReading, !self.isFlushScheduled else { return }
        self.isFlushScheduled = true
        context.eventLoop.assumeIsolated().execute {
            self.isFlushScheduled = false
            self.context?.flush()
        }
    }
}

@available(*, unavailable)
extension RPCClientConnectionHandler: Sendable {}

/// A call the server certainly did not process (never sent, or above a goAway's `lastCallID`),
/// so ``RPCClient`` may retry it once on a fresh connection without risking a double effect.
struct CallNotProcessed: Error {
    var error: RPCError
}

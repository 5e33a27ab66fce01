public import NIOCore

/// Runs TLS over the channel: ciphertext below, plaintext above.
///
/// Role: the first handler of every certd pipeline (server and client). It drives a
/// ``TLSConnection`` through memory BIOs, fires ``TLSHandshakeCompleted`` once the peer is
/// verified, and passes decrypted bytes on in one `ByteBuffer` per network read.
/// Behaviour:
/// - Writes before the handshake completes are buffered, and every write is only encrypted on
///   flush, so several small frames written in one event-loop tick become one TLS record.
/// - A failed handshake (or a fatal alert) is fired as ``TLSError`` via `errorCaught`, the alert is
///   sent, the write side is shut (so unread peer bytes do not turn the close into an RST that
///   would destroy the alert), and the channel is closed shortly after.
/// - `close` sends close_notify first; `channelInactive` without the peer's close_notify fires
///   ``TLSError/uncleanShutdown``.
/// Isolation: not `Sendable`; all state lives on the channel's event loop.
public final class TLSHandler: ChannelDuplexHandler, RemovableChannelHandler {
    public typealias InboundIn = ByteBuffer
    public typealias InboundOut = ByteBuffer
    public typealias OutboundIn = ByteBuffer
    public typealias OutboundOut = ByteBuffer

    /// How long a connection whose handshake failed stays half-open so the alert is delivered.
    public static let failedConnectionLinger = TimeAmount.milliseconds(500)

    private let connection: TLSConnection
    private var stateMachine = StateMachine()
    /// Plaintext written but not yet encrypted; encrypted as one `SSL_write` on flush.
    private var pendingPlaintext: ByteBuffer?
    private var pendingPromises: [EventLoopPromise<Void>] = []
    /// A flush arrived before the handshake completed; honour it once it does.
    private var flushPending = false
    /// Reused buffer for decrypted bytes, so a steady stream does not allocate per read.
    private var plaintextBuffer: ByteBuffer?
    private var readPending = false

    /// - Parameter context: the shared TLS context (its role decides client or server).
    /// - Throws: ``TLSError`` when OpenSSL cannot create the session.
    public init(context: TLSContext) throws(TLSError) {
        self.connection = try TLSConnection(context: context)
    }

    /// A client handler that checks (and sends as SNI) a server name of its own, so one shared
    /// context can connect to many hosts (HTTPS webhooks).
    /// - Parameters:
    ///   - context: the shared client TLS context.
    ///   - serverName: the DNS name or IP literal the server's certificate must carry.
    /// - Throws: ``TLSError`` when OpenSSL cannot create the session or refuses the name.
    public init(context: TLSContext, serverName: String) throws(TLSError) {
        self.connection = try TLSConnection(context: context, serverName: serverName)
    }

    public func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive {
            self.startHandshakeIfNeeded(context: context)
        }
    }

    public func channelActive(context: ChannelHandlerContext) {
        self.startHandshakeIfNeeded(context: context)
        context.fireChannelActive()
    }

    private func startHandshakeIfNeeded(context: ChannelHandlerContext) {
        guard self.stateMachine.channelActive() else { return }
        self.stepHandshake(context: context)
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let ciphertext = Self.unwrapInboundIn(data)
        switch self.stateMachine.inboundData() {
        case .discard:
            return
        case .feedAndHandshake:
            self.connection.feed(ciphertext)
            self.stepHandshake(context: context)
        case .feedAndRead:
            self.connection.feed(ciphertext)
            self.readPlaintext(context: context)
        }
    }

    public func channelReadComplete(context: ChannelHandlerContext) {
        if self.readPending {
            self.readPending = false
            context.fireChannelReadComplete()
        }
        self.sendCiphertext(context: context, flush: true)
    }

    public func channelInactive(context: ChannelHandlerContext) {
        switch self.stateMachine.channelInactive() {
        case .reportUncleanShutdown:
            context.fireErrorCaught(TLSError.uncleanShutdown)
        case .forward:
            break
        }
        self.failPendingWrites(ChannelError.ioOnClosedChannel)
        context.fireChannelInactive()
    }

    public func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let plaintext = Self.unwrapOutboundIn(data)
        if self.pendingPlaintext == nil {
            self.pendingPlaintext = plaintext
        } else {
            self.pendingPlaintext!.writeImmutableBuffer(plaintext)
        }
        if let promise { self.pendingPromises.append(promise) }
    }

    public func flush(context: ChannelHandlerContext) {
        guard self.stateMachine.isActive else {
            self.flushPending = true
            return
        }
        self.encryptPending(context: context)
        self.sendCiphertext(context: context, flush: true)
    }

    public func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        guard mode != .input else {
            context.close(mode: mode, promise: promise)
            return
        }
        switch self.stateMachine.closeRequested() {
        case .sendCloseNotifyThenClose:
            self.encryptPending(context: context)
            self.connection.shutdown()
            self.sendCiphertext(context: context, flush: true)
            context.close(mode: mode, promise: promise)
        case .closeNow:
            context.close(mode: mode, promise: promise)
        }
    }

    // MARK: steps

    private func stepHandshake(context: ChannelHandlerContext) {
        switch self.connection.handshake() {
        case .wantRead:
            self.sendCiphertext(context: context, flush: true)
        case .failed(let error):
            self.fail(error, context: context)
        case .complete(let event):
            self.stateMachine.handshakeCompleted()
            self.sendCiphertext(context: context, flush: false)
            context.fireUserInboundEventTriggered(event)
            // Data that arrived with the last handshake flight is already in the read BIO.
            self.readPlaintext(context: context)
            guard self.stateMachine.isActive else { return }
            if self.flushPending {
                self.flushPending = false
                self.encryptPending(context: context)
            }
            // Always flush: the final handshake flight above was written without one.
            self.sendCiphertext(context: context, flush: false)
            context.flush()
        }
    }

    private func readPlaintext(context: ChannelHandlerContext) {
        var buffer = self.plaintextBuffer ?? context.channel.allocator.buffer(capacity: 16_384)
        self.plaintextBuffer = nil
        buffer.clear()
        let result = self.connection.read(into: &buffer)
        if buffer.readableBytes > 0 {
            self.readPending = true
            context.fireChannelRead(Self.wrapInboundOut(buffer))
        } else {
            self.plaintextBuffer = buffer
        }
        switch result {
        case .wantRead:
            break
        case .closeNotify:
            self.stateMachine.closeNotifyReceived()
            context.close(promise: nil)
        case .failed(let error):
            self.fail(error, context: context)
        }
    }

    private func encryptPending(context: ChannelHandlerContext) {
        guard let plaintext = self.pendingPlaintext else { return }
        self.pendingPlaintext = nil
        if let error = self.connection.write(plaintext) {
            self.fail(error, context: context)
        }
    }

    /// Sends whatever OpenSSL queued (handshake flights, records, alerts, close_notify), carrying
    /// the promises of the plaintext writes it contains.
    private func sendCiphertext(context: ChannelHandlerContext, flush: Bool) {
        if let ciphertext = self.connection.drainCiphertext(allocator: context.channel.allocator) {
            context.write(Self.wrapOutboundOut(ciphertext), promise: self.takeEncryptedPromises(context: context))
            if flush { context.flush() }
        }
    }

    private func takeEncryptedPromises(context: ChannelHandlerContext) -> EventLoopPromise<Void>? {
        // Promises belong to plaintext already encrypted only when nothing is left pending.
        guard self.pendingPlaintext == nil, !self.pendingPromises.isEmpty else { return nil }
        let promises = self.pendingPromises
        self.pendingPromises.removeAll(keepingCapacity: true)
        if promises.count == 1 { return promises[0] }
        let combined = context.eventLoop.makePromise(of: Void.self)
        for promise in promises { combined.futureResult.cascade(to: promise) }
        return combined
    }

    private func failPendingWrites(_ error: any Error) {
        self.pendingPlaintext = nil
        let promises = self.pendingPromises
        self.pendingPromises.removeAll()
        for promise in promises { promise.fail(error) }
    }

    private func fail(_ error: TLSError, context: ChannelHandlerContext) {
        guard self.stateMachine.state != .failed, self.stateMachine.state != .closed else { return }
        self.stateMachine.failed()
        self.pendingPlaintext = nil
        self.failPendingWrites(error)
        // Send the alert OpenSSL queued, then half-close so the peer reads it before our EOF.
        self.sendCiphertext(context: context, flush: true)
        context.fireErrorCaught(error)
        let halfClosed = context.eventLoop.makePromise(of: Void.self)
        context.close(mode: .output, promise: halfClosed)
        halfClosed.futureResult.assumeIsolated().whenFailure { _ in context.close(promise: nil) }
        context.eventLoop.assumeIsolated().scheduleTask(in: Self.failedConnectionLinger) { context.close(promise: nil) }
    }
}

@available(*, unavailable)
extension TLSHandler: Sendable {}

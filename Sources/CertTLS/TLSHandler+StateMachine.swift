extension TLSHandler {
    /// Decides what ``TLSHandler`` does for each event; the handler only executes the actions.
    ///
    /// Isolation: a value owned by the handler, on its event loop.
    struct StateMachine {
        /// Where the connection is. Legal transitions are listed per case.
        enum State: Equatable {
            /// Not active yet. -> `handshaking` (channel active, or data arrives), -> `closed`.
            case idle
            /// Handshake records flowing. -> `active` (handshake done), -> `failed`, -> `closed`.
            case handshaking
            /// Application data flows. -> `closing` (local close), -> `closed` (peer close_notify,
            /// EOF), -> `failed` (read error).
            case active
            /// close_notify sent; waiting for the channel to close. -> `closed`.
            case closing
            /// A fatal TLS error happened; inbound data is discarded. -> `closed`.
            case failed
            /// The channel is gone. Terminal.
            case closed
        }

        /// What to do with inbound ciphertext.
        enum InboundAction: Equatable {
            case feedAndHandshake
            case feedAndRead
            case discard
        }

        /// What to do on a close request.
        enum CloseAction: Equatable {
            /// Flush pending plaintext, queue close_notify, send it, then close.
            case sendCloseNotifyThenClose
            /// Close right away (no session to end cleanly).
            case closeNow
        }

        /// What to do when the channel goes inactive.
        enum InactiveAction: Equatable {
            /// The peer vanished mid-session without close_notify: report truncation.
            case reportUncleanShutdown
            case forward
        }

        private(set) var state: State = .idle
        /// Whether the peer ended the session with close_notify.
        private(set) var receivedCloseNotify = false

        var isActive: Bool { self.state == .active }

        /// The channel became active (or the handler was added to an active one).
        /// - Returns: whether to start the handshake now.
        mutating func channelActive() -> Bool {
            guard self.state == .idle else { return false }
            self.state = .handshaking
            return true
        }

        mutating func inboundData() -> InboundAction {
            switch self.state {
            case .idle:
                self.state = .handshaking
                return .feedAndHandshake
            case .handshaking:
                return .feedAndHandshake
            case .active:
                return .feedAndRead
            case .closing, .failed, .closed:
                return .discard
            }
        }

        mutating func handshakeCompleted() {
            precondition(self.state == .handshaking, "handshake completed in state \(self.state)")
            self.state = .active
        }

        mutating func failed() {
            if self.state != .closed { self.state = .failed }
        }

        mutating func closeNotifyReceived() {
            self.receivedCloseNotify = true
        }

        mutating func closeRequested() -> CloseAction {
            switch self.state {
            case .active:
                self.state = .closing
                return .sendCloseNotifyThenClose
            case .idle, .handshaking, .closing, .failed, .closed:
                return .closeNow
            }
        }

        mutating func channelInactive() -> InactiveAction {
            let wasActive = self.state == .active
            self.state = .closed
            return wasActive && !self.receivedCloseNotify ? .reportUncleanShutdown : .forward
        }
    }
}

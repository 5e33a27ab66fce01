/// Decoding entry points for generated RPC code, so every dispatcher and client reports a payload
/// that does not decode the same way: as an ``RPCError`` naming the method, message and field.
extension WireMessage {
    /// Decodes a request payload on the server side.
    /// - Parameters:
    ///   - requestPayload: the bytes the client sent.
    ///   - method: the method being called, for the message.
    /// - Throws: ``RPCError`` `invalidArgument` with reason `badRequestPayload`: the caller sent
    ///   something this server cannot read.
    public init(requestPayload: [UInt8], method: RPCMethod) throws(RPCError) {
        do {
            try self.init(serializedBytes: requestPayload)
        } catch {
            throw RPCError(
                .invalidArgument,
                "\(method.name): request is not a valid \(Self.self): \(error)",
                reason: "badRequestPayload"
            )
        }
    }

    /// Decodes a response payload on the client side.
    /// - Parameters:
    ///   - responsePayload: the bytes the server answered with.
    ///   - method: the method that was called, for the message.
    /// - Throws: ``RPCError`` `internal` with reason `badResponsePayload`: the server answered
    ///   with something this client cannot read (a bug or an incompatible server).
    public init(responsePayload: [UInt8], method: RPCMethod) throws(RPCError) {
        do {
            try self.init(serializedBytes: responsePayload)
        } catch {
            throw RPCError(
                .internal,
                "\(method.name): response is not a valid \(Self.self): \(error)",
                reason: "badResponsePayload"
            )
        }
    }
}

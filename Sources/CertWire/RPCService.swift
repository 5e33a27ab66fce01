/// One RPC method: its 32-bit id on the wire and its `Service/Method` name for logs.
///
/// Invariant: `id == serviceNumber << 16 | methodNumber`, both numbers explicit in the schema, so
/// ids never shift when methods are added.
public struct RPCMethod: Sendable, Hashable, CustomStringConvertible {
    /// The method id carried in request frames.
    public var id: UInt32
    /// `Service/Method`, as in the schema.
    public var name: String

    public init(id: UInt32, name: String) {
        self.id = id
        self.name = name
    }

    public var description: String { self.name }
}

/// A service the RPC server can route calls to; generated code conforms a per-service dispatcher.
///
/// Role: the seam between the transport (CertRPC, which knows frames) and generated code (CertAPI,
/// which knows messages). Payloads cross it as encoded bytes.
/// Isolation: `handle` is called concurrently from many tasks; implementations are `Sendable`.
public protocol RPCService: Sendable {
    /// Every method this service answers.
    var methods: [RPCMethod] { get }

    /// Decodes the request, runs the handler, encodes the response.
    /// - Parameters:
    ///   - methodID: one of ``methods``' ids.
    ///   - request: the encoded request payload.
    ///   - context: the call's identity, deadline and metadata.
    /// - Returns: the encoded response payload.
    /// - Throws: ``RPCError`` (`invalidArgument` when the payload does not decode, `unimplemented`
    ///   for an unknown id) or whatever the handler throws.
    func handle(methodID: UInt32, request: [UInt8], context: CallContext) async throws -> [UInt8]
}

/// Per-call options a client sets.
public struct CallOptions: Sendable {
    /// How long the caller waits; sent to the server so it can give up too. `nil`: no deadline.
    public var timeout: Duration?
    /// String pairs sent with the call.
    public var metadata: [String: String]

    public init(timeout: Duration? = nil, metadata: [String: String] = [:]) {
        self.timeout = timeout
        self.metadata = metadata
    }
}

/// Something that can carry one unary call to a server; CertRPC's client conforms.
///
/// Role: lets generated clients stay free of any transport.
/// Isolation: `Sendable`; many calls may be in flight at once.
public protocol RPCClientTransport: Sendable {
    /// Sends one request and waits for its response.
    /// - Parameters:
    ///   - method: the method to call.
    ///   - request: the encoded request payload.
    ///   - options: timeout and metadata.
    /// - Returns: the encoded response payload.
    /// - Throws: ``RPCError`` with the server's status, or a transport status
    ///   (`unavailable`, `deadlineExceeded`, `cancelled`, `unauthenticated`).
    func unary(method: RPCMethod, request: [UInt8], options: CallOptions) async throws -> [UInt8]
}

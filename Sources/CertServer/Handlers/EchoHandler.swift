public import CertAPI
public import CertWire

/// Answers Echo/Echo for tests and the RPC benchmark.
///
/// Role: measures the RPC stack, not the handler: a response of `responseSize` bytes is one
/// allocation of zeros, the benchmark's 2,048 bytes share one constant array (no allocation at
/// all), and `responseSize == 0` returns the request payload without copying it.
/// Invariants: needs no account; responses are capped at ``maximumResponseSize``.
/// Isolation: a stateless value.
public struct EchoHandler: EchoService.Handler {
    /// The largest response the handler produces (larger requests are refused).
    public static let maximumResponseSize = 1 << 20

    /// The benchmark's response (2,048 zero bytes), shared copy-on-write by every response.
    private static let benchmarkResponse = [UInt8](repeating: 0, count: 2048)

    public init() {}

    public func echo(_ request: EchoRequest, context: CallContext) async throws -> EchoResponse {
        let size = Int(request.responseSize)
        if size == 0 { return EchoResponse(payload: request.payload) }
        guard size <= Self.maximumResponseSize else {
            throw RPCError(
                .invalidArgument, "responseSize is at most \(Self.maximumResponseSize) bytes", reason: "tooLarge")
        }
        if size == Self.benchmarkResponse.count { return EchoResponse(payload: Self.benchmarkResponse) }
        return EchoResponse(payload: [UInt8](repeating: 0, count: size))
    }
}

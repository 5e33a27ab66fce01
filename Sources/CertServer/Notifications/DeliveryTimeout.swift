/// Runs `body` with a deadline: the first of the body and the timer to finish wins, the other is cancelled.
/// - Parameters:
///   - seconds: the timeout.
///   - body: the network exchange.
/// - Returns: what `body` returns.
/// - Throws: ``DeliveryError/timedOut(seconds:)`` when time runs out, else what `body` throws.
func withDeliveryTimeout<T: Sendable>(seconds: Int, _ body: @escaping @Sendable () async throws -> T) async throws
    -> T
{
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else {
            throw DeliveryError.timedOut(seconds: seconds)
        }
        return value
    }
}

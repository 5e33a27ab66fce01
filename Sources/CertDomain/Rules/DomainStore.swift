import Foundation

/// The domain's view of the store: error mapping, the clock, and auditing of refused operations.
///
/// Role: shared by the domain actors so each operation reads as "check and write in one body".
/// Invariant: every error leaving it is a ``DomainError``.
/// Isolation: a `Sendable` value; callable from any actor or task.
struct DomainStore: Sendable {
    let store: any InventoryStore
    let clock: any WallClock

    /// Runs `body` on a read snapshot.
    func read<T>(_ body: (any InventoryReader) throws -> T) throws(DomainError) -> T {
        do {
            return try self.store.read(body)
        } catch {
            throw DomainError.wrap(error)
        }
    }

    /// Runs `body` in one write transaction.
    func write<T: Sendable>(_ body: @escaping @Sendable (any InventoryWriter) throws -> T) async throws(DomainError)
        -> T
    {
        do {
            return try await self.store.write(body)
        } catch {
            throw DomainError.wrap(error)
        }
    }

    /// Runs a mutating operation; when it fails, records the refusal in the audit log (in its own
    /// transaction, since the operation's transaction aborted) and rethrows the error.
    ///
    /// A refusal that cannot be recorded (store full or down) is not reported over the original error.
    func audited<T>(
        _ caller: Caller,
        _ action: AuditAction,
        target: String,
        details: [String: String] = [:],
        isolation: isolated (any Actor)? = #isolation,
        _ operation: () async throws(DomainError) -> T
    ) async throws(DomainError) -> T {
        do {
            return try await operation()
        } catch {
            let time = self.clock.now()
            var details = details
            details["reason"] = error.reason
            _ = try? await self.write { [details] writer in
                try AuditTrail.append(
                    to: writer, time: time, caller: caller, action: action, target: target,
                    outcome: .failure(reason: error.reason), details: details)
            }
            throw error
        }
    }
}

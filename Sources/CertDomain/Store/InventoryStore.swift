/// The storage port of the domain: a read snapshot and an atomic write transaction, nothing more.
///
/// Role: the domain depends on this protocol, not on LMDB (ARCHITECTURE.md, "Why the store is a
/// port"). `CertStore` implements it on LMDB; ``InMemoryInventoryStore`` implements it in memory for
/// tests; ``InventoryStoreConformance`` checks that an implementation behaves like the in-memory one.
/// Invariants every implementation keeps:
/// - `read` sees one consistent snapshot: either all or none of any committed `write` body.
/// - `write` bodies are atomic: a body that throws leaves nothing behind (not even an audit event),
///   the error is rethrown unchanged; a body that returns is durable when `write` returns.
/// - Writes are serialised: each body sees every earlier committed body (and, under group commit,
///   every earlier body of the same batch).
/// - Readers and writers follow the filter, sort and cursor semantics written on ``CertificateQuery``
///   and ``AuditQuery``; implementations should call ``CertificateQuery/matches(_:)`` and
///   ``CertificateQuery/sortPrecedes(_:_:)`` for residual filtering so results are identical.
/// Isolation: `Sendable`; any task may call either method concurrently.
public protocol InventoryStore: Sendable {
    /// Runs `body` on one read snapshot (synchronous; many readers run concurrently and never wait
    /// for the writer).
    /// - Parameter body: reads through the reader; it must not keep the reader after returning.
    /// - Returns: what `body` returns.
    /// - Throws: what `body` throws, or ``InventoryStoreError`` when the snapshot cannot be opened.
    func read<T>(_ body: (any InventoryReader) throws -> T) throws -> T

    /// Runs `body` inside one write transaction: commits if it returns, aborts if it throws.
    ///
    /// The body is synchronous (LMDB's writer lock is thread-bound: no `await` inside). The store may
    /// run several callers' bodies in one commit (group commit), each in its own nested transaction,
    /// so one body's failure never undoes another's; it returns only after the commit is durable.
    /// - Parameter body: reads and writes through the writer; it must not keep the writer.
    /// - Returns: what `body` returns, once durable.
    /// - Throws: what `body` throws (nothing written), or ``InventoryStoreError`` (for example
    ///   ``InventoryStoreError/storageFull``; nothing written).
    func write<T: Sendable>(_ body: @escaping @Sendable (any InventoryWriter) throws -> T) async throws -> T
}

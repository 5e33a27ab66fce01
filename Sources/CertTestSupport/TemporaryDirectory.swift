import Foundation

/// Runs `body` with a fresh, empty, uniquely named directory that is removed afterwards (also when `body`
/// throws), so tests that use real files can run in parallel.
///
/// - Parameters:
///   - prefix: a readable name part, to recognise leftovers.
///   - body: receives the directory's path.
/// - Returns: what `body` returned.
/// - Throws: what `body` threw, or a file-system error creating the directory.
public func withTemporaryDirectory<T>(
    prefix: String = "certd-test",
    _ body: (String) async throws -> T
) async throws -> T {
    let path = try makeTemporaryDirectory(prefix: prefix)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try await body(path)
}

/// The synchronous form of ``withTemporaryDirectory(prefix:_:)-(_,(String)async throws->T)``.
public func withTemporaryDirectory<T>(prefix: String = "certd-test", _ body: (String) throws -> T) throws -> T {
    let path = try makeTemporaryDirectory(prefix: prefix)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}

private func makeTemporaryDirectory(prefix: String) throws -> String {
    let base = FileManager.default.temporaryDirectory.path
    let path = "\(base)/\(prefix)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

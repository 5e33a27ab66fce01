import Foundation

/// Starts the Python peers of the network tests (the HTTPS webhook receiver, the SMTP relay) and
/// reads what they saved.
///
/// Role: the part those peers share: run `python3 SCRIPT ARGS...` with stdin held open (each
/// script exits when it closes or after its own time limit), wait for its `PORT n` line, and list
/// the files it saved, in order.
/// Isolation: stateless; the first line is read on a thread of its own (``onOwnThread(_:)``),
/// never a task-pool thread.
enum PythonTestPeer {
    /// Runs the script and waits for its `PORT n` line.
    /// - Parameters:
    ///   - scriptPath: the Python script.
    ///   - arguments: its arguments.
    ///   - peerName: prefixed to the error's output when the peer does not start (nil: none).
    /// - Returns: the running process and the port it listens on.
    /// - Throws: ``HTTPSWebhookReceiverError/didNotStart(output:)`` with what it printed instead.
    static func start(scriptPath: String, arguments: [String], peerName: String? = nil) async throws
        -> (process: Process, port: Int)
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", scriptPath] + arguments
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardInput = Pipe()
        process.standardError = FileHandle.nullDevice
        try process.run()
        let handle = stdout.fileHandleForReading
        let line = try await onOwnThread {
            var data = [UInt8]()
            var buffer = [UInt8](repeating: 0, count: 256)
            while !data.contains(UInt8(ascii: "\n")) {
                let count = buffer.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, $0.count) }
                if count > 0 {
                    data += buffer[0..<count]
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    break
                }
            }
            return String(decoding: data, as: UTF8.self)
        }
        let parts = line.split(whereSeparator: \.isWhitespace)
        guard parts.count == 2, parts[0] == "PORT", let port = Int(parts[1]) else {
            process.terminate()
            throw HTTPSWebhookReceiverError.didNotStart(output: peerName.map { "\($0): \(line)" } ?? line)
        }
        return (process, port)
    }

    /// The contents of the files named `prefix...suffix` in `directory`, in name order.
    static func savedFiles(in directory: String, prefix: String, suffix: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(suffix) }.sorted().map {
            (try? String(contentsOfFile: directory + "/" + $0, encoding: .utf8)) ?? ""
        }
    }
}

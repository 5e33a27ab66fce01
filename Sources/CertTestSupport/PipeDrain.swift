import Foundation

/// Reads a pipe to its end on a thread of its own and hands each chunk to a closure.
///
/// Role: collects a child process's output without `FileHandle.readabilityHandler`, whose
/// dispatch read source can outlive the descriptor on Linux and crash the process in
/// `_dispatch_event_loop_drain` (swift-corelibs-foundation#3276). A blocking `read(2)` loop never
/// registers the descriptor with libdispatch, so there is nothing to race.
/// Invariants: the thread holds the handle, so the descriptor stays open until end of file
/// (the child exited and closed its end) or a read error; `onData` never sees an empty chunk.
enum PipeDrain {
    /// Starts draining `handle`.
    /// - Parameters:
    ///   - handle: the read end of a pipe.
    ///   - name: the thread's name, for backtraces.
    ///   - onData: called on the drain thread with each chunk read.
    static func start(_ handle: FileHandle, name: String, onData: @escaping @Sendable (Data) -> Void) {
        let thread = Thread {
            var buffer = [UInt8](repeating: 0, count: 16 * 1024)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, $0.count) }
                if count > 0 {
                    onData(Data(buffer[0..<count]))
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
        thread.name = name
        thread.start()
    }
}

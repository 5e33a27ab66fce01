import Logging

/// Sets up swift-log for certd: human-readable lines on stderr at the configured level.
///
/// Isolation: call once, on the main task, before anything logs.
enum LogSetup {
    /// - Parameter level: a level name already validated by ``ServerConfiguration``.
    /// - Returns: certd's root logger.
    static func bootstrap(level: String) -> Logger {
        let logLevel = Logger.Level(rawValue: level) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = logLevel
            return handler
        }
        var logger = Logger(label: "certd")
        logger.logLevel = logLevel
        return logger
    }
}

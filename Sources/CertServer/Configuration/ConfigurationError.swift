/// Why certd's configuration could not be resolved. Each case names the setting and what to do.
public enum ConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidListenAddress(String, problem: String)
    case invalidValue(setting: String, value: String, expected: String)
    case unknownSetting(name: String, file: String, line: Int)
    case malformedConfigLine(file: String, line: Int)
    case unreadableConfigFile(path: String, reason: String)
    case noHomeDirectory

    public var description: String {
        switch self {
        case .invalidListenAddress(let text, let problem):
            "invalid listen address '\(text)': \(problem)"
        case .invalidValue(let setting, let value, let expected):
            "invalid value '\(value)' for \(setting): expected \(expected)"
        case .unknownSetting(let name, let file, let line):
            "\(file):\(line): unknown setting '\(name)'; see `certd serve --help` for the settings a config file may hold"
        case .malformedConfigLine(let file, let line):
            "\(file):\(line): expected 'name = value' (a '#' starts a comment)"
        case .unreadableConfigFile(let path, let reason):
            "cannot read config file \(path): \(reason)"
        case .noHomeDirectory:
            "cannot choose a data directory: set CERTD_DATA or pass --data-dir"
        }
    }
}

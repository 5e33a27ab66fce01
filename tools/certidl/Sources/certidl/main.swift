// certidl: reads schema files and writes the generated Swift into an output folder.
//
//     certidl --output Sources/CertAPI/Generated schema/certd.idl
//
// Diagnostics go to stderr as `path:line:col: error: message`; any error means exit status 1 and
// nothing written. Files whose content is unchanged are not rewritten, so incremental builds stay
// incremental.
import CertIDL
import Foundation

/// What went wrong on the command line or with the file system (schema problems are diagnostics).
enum CommandLineError: Error, CustomStringConvertible {
    case usage(String)
    case unreadable(path: String, reason: String)
    case unwritable(path: String, reason: String)

    var description: String {
        switch self {
        case .usage(let message): "\(message)\nusage: certidl --output <dir> <schema.idl>..."
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        case .unwritable(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}

func run(arguments: [String]) throws(CommandLineError) -> Int32 {
    var output: String?
    var inputs: [String] = []
    var iterator = arguments.makeIterator()
    while let argument = iterator.next() {
        switch argument {
        case "--output", "-o":
            guard let value = iterator.next() else { throw .usage("--output needs a folder") }
            output = value
        case "--help", "-h":
            print("usage: certidl --output <dir> <schema.idl>...")
            return 0
        default:
            if argument.hasPrefix("-") { throw .usage("unknown option \(argument)") }
            inputs.append(argument)
        }
    }
    guard let output else { throw .usage("missing --output") }
    guard !inputs.isEmpty else { throw .usage("no schema files given") }

    var sources: [SchemaCompiler.Source] = []
    for path in inputs {
        do {
            sources.append(SchemaCompiler.Source(path: path, text: try String(contentsOfFile: path, encoding: .utf8)))
        } catch {
            throw .unreadable(path: path, reason: "\(error.localizedDescription)")
        }
    }
    let result = SchemaCompiler.compile(sources)
    for diagnostic in result.diagnostics {
        FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
    }
    if result.diagnostics.hasErrors { return 1 }

    do {
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
    } catch {
        throw .unwritable(path: output, reason: error.localizedDescription)
    }
    for file in result.files {
        let path = (output as NSString).appendingPathComponent(file.name)
        if let existing = try? String(contentsOfFile: path, encoding: .utf8), existing == file.contents { continue }
        do {
            try Data(file.contents.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .unwritable(path: path, reason: error.localizedDescription)
        }
    }
    return 0
}

do {
    exit(try run(arguments: Array(CommandLine.arguments.dropFirst())))
} catch {
    FileHandle.standardError.write(Data("certidl: \(error)\n".utf8))
    exit(2)
}

/// Splits schema text into tokens, skipping whitespace and comments but keeping `///` doc comments.
///
/// Role: the first pipeline stage. It never stops at a bad character: it reports a diagnostic and
/// skips it, so later stages still see the rest of the file.
/// Invariant: the token list always ends with exactly one `.endOfFile`.
public struct Lexer {
    private let file: String
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1

    /// - Parameters:
    ///   - text: the schema source.
    ///   - file: the path to print in locations.
    public init(text: String, file: String) {
        self.file = file
        self.scalars = Array(text.unicodeScalars)
    }

    /// Tokenizes the whole input.
    /// - Returns: the tokens and any diagnostics (unexpected characters, unterminated comments).
    public mutating func tokenize() -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var tokens: [Token] = []
        var diagnostics: [Diagnostic] = []
        while let scalar = self.peek() {
            let location = self.location
            switch scalar {
            case " ", "\t", "\n", "\r":
                self.advance()
            case "/" where self.peek(offset: 1) == "/":
                let text = self.lineComment()
                if text.hasPrefix("/") && !text.hasPrefix("//") {
                    var doc = Substring(text.dropFirst())
                    if doc.first == " " { doc = doc.dropFirst() }
                    tokens.append(Token(.docComment(String(doc)), at: location))
                }
            case "/" where self.peek(offset: 1) == "*":
                if !self.blockComment() {
                    diagnostics.append(Diagnostic(.error, at: location, "unterminated '/*' comment"))
                }
            case "{", "}", "(", ")", "<", ">", ",", ";", "=":
                self.advance()
                tokens.append(Token(.symbol(Character(scalar)), at: location))
            case "0"..."9":
                tokens.append(Token(.integer(self.integer()), at: location))
            case "a"..."z", "A"..."Z", "_":
                var name = ""
                while let next = self.peek(), Self.isIdentifierScalar(next) {
                    name.unicodeScalars.append(next)
                    self.advance()
                }
                tokens.append(Token(.identifier(name), at: location))
            default:
                self.advance()
                diagnostics.append(Diagnostic(.error, at: location, "unexpected character '\(scalar)'"))
            }
        }
        tokens.append(Token(.endOfFile, at: self.location))
        return (tokens, diagnostics)
    }

    private static func isIdentifierScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_": true
        default: false
        }
    }

    private var location: SourceLocation { SourceLocation(file: self.file, line: self.line, column: self.column) }

    private func peek(offset: Int = 0) -> Unicode.Scalar? {
        let position = self.index + offset
        return position < self.scalars.count ? self.scalars[position] : nil
    }

    private mutating func advance() {
        guard self.index < self.scalars.count else { return }
        if self.scalars[self.index] == "\n" {
            self.line += 1
            self.column = 1
        } else {
            self.column += 1
        }
        self.index += 1
    }

    /// Consumes `//...` to the end of the line; returns the text after the two slashes.
    private mutating func lineComment() -> String {
        self.advance()
        self.advance()
        var text = ""
        while let scalar = self.peek(), scalar != "\n" {
            if scalar != "\r" { text.unicodeScalars.append(scalar) }
            self.advance()
        }
        return text
    }

    /// Consumes `/* ... */`; returns false when the file ends first.
    private mutating func blockComment() -> Bool {
        self.advance()
        self.advance()
        while let scalar = self.peek() {
            if scalar == "*" && self.peek(offset: 1) == "/" {
                self.advance()
                self.advance()
                return true
            }
            self.advance()
        }
        return false
    }

    /// Consumes a decimal or `0x` hexadecimal literal (with optional `_` separators).
    private mutating func integer() -> UInt64? {
        var radix: UInt64 = 10
        if self.peek() == "0", let marker = self.peek(offset: 1), marker == "x" || marker == "X" {
            radix = 16
            self.advance()
            self.advance()
        }
        var value: UInt64? = 0
        var digitCount = 0
        while let scalar = self.peek(), Self.isIdentifierScalar(scalar) {
            self.advance()
            if scalar == "_" { continue }
            guard let digit = UInt64(String(scalar), radix: Int(radix)) else {
                value = nil
                continue
            }
            digitCount += 1
            if let current = value {
                let (shifted, overflow1) = current.multipliedReportingOverflow(by: radix)
                let (sum, overflow2) = shifted.addingReportingOverflow(digit)
                value = overflow1 || overflow2 ? nil : sum
            }
        }
        return digitCount == 0 ? nil : value
    }
}

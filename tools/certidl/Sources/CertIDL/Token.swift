/// One lexical unit of a schema file.
///
/// Invariant: `location` is where the token's first character is.
public struct Token: Sendable, Hashable {
    /// What kind of token it is, with its payload.
    public enum Kind: Sendable, Hashable {
        /// A name or keyword (`struct`, `int32`, `Echo`); keywords are contextual.
        case identifier(String)
        /// A non-negative decimal or `0x` hexadecimal integer; `nil` when it does not fit 64 bits.
        case integer(UInt64?)
        /// One of `{ } ( ) < > , ; =`.
        case symbol(Character)
        /// The text of a `///` comment line, without the slashes and one leading space.
        case docComment(String)
        /// The end of the file.
        case endOfFile
    }

    public var kind: Kind
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }
}

extension Token.Kind: CustomStringConvertible {
    public var description: String {
        switch self {
        case .identifier(let name): "'\(name)'"
        case .integer(let value): value.map { "integer \($0)" } ?? "integer"
        case .symbol(let symbol): "'\(symbol)'"
        case .docComment: "doc comment"
        case .endOfFile: "end of file"
        }
    }
}

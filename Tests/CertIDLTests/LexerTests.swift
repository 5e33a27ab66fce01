import CertIDL
import Testing

@Suite struct LexerTests {
    private func lex(_ text: String) -> (kinds: [Token.Kind], tokens: [Token], diagnostics: [Diagnostic]) {
        var lexer = Lexer(text: text, file: "t.idl")
        let (tokens, diagnostics) = lexer.tokenize()
        return (tokens.map(\.kind), tokens, diagnostics)
    }

    @Test func tokenizesDeclarationsWithLocations() {
        let result = self.lex("struct A {\n  int32 x = 12;\n}")
        #expect(
            result.kinds == [
                .identifier("struct"), .identifier("A"), .symbol("{"), .identifier("int32"), .identifier("x"),
                .symbol("="), .integer(12), .symbol(";"), .symbol("}"), .endOfFile,
            ]
        )
        #expect(result.tokens[3].location == SourceLocation(file: "t.idl", line: 2, column: 3))
        #expect(result.tokens[6].location.description == "t.idl:2:13")
        #expect(result.diagnostics.isEmpty)
    }

    @Test func keepsDocCommentsAndDropsOtherComments() {
        let result = self.lex("// plain\n/// Doc line.\n///\n//// not doc\n/* block\n /// inside */ x")
        #expect(result.kinds == [.docComment("Doc line."), .docComment(""), .identifier("x"), .endOfFile])
    }

    @Test func readsHexAndSeparatedIntegersAndFlagsOverflow() {
        let result = self.lex("0x1F 1_000 18446744073709551616 12ab")
        #expect(result.kinds == [.integer(31), .integer(1000), .integer(nil), .integer(nil), .endOfFile])
    }

    @Test func reportsEveryBadCharacterAndAnUnterminatedComment() {
        let result = self.lex("a $ b\n  # /* never closed")
        #expect(
            result.diagnostics.map(\.description) == [
                "t.idl:1:3: error: unexpected character '$'",
                "t.idl:2:3: error: unexpected character '#'",
                "t.idl:2:5: error: unterminated '/*' comment",
            ]
        )
        #expect(result.kinds == [.identifier("a"), .identifier("b"), .endOfFile])
    }
}

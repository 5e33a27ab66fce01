import CertIDL
import Testing

@Suite struct ParserTests {
    @Test func parsesEveryDeclarationKind() throws {
        let text = """
            /// The thing.
            struct Thing {
                /// Its name.
                optional string name = 1;
                list<Kind> kinds = 2;
                map<string, Thing> children = 3;
                reserved 4, 6 to 8;
            }
            enum Kind { none = 0; some = 1; reserved 2; }
            service Things = 10 {
                rpc Get(Thing) returns (Thing) = 1;
            }
            """
        let (file, diagnostics) = Parser.parse(text: text, path: "p.idl")
        #expect(diagnostics.isEmpty)
        #expect(file.declarations.count == 3)
        guard case .structure(let thing) = file.declarations.first else {
            Issue.record("first declaration is not a struct")
            return
        }
        #expect(thing.documentation == ["The thing."])
        #expect(thing.fields.map(\.name.text) == ["name", "kinds", "children"])
        #expect(thing.fields[0].documentation == ["Its name."])
        #expect(thing.fields.map(\.number.value) == [1, 2, 3])
        #expect(thing.reserved.map { [$0.lower.value, $0.upper.value] } == [[4, 4], [6, 8]])
        guard case .optional(.named(let wrapped), _) = thing.fields[0].type else {
            Issue.record("name is not optional string")
            return
        }
        #expect(wrapped.text == "string")
        #expect(wrapped.location.description == "p.idl:4:14")
        guard case .service(let service) = file.declarations[2] else {
            Issue.record("third declaration is not a service")
            return
        }
        #expect(service.number.value == 10)
        #expect(service.methods.map(\.name.text) == ["Get"])
        #expect(service.methods.first?.request.text == "Thing")
    }

    @Test func reportsSyntaxErrorsWithLocationsAndRecovers() {
        let text = """
            struct A {
                int32 x 1;
                string y = ;
                bool ok = 3;
            }
            strcut B { }
            service S = 1 { rpc M(A) (A) = 1; }
            enum E { zero = 0; }
            """
        let (file, diagnostics) = Parser.parse(text: text, path: "p.idl")
        #expect(
            diagnostics.map(\.description) == [
                "p.idl:2:13: error: expected '=', found integer 1",
                "p.idl:3:16: error: expected a field number, found ';'",
                "p.idl:6:1: error: expected 'struct', 'enum' or 'service', found 'strcut'",
                "p.idl:7:26: error: expected 'returns', found '('",
            ]
        )
        let names = file.declarations.map { declaration -> String in
            switch declaration {
            case .structure(let structure): structure.name.text + ":" + structure.fields.map(\.name.text).joined()
            case .enumeration(let enumeration): enumeration.name.text
            case .service(let service): service.name.text
            }
        }
        #expect(names == ["A:ok", "S", "E"])
    }

    @Test func reportsAMissingClosingBraceAtEndOfFile() {
        let (_, diagnostics) = Parser.parse(text: "struct A {\n  int32 x = 1;\n", path: "p.idl")
        #expect(diagnostics.map(\.description) == ["p.idl:3:1: error: expected '}', found end of file"])
    }
}

import CertIDL
import Testing

@Suite struct ValidatorTests {
    @Test func validSchemaHasNoDiagnostics() {
        let diagnostics = TestSupport.diagnostics(
            """
            struct B { A a = 1; E e = 2; }
            struct A { string s = 1; }
            enum E { zero = 0; }
            service S = 1 { rpc M(A) returns (B) = 1; }
            """
        )
        #expect(diagnostics.isEmpty, "forward references resolve: \(diagnostics)")
    }

    @Test func reportsAllStructProblemsAtOnceWithLocations() {
        let diagnostics = TestSupport.diagnostics(
            """
            struct A {
                int32 x = 1;
                int32 x = 2;
                int32 y = 1;
                Missing m = 3;
                int32 r = 5;
                int32 big = 536870912;
                int32 zero = 0;
                map<int32, string> badKey = 8;
                list<optional string> nested = 9;
                optional list<string> wrapped = 10;
                map<string, list<string>> deep = 11;
                reserved 5, 9 to 2;
            }
            struct A { }
            """
        )
        #expect(
            diagnostics == [
                "test.idl:3:11: error: duplicate field name 'x' (first declared at test.idl:2:11)",
                "test.idl:4:15: error: duplicate field number 1: already used by 'x' at test.idl:2:11",
                "test.idl:5:5: error: unknown type 'Missing'",
                "test.idl:6:15: error: field number 5 of 'r' is reserved (5)",
                "test.idl:7:17: error: field number 536870912 is out of range 1...536870911",
                "test.idl:8:18: error: field number 0 is out of range 1...536870911",
                "test.idl:9:9: error: map keys must be 'string'",
                "test.idl:10:10: error: list elements must be a single value type; wrap nested optionals, lists or maps in a struct",
                "test.idl:11:14: error: 'optional' applies to a single value type, not to optional, list or map",
                "test.idl:12:17: error: map values must be a single value type; wrap optionals, lists or maps in a struct",
                "test.idl:13:17: error: reserved range 9 to 2 is empty",
                "test.idl:15:8: error: type 'A' is already declared at test.idl:1:8",
            ]
        )
    }

    @Test func reportsEnumProblems() {
        let diagnostics = TestSupport.diagnostics(
            """
            enum E {
                one = 1;
                uno = 1;
                one = 2;
                unrecognized = 3;
                big = 2147483648;
                gone = 7;
                reserved 7;
            }
            """
        )
        #expect(
            diagnostics == [
                "test.idl:1:6: error: enum 'E' needs a case with value 0: it is the default of non-optional fields",
                "test.idl:3:11: error: duplicate enum value 1: already used by 'one' at test.idl:2:5",
                "test.idl:4:5: error: duplicate case name 'one' (first declared at test.idl:2:5)",
                "test.idl:5:5: error: 'unrecognized' is reserved for values this build does not know",
                "test.idl:6:11: error: enum value 2147483648 is out of range 0...2147483647",
                "test.idl:7:12: error: enum value 7 is reserved (7)",
            ]
        )
    }

    @Test func reportsServiceProblems() {
        let diagnostics = TestSupport.diagnostics(
            """
            struct Req { }
            enum Kind { zero = 0; }
            service A = 1 {
                rpc Get(Req) returns (Req) = 1;
                rpc get(Req) returns (Req) = 2;
                rpc Put(Req) returns (Req) = 1;
                rpc Bad(Kind) returns (string) = 3;
                rpc Lost(Nowhere) returns (Req) = 70000;
            }
            service B = 1 { }
            service C = 0 { }
            struct AService { }
            """
        )
        #expect(
            diagnostics == [
                "test.idl:5:9: error: duplicate rpc 'get' in service 'A' (first declared at test.idl:4:9)",
                "test.idl:6:34: error: duplicate rpc number 1: already used by 'Get' at test.idl:4:9",
                "test.idl:7:13: error: rpc request type 'Kind' is an enum; it must be a struct",
                "test.idl:7:28: error: rpc response type 'string' is a scalar; it must be a struct",
                "test.idl:8:14: error: unknown type 'Nowhere'",
                "test.idl:8:39: error: rpc number 70000 is out of range 1...65535",
                "test.idl:10:13: error: service number 1 is already used by service 'A' at test.idl:3:9",
                "test.idl:11:13: error: service number 0 is out of range 1...65535",
                "test.idl:12:8: error: type 'AService' is already declared at test.idl:3:9",
            ]
        )
    }

    @Test func reportsReservedAndBuiltInTypeNamesAndStyleWarnings() {
        let diagnostics = TestSupport.diagnostics(
            """
            struct Client { }
            struct string { }
            struct lower { int32 Upper = 1; }
            struct Fine { bool self = 1; int32 isWireDefault = 2; }
            """
        )
        #expect(
            diagnostics == [
                "test.idl:1:8: error: 'Client' is reserved for generated code; choose another name",
                "test.idl:2:8: error: 'string' is a built-in type name and cannot be declared",
                "test.idl:3:8: warning: type name 'lower' should be PascalCase",
                "test.idl:3:22: warning: field name 'Upper' should be camelCase",
                "test.idl:4:20: error: field name 'self' is reserved in generated Swift",
                "test.idl:4:36: error: field name 'isWireDefault' is reserved in generated Swift",
            ]
        )
    }

    @Test func refusesStructsThatContainThemselves() {
        let diagnostics = TestSupport.diagnostics(
            """
            struct A { B b = 1; }
            struct B { optional A a = 1; }
            struct C { list<C> children = 1; }
            """
        )
        #expect(
            diagnostics == [
                "test.idl:1:8: error: struct 'A' contains itself through singular or optional fields; use a list to break the cycle",
                "test.idl:2:8: error: struct 'B' contains itself through singular or optional fields; use a list to break the cycle",
            ]
        )
    }

    @Test func warningsAloneStillGenerate() {
        let output = TestSupport.compile("struct lower { }")
        #expect(output.diagnostics.map(\.severity) == [.warning])
        #expect(output.files.count == 3)
    }

    @Test func syntaxAndValidationErrorsAreReportedTogether() {
        let diagnostics = TestSupport.diagnostics("struct A { int32 x = ; Nope n = 2; }")
        #expect(
            diagnostics == [
                "test.idl:1:22: error: expected a field number, found ';'",
                "test.idl:1:24: error: unknown type 'Nope'",
            ]
        )
    }
}

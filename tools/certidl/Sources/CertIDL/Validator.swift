/// Checks parsed schema files and resolves them into a ``Schema``.
///
/// Role: the third pipeline stage. It collects *every* problem (it never stops at the first), so
/// the author fixes a schema in one pass. Type references may point forward and across files.
/// Invariant: ``validate(_:)`` returns a schema only when there are no error diagnostics.
public struct Validator {
    /// The largest field number (2^29 - 1, so tags fit in 32 bits).
    public static let maximumFieldNumber: UInt64 = (1 << 29) - 1

    private enum Kind {
        case structure(Syntax.Structure)
        case enumeration(Syntax.Enumeration)
    }

    private var diagnostics: [Diagnostic] = []
    private var types: [String: Kind] = [:]

    public init() {}

    /// Validates and resolves.
    /// - Parameter files: parsed files, in the order their declarations should be generated.
    /// - Returns: the schema (nil when any error was found) and all diagnostics, sorted by location.
    public mutating func validate(_ files: [Syntax.File]) -> (schema: Schema?, diagnostics: [Diagnostic]) {
        let declarations = files.flatMap(\.declarations)
        self.collectTypeNames(declarations)

        var resolved: [Schema.Declaration] = []
        var serviceNumbers: [UInt64: Syntax.Name] = [:]
        for declaration in declarations {
            switch declaration {
            case .structure(let structure):
                resolved.append(.message(self.validateStructure(structure)))
            case .enumeration(let enumeration):
                resolved.append(.enumeration(self.validateEnumeration(enumeration)))
            case .service(let service):
                if let number = service.number.value {
                    if let first = serviceNumbers[number] {
                        self.error(
                            at: service.number.location,
                            "service number \(number) is already used by service '\(first.text)' at \(first.location)"
                        )
                    } else {
                        serviceNumbers[number] = service.name
                    }
                }
                resolved.append(.service(self.validateService(service)))
            }
        }
        self.checkContainmentCycles(declarations)

        let sorted = self.diagnostics.sorted { $0.location < $1.location }
        if sorted.hasErrors { return (nil, sorted) }
        return (Schema(sourcePaths: files.map(\.path), declarations: resolved), sorted)
    }

    // MARK: Names

    private mutating func collectTypeNames(_ declarations: [Syntax.Declaration]) {
        var seen: [String: SourceLocation] = [:]
        func claim(_ swiftName: String, _ name: Syntax.Name, what: String, into validator: inout Validator) {
            if let first = seen[swiftName] {
                validator.error(at: name.location, "\(what) '\(swiftName)' is already declared at \(first)")
            } else {
                seen[swiftName] = name.location
            }
        }
        for declaration in declarations {
            switch declaration {
            case .structure(let structure):
                self.checkTypeName(structure.name)
                claim(structure.name.text, structure.name, what: "type", into: &self)
                if self.types[structure.name.text] == nil { self.types[structure.name.text] = .structure(structure) }
            case .enumeration(let enumeration):
                self.checkTypeName(enumeration.name)
                claim(enumeration.name.text, enumeration.name, what: "type", into: &self)
                if self.types[enumeration.name.text] == nil {
                    self.types[enumeration.name.text] = .enumeration(enumeration)
                }
            case .service(let service):
                self.checkTypeName(service.name)
                claim(Namer.serviceNamespace(service.name.text), service.name, what: "service namespace", into: &self)
            }
        }
    }

    private mutating func checkTypeName(_ name: Syntax.Name) {
        if Schema.Scalar(rawValue: name.text) != nil || ["optional", "list", "map"].contains(name.text) {
            self.error(at: name.location, "'\(name.text)' is a built-in type name and cannot be declared")
        } else if Namer.reservedTypeNames.contains(name.text) {
            self.error(at: name.location, "'\(name.text)' is reserved for generated code; choose another name")
        } else if let first = name.text.unicodeScalars.first, !("A"..."Z").contains(first) {
            self.warning(at: name.location, "type name '\(name.text)' should be PascalCase")
        }
    }

    // MARK: Structs

    private mutating func validateStructure(_ structure: Syntax.Structure) -> Schema.Message {
        let reserved = self.checkReserved(structure.reserved, range: 1...Self.maximumFieldNumber, what: "field number")
        var names: [String: SourceLocation] = [:]
        var numbers: [UInt64: Syntax.Name] = [:]
        var fields: [Schema.Field] = []
        for field in structure.fields {
            if let first = names[field.name.text] {
                self.error(
                    at: field.name.location, "duplicate field name '\(field.name.text)' (first declared at \(first))")
            } else {
                names[field.name.text] = field.name.location
            }
            if Namer.reservedFieldNames.contains(field.name.text) {
                self.error(at: field.name.location, "field name '\(field.name.text)' is reserved in generated Swift")
            } else if let first = field.name.text.unicodeScalars.first, !("a"..."z").contains(first) {
                self.warning(at: field.name.location, "field name '\(field.name.text)' should be camelCase")
            }
            var number: UInt32 = 0
            if let value = field.number.value {
                if !(1...Self.maximumFieldNumber).contains(value) {
                    self.error(
                        at: field.number.location,
                        "field number \(value) is out of range 1...\(Self.maximumFieldNumber)"
                    )
                } else if let range = reserved.first(where: { $0.contains(value) }) {
                    self.error(
                        at: field.number.location,
                        "field number \(value) of '\(field.name.text)' is reserved (\(Self.describe(range)))"
                    )
                } else if let first = numbers[value] {
                    self.error(
                        at: field.number.location,
                        "duplicate field number \(value): already used by '\(first.text)' at \(first.location)"
                    )
                } else {
                    numbers[value] = field.name
                    number = UInt32(value)
                }
            }
            let kind = self.resolveField(field.type)
            fields.append(
                Schema.Field(
                    name: field.name.text,
                    swiftName: Namer.identifier(field.name.text),
                    number: number,
                    documentation: field.documentation,
                    kind: kind ?? .singular(.scalar(.bool))
                )
            )
        }
        return Schema.Message(
            name: structure.name.text,
            swiftName: Namer.typeName(structure.name.text),
            documentation: structure.documentation,
            fields: fields
        )
    }

    private mutating func resolveField(_ type: Syntax.TypeReference) -> Schema.FieldKind? {
        switch type {
        case .named(let name):
            return self.resolveValue(name).map { .singular($0) }
        case .optional(let wrapped, _):
            guard case .named(let name) = wrapped else {
                self.error(
                    at: wrapped.location, "'optional' applies to a single value type, not to optional, list or map")
                return nil
            }
            return self.resolveValue(name).map { .optional($0) }
        case .list(let element, _):
            guard case .named(let name) = element else {
                self.error(
                    at: element.location,
                    "list elements must be a single value type; wrap nested optionals, lists or maps in a struct"
                )
                return nil
            }
            return self.resolveValue(name).map { .list($0) }
        case .map(let key, let value, _):
            var isValid = true
            if key != .named(Syntax.Name(text: "string", location: key.location)) {
                self.error(at: key.location, "map keys must be 'string'")
                isValid = false
            }
            guard case .named(let name) = value else {
                self.error(
                    at: value.location,
                    "map values must be a single value type; wrap optionals, lists or maps in a struct"
                )
                return nil
            }
            let resolved = self.resolveValue(name)
            return isValid ? resolved.map { .map($0) } : nil
        }
    }

    private mutating func resolveValue(_ name: Syntax.Name) -> Schema.ValueType? {
        if let scalar = Schema.Scalar(rawValue: name.text) { return .scalar(scalar) }
        switch self.types[name.text] {
        case .structure(let structure):
            return .message(swiftName: Namer.typeName(structure.name.text))
        case .enumeration(let enumeration):
            let zero = enumeration.cases.first { $0.value.value == 0 }
            return .enumeration(
                swiftName: Namer.typeName(enumeration.name.text),
                zeroCase: Namer.identifier(zero?.name.text ?? Namer.unrecognizedCaseName)
            )
        case nil:
            self.error(at: name.location, "unknown type '\(name.text)'")
            return nil
        }
    }

    /// A struct that contains itself through singular or optional fields would have infinite size.
    private mutating func checkContainmentCycles(_ declarations: [Syntax.Declaration]) {
        var edges: [String: [(String, SourceLocation)]] = [:]
        for case .structure(let structure) in declarations {
            for field in structure.fields {
                var type = field.type
                if case .optional(let wrapped, _) = type { type = wrapped }
                if case .named(let name) = type, case .structure = self.types[name.text] {
                    edges[structure.name.text, default: []].append((name.text, field.name.location))
                }
            }
        }
        for case .structure(let structure) in declarations {
            var visited: Set<String> = []
            var stack = edges[structure.name.text] ?? []
            while let (next, _) = stack.popLast() {
                if next == structure.name.text {
                    self.error(
                        at: structure.name.location,
                        "struct '\(structure.name.text)' contains itself through singular or optional fields; "
                            + "use a list to break the cycle"
                    )
                    break
                }
                if visited.insert(next).inserted { stack += edges[next] ?? [] }
            }
        }
    }

    // MARK: Enums

    private mutating func validateEnumeration(_ enumeration: Syntax.Enumeration) -> Schema.Enumeration {
        let maximum = UInt64(Int32.max)
        let reserved = self.checkReserved(enumeration.reserved, range: 0...maximum, what: "enum value")
        var names: [String: SourceLocation] = [:]
        var values: [UInt64: Syntax.Name] = [:]
        var cases: [Schema.EnumCase] = []
        for enumCase in enumeration.cases {
            if enumCase.name.text == Namer.unrecognizedCaseName {
                self.error(at: enumCase.name.location, "'unrecognized' is reserved for values this build does not know")
            } else if let first = names[enumCase.name.text] {
                self.error(
                    at: enumCase.name.location,
                    "duplicate case name '\(enumCase.name.text)' (first declared at \(first))"
                )
            } else {
                names[enumCase.name.text] = enumCase.name.location
            }
            guard let value = enumCase.value.value else { continue }
            if value > maximum {
                self.error(at: enumCase.value.location, "enum value \(value) is out of range 0...\(maximum)")
            } else if let range = reserved.first(where: { $0.contains(value) }) {
                self.error(at: enumCase.value.location, "enum value \(value) is reserved (\(Self.describe(range)))")
            } else if let first = values[value] {
                self.error(
                    at: enumCase.value.location,
                    "duplicate enum value \(value): already used by '\(first.text)' at \(first.location)"
                )
            } else {
                values[value] = enumCase.name
                cases.append(
                    Schema.EnumCase(
                        name: enumCase.name.text,
                        swiftName: Namer.identifier(enumCase.name.text),
                        value: Int32(value),
                        documentation: enumCase.documentation
                    )
                )
            }
        }
        if values[0] == nil {
            self.error(
                at: enumeration.name.location,
                "enum '\(enumeration.name.text)' needs a case with value 0: it is the default of non-optional fields"
            )
        }
        return Schema.Enumeration(
            name: enumeration.name.text,
            swiftName: Namer.typeName(enumeration.name.text),
            documentation: enumeration.documentation,
            cases: cases
        )
    }

    // MARK: Services

    private mutating func validateService(_ service: Syntax.Service) -> Schema.Service {
        var serviceNumber: UInt16 = 0
        if let value = service.number.value {
            if (1...UInt64(UInt16.max)).contains(value) {
                serviceNumber = UInt16(value)
            } else {
                self.error(at: service.number.location, "service number \(value) is out of range 1...65535")
            }
        }
        var names: [String: SourceLocation] = [:]
        var numbers: [UInt64: Syntax.Name] = [:]
        var methods: [Schema.Method] = []
        for method in service.methods {
            let swiftName = Namer.memberName(method.name.text)
            let key = Namer.unescaped(swiftName)
            if let first = names[key] {
                self.error(
                    at: method.name.location,
                    "duplicate rpc '\(method.name.text)' in service '\(service.name.text)' (first declared at \(first))"
                )
            } else {
                names[key] = method.name.location
            }
            var methodNumber: UInt16 = 0
            if let value = method.number.value {
                if !(1...UInt64(UInt16.max)).contains(value) {
                    self.error(at: method.number.location, "rpc number \(value) is out of range 1...65535")
                } else if let first = numbers[value] {
                    self.error(
                        at: method.number.location,
                        "duplicate rpc number \(value): already used by '\(first.text)' at \(first.location)"
                    )
                } else {
                    numbers[value] = method.name
                    methodNumber = UInt16(value)
                }
            }
            let request = self.resolveMessage(method.request, role: "request")
            let response = self.resolveMessage(method.response, role: "response")
            methods.append(
                Schema.Method(
                    name: method.name.text,
                    swiftName: swiftName,
                    number: methodNumber,
                    documentation: method.documentation,
                    requestSwiftName: request,
                    responseSwiftName: response
                )
            )
        }
        return Schema.Service(
            name: service.name.text,
            swiftName: Namer.serviceNamespace(service.name.text),
            number: serviceNumber,
            documentation: service.documentation,
            methods: methods
        )
    }

    private mutating func resolveMessage(_ name: Syntax.Name, role: String) -> String {
        switch self.types[name.text] {
        case .structure(let structure):
            return Namer.typeName(structure.name.text)
        case .enumeration:
            self.error(at: name.location, "rpc \(role) type '\(name.text)' is an enum; it must be a struct")
        case nil:
            if Schema.Scalar(rawValue: name.text) != nil {
                self.error(at: name.location, "rpc \(role) type '\(name.text)' is a scalar; it must be a struct")
            } else {
                self.error(at: name.location, "unknown type '\(name.text)'")
            }
        }
        return name.text
    }

    // MARK: Shared

    private mutating func checkReserved(
        _ ranges: [Syntax.ReservedRange],
        range allowed: ClosedRange<UInt64>,
        what: String
    ) -> [ClosedRange<UInt64>] {
        var result: [ClosedRange<UInt64>] = []
        for range in ranges {
            guard let lower = range.lower.value, let upper = range.upper.value else { continue }
            if lower > upper {
                self.error(at: range.lower.location, "reserved range \(lower) to \(upper) is empty")
            } else if !allowed.contains(lower) || !allowed.contains(upper) {
                self.error(
                    at: range.lower.location,
                    "reserved \(what) \(Self.describe(lower...upper)) is out of range \(Self.describe(allowed))"
                )
            } else {
                result.append(lower...upper)
            }
        }
        return result
    }

    private static func describe(_ range: ClosedRange<UInt64>) -> String {
        range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)"
    }

    private mutating func error(at location: SourceLocation, _ message: String) {
        self.diagnostics.append(Diagnostic(.error, at: location, message))
    }

    private mutating func warning(at location: SourceLocation, _ message: String) {
        self.diagnostics.append(Diagnostic(.warning, at: location, message))
    }
}

import ArgumentParser

/// One kind of call `certload run` makes against certd.
///
/// Role: names the scenario in the table, the JSON document and the `RESULT method=...` lines.
/// Isolation: a plain value.
enum LoadScenario: String, CaseIterable, Sendable, Codable, ExpressibleByArgument {
    /// Echo/Echo, 64 B -> 2,048 B (the grpc-echo peer's `get`).
    case echo
    /// GetCertificate of a random seeded id (an LMDB read and a ~2 KB answer).
    case get
    /// ListCertificates: the first page (20) of uploaded certificates.
    case list
    /// UploadCertificate under a fresh name, with a pre-generated certificate and key.
    case upload
    /// DownloadCertificate (PEM) of a random seeded id.
    case download
    /// Weighted mix given by `--mix`.
    case mixed

    /// Whether calls of this scenario need seeded certificate ids.
    var needsIDs: Bool { self == .get || self == .download }
}

/// Weights for `--scenario mixed`, parsed from `get=80,list=15,upload=5`.
///
/// Invariants: every scenario is a concrete one (not `mixed`), weights are positive, the total is
/// positive. Isolation: a plain value; `pick` is pure.
struct ScenarioMix: Sendable, Equatable {
    var entries: [(scenario: LoadScenario, weight: Int)]
    var total: Int { self.entries.reduce(0) { $0 + $1.weight } }

    static func == (lhs: ScenarioMix, rhs: ScenarioMix) -> Bool {
        lhs.entries.map(\.scenario) == rhs.entries.map(\.scenario)
            && lhs.entries.map(\.weight) == rhs.entries.map(\.weight)
    }

    /// A mix of one scenario.
    init(single scenario: LoadScenario) { self.entries = [(scenario, 1)] }

    /// Parses `name=weight,...`.
    /// - Throws: `ValidationError` on an unknown name, `mixed`, a repeated name or a weight < 1.
    init(parsing text: String) throws {
        var entries: [(scenario: LoadScenario, weight: Int)] = []
        for part in text.split(separator: ",") {
            let pieces = part.split(separator: "=", maxSplits: 1)
            guard pieces.count == 2, let scenario = LoadScenario(rawValue: String(pieces[0])), scenario != .mixed,
                let weight = Int(pieces[1]), weight >= 1
            else { throw ValidationError("--mix entries are SCENARIO=WEIGHT (weight >= 1), got '\(part)'") }
            guard !entries.contains(where: { $0.scenario == scenario }) else {
                throw ValidationError("--mix names \(scenario.rawValue) twice")
            }
            entries.append((scenario, weight))
        }
        guard !entries.isEmpty else { throw ValidationError("--mix is empty") }
        self.entries = entries
    }

    /// The scenario for a draw `value` in `0..<total`.
    func pick(_ value: Int) -> LoadScenario {
        var rest = value
        for entry in self.entries {
            if rest < entry.weight { return entry.scenario }
            rest -= entry.weight
        }
        return self.entries[self.entries.count - 1].scenario
    }

    /// The scenario of call `sequence`, by weight (see ``SequenceDraw``).
    func pick(forCall sequence: Int) -> LoadScenario {
        self.pick(SequenceDraw.value(sequence, salt: Self.drawSalt, below: self.total))
    }

    /// Keeps the scenario draw independent of the id draw of the same call.
    private static let drawSalt: UInt64 = 0x5CE7_A810

}

import ArgumentParser
import CertAPI

/// `certctl pca region list`.
///
/// Isolation: runs on the command's task.
struct PCARegionListCommand: PCALeafCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the regions.")

    @OptionGroup var pcaOptions: PCAGlobalOptions

    /// The JSON of `pca region list`.
    struct ListJSON: Encodable {
        struct Region: Encodable {
            var id: String
            var rootCount: UInt32
            var intermediateCount: UInt32
        }
        var regions: [Region]
    }

    func run() async throws {
        let response = try await CertdConnection.with(self.global) { connection in
            try await connection.privateCA.listRegions(ListPCARegionsRequest(), options: connection.callOptions)
        }
        if self.global.json {
            try Console.printJSON(
                ListJSON(
                    regions: response.regions.map {
                        .init(id: $0.id, rootCount: $0.rootCount, intermediateCount: $0.intermediateCount)
                    }))
        } else {
            var table = TextTable(headers: ["region", "roots", "intermediates"])
            for region in response.regions {
                table.rows.append([region.id, "\(region.rootCount)", "\(region.intermediateCount)"])
            }
            Console.print(table.render())
        }
    }
}

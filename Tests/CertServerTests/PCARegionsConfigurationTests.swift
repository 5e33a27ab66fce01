import CertServer
import Foundation
import Testing

/// The `pca-regions` setting: default, flag/environment/file, and refusal of bad lists.
@Suite struct PCARegionsConfigurationTests {
    @Test func defaultAndConfiguredRegions() throws {
        let defaults = try ServerConfiguration.resolve(flags: .init(), environment: ["HOME": "/h"], configFile: nil)
        #expect(defaults.pcaRegions == ["cn-hangzhou", "cn-beijing", "ap-southeast-1", "eu-central-1"])
        let flagged = try ServerConfiguration.resolve(
            flags: .init(pcaRegions: "eu-west-1, us-east-1"), environment: ["HOME": "/h", "CERTD_PCA_REGIONS": "x-1"],
            configFile: nil)
        #expect(flagged.pcaRegions == ["eu-west-1", "us-east-1"])
        let fromEnvironment = try ServerConfiguration.resolve(
            flags: .init(), environment: ["HOME": "/h", "CERTD_PCA_REGIONS": "cn-shanghai"], configFile: nil)
        #expect(fromEnvironment.pcaRegions == ["cn-shanghai"])
        let layer = try ServerConfiguration.Layer.fromConfigFile("pca-regions = a-1,b-2\n", path: "c.conf")
        #expect(layer.pcaRegions == "a-1,b-2")
    }

    @Test(arguments: ["", "UPPER-1", "a-1,a-1", "a 1", ","])
    func badRegionListsAreRefused(value: String) {
        #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.resolve(
                flags: .init(pcaRegions: value), environment: ["HOME": "/h"], configFile: nil)
        }
    }
}

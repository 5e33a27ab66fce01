// swift-tools-version:6.0
// The package is the architecture diagram (see README.md, "Architecture"): small targets, explicit
// dependencies, C in its own system-library targets. The import rules are enforced by
// tools/check-imports.sh.
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let nioCore = Target.Dependency.product(name: "NIOCore", package: "swift-nio")
let nioPosix = Target.Dependency.product(name: "NIOPosix", package: "swift-nio")
let nioEmbedded = Target.Dependency.product(name: "NIOEmbedded", package: "swift-nio")
let nioTestUtils = Target.Dependency.product(name: "NIOTestUtils", package: "swift-nio")
let nioHTTP1 = Target.Dependency.product(name: "NIOHTTP1", package: "swift-nio")
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let serviceLifecycle = Target.Dependency.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")
let hdrHistogram = Target.Dependency.product(name: "Histogram", package: "hdrhistogram-swift")
let coreMetrics = Target.Dependency.product(name: "CoreMetrics", package: "swift-metrics")
let prometheus = Target.Dependency.product(name: "Prometheus", package: "swift-prometheus")

let package = Package(
    name: "certd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "certd", targets: ["certd"]),
        .executable(name: "certctl", targets: ["certctl"]),
        .executable(name: "certload", targets: ["certload"]),
        .executable(name: "certidl", targets: ["certidl"]),
        // What another Swift service links to call certd: the generated client and the RPC client
        // runtime, nothing of the server.
        .library(name: "CertdClient", targets: ["CertAPI", "CertRPC"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // MARK: C libraries
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CLMDB", pkgConfig: "lmdb", providers: [.apt(["liblmdb-dev"])]),

        // MARK: Wire and RPC
        .target(name: "CertWire", swiftSettings: strictSettings),
        .target(name: "CertTLS", dependencies: ["COpenSSL", nioCore, logging], swiftSettings: strictSettings),
        .target(
            name: "CertRPC",
            dependencies: ["CertWire", "CertTLS", nioCore, nioPosix, logging, serviceLifecycle],
            swiftSettings: strictSettings
        ),
        .target(name: "CertAPI", dependencies: ["CertWire"], exclude: [], swiftSettings: strictSettings),

        // MARK: Domain and storage
        .target(name: "CertCrypto", dependencies: ["COpenSSL"], swiftSettings: strictSettings),
        .target(name: "CertDomain", dependencies: ["CertCrypto"], swiftSettings: strictSettings),
        .target(name: "CertStore", dependencies: ["CertDomain", "CertCrypto", "CLMDB"], swiftSettings: strictSettings),
        .target(
            name: "CertServer",
            dependencies: [
                "CertAPI", "CertRPC", "CertWire", "CertDomain", "CertCrypto", logging,
                nioCore, nioPosix, nioHTTP1, coreMetrics, prometheus, serviceLifecycle,
                // Deployment: the TLS probe of deployed endpoints.
                "CertTLS",
            ],
            swiftSettings: strictSettings
        ),

        // MARK: Executables
        .executableTarget(
            name: "certd",
            dependencies: [
                "CertServer", "CertStore", "CertDomain", "CertCrypto", "CertRPC", "CertTLS", "CertAPI",
                argumentParser, logging, serviceLifecycle,
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "certctl",
            dependencies: ["CertAPI", "CertRPC", "CertWire", "CertTLS", argumentParser],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "certload",
            dependencies: [
                "CertAPI", "CertRPC", "CertWire", "CertTLS", argumentParser, hdrHistogram, nioCore, nioPosix,
            ],
            swiftSettings: strictSettings
        ),

        .executableTarget(
            name: "certstore-crashwriter",
            dependencies: ["CertStore", "CertDomain"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "storebench", dependencies: ["CertStore", "CertDomain", "CLMDB"], swiftSettings: strictSettings),
        .executableTarget(
            name: "certbench",
            dependencies: ["CertCrypto", argumentParser],
            swiftSettings: strictSettings
        ),

        // MARK: Code generator (Foundation only; never linked into the service)
        .target(name: "CertIDL", path: "tools/certidl/Sources/CertIDL", swiftSettings: strictSettings),
        .executableTarget(
            name: "certidl",
            dependencies: ["CertIDL"],
            path: "tools/certidl/Sources/certidl",
            swiftSettings: strictSettings
        ),

        // MARK: Test support
        .target(
            name: "CertTestSupport",
            dependencies: ["CertCrypto", "CertTLS", "CertRPC", "CertWire", nioCore, nioPosix],
            swiftSettings: strictSettings
        ),

        // MARK: Tests
        .testTarget(name: "CertWireTests", dependencies: ["CertWire"], swiftSettings: strictSettings),
        .testTarget(
            name: "CertServerTests",
            dependencies: [
                "CertServer", "CertAPI", "CertWire", "CertDomain", "CertCrypto", "CertTestSupport", logging,
            ]
                // Deployment tests: a loopback HTTP sink for webhooks and the TLS probe.
                + ["CertTLS", nioCore, nioPosix, nioHTTP1],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CertIDLTests",
            dependencies: ["CertIDL"],
            exclude: ["Fixtures", "Golden"],
            swiftSettings: strictSettings
        ),
        // Compiles and runs the golden output of CertIDLTests (Generated is a symlink to its Golden/).
        .testTarget(name: "CertIDLGoldenTests", dependencies: ["CertWire"], swiftSettings: strictSettings),
        .testTarget(name: "CertAPITests", dependencies: ["CertAPI", "CertWire"], swiftSettings: strictSettings),
        .testTarget(
            name: "CertStoreTests",
            dependencies: ["CertStore", "CertDomain", "CertTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CertCryptoTests",
            dependencies: ["CertCrypto"],
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CertDomainTests", dependencies: ["CertDomain", "CertCrypto", "CertTestSupport"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "CertTLSTests",
            dependencies: ["CertTLS", "CertTestSupport", nioCore, nioEmbedded],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CertRPCTests",
            dependencies: [
                "CertRPC", "CertWire", "CertTLS", "CertTestSupport", nioCore, nioPosix, nioEmbedded, nioTestUtils,
            ],
            swiftSettings: strictSettings
        ),
        // Drives the real certd executable (built by `swift build --build-tests`) over mTLS.
        // Unit tests of certload's schedule, draws and report math (the executable target is testable).
        .testTarget(name: "certloadTests", dependencies: ["certload"], swiftSettings: strictSettings),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["CertTestSupport", "CertAPI", "CertRPC", "CertWire", "CertTLS", "CertCrypto"],
            swiftSettings: strictSettings
        ),
    ]
)

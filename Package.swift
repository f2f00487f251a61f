// swift-tools-version:6.2
// SMEPilot — runs a government SME digital-transformation city pilot.
// Targets depend downwards only: PilotDomain ← WorkflowEngine ← Programmes ← PilotStore ← WebApp ← smepilot.
import PackageDescription

/// One strictness setting for every target of ours (penny-bot habit): Swift 6 mode everywhere.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "smepilot",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "smepilot", targets: ["smepilot"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird.git", from: "2.1.0"),
        .package(url: "https://github.com/apple/swift-openapi-runtime.git", from: "1.13.4"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-openapi-async-http-client.git", from: "1.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        .target(
            name: "PilotDomain",
            swiftSettings: strict
        ),
        // Subsidy funds: the 1:1 matching ledger, tranche plans, releases with four eyes (pure rules).
        .target(
            name: "Funds",
            dependencies: ["PilotDomain"],
            swiftSettings: strict
        ),
        // The managed pool of digital service providers (policy 002): categories, grades, complaints,
        // removal (pure rules, like Funds).
        .target(
            name: "ProviderPool",
            dependencies: ["PilotDomain"],
            swiftSettings: strict
        ),
        // Spreadsheet and CSV files the bureaus exchange (enterprise imports, finance exports).
        .target(
            name: "OfficeFormats",
            dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: strict
        ),
        .target(
            name: "WorkflowEngine",
            dependencies: ["PilotDomain", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        // Programmes as data: the programme files and the administrative-division tree (issue #12).
        .target(
            name: "Programmes",
            dependencies: [
                "PilotDomain", "Funds", "WorkflowEngine", "OfficeFormats", "ProviderPool",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        // Diagnosis of every above-scale firm (issue #14): the maturity model and the questionnaires as
        // data, their validation with line numbers, and pure scoring (no database, no web).
        .target(
            name: "Diagnosis",
            // WorkflowEngine for the one YAML error description every data file's messages share.
            dependencies: ["PilotDomain", "WorkflowEngine", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        .target(
            name: "PilotStore",
            dependencies: [
                "PilotDomain", "WorkflowEngine", "Funds", "Programmes", "ProviderPool", "Diagnosis",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                // NIOThreadPool: the SQLite writer's trips (SQLiteWriter).
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // A throwaway local PostgreSQL server and the process tools it needs: for tests and `smepilot bench`,
        // never for the product's own code (issue #12).
        .target(
            name: "LocalPostgres",
            swiftSettings: strict
        ),
        .target(
            name: "PilotAPI",
            dependencies: [.product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")],
            // Generated code: its "unused public import" warnings (fixed in generator builds for Swift 6.4) are not ours.
            swiftSettings: [.unsafeFlags(["-suppress-warnings"])]
        ),
        .target(
            name: "NationalSyncAPI",
            dependencies: [.product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")],
            // Generated code: its "unused public import" warnings (fixed in generator builds for Swift 6.4) are not ours.
            swiftSettings: [.unsafeFlags(["-suppress-warnings"])]
        ),
        .target(
            name: "NationalSync",
            dependencies: [
                "PilotDomain", "PilotStore", "NationalSyncAPI",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIAsyncHTTPClient", package: "swift-openapi-async-http-client"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "WebApp",
            dependencies: [
                "PilotDomain", "WorkflowEngine", "PilotStore", "PilotAPI", "NationalSync", "OfficeFormats", "Funds", "Programmes",
                "ProviderPool", "Diagnosis",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "smepilot",
            dependencies: [
                "WebApp", "PilotStore", "WorkflowEngine", "PilotDomain", "NationalSync", "Programmes", "LocalPostgres",
                "Diagnosis",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                // `bench dashboard` times the pages over real HTTP.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strict,
            // The server's idle footprint is mostly code pages touched at start (README, "Benchmark"):
            // lld lays the binary out tighter than the default linker, and packed relative relocations
            // (DT_RELR, glibc ≥ 2.36) replace a relocation table of megabytes the loader reads in full.
            linkerSettings: [
                .unsafeFlags(["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"], .when(platforms: [.linux]))
            ]
        ),
        .target(
            name: "TestSupport",
            dependencies: [
                "PilotDomain", "WorkflowEngine", "PilotStore", "WebApp", "Programmes", "LocalPostgres",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "PilotDomainTests", dependencies: ["PilotDomain"], swiftSettings: strict),
        .testTarget(
            name: "FundsTests",
            dependencies: ["Funds", "PilotDomain", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strict),
        .testTarget(name: "ProviderPoolTests", dependencies: ["ProviderPool", "PilotDomain"], swiftSettings: strict),
        .testTarget(name: "OfficeFormatsTests", dependencies: ["OfficeFormats"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(
            name: "WorkflowEngineTests", dependencies: ["WorkflowEngine", "PilotDomain"],
            resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(
            name: "ProgrammesTests", dependencies: ["Programmes", "PilotDomain", "WorkflowEngine"], swiftSettings: strict),
        .testTarget(name: "DiagnosisTests", dependencies: ["Diagnosis", "PilotDomain"], swiftSettings: strict),
        .testTarget(
            name: "PilotStoreTests",
            dependencies: ["PilotStore", "WorkflowEngine", "PilotDomain", "TestSupport", "Programmes", "ProviderPool"],
            swiftSettings: strict),
        .testTarget(
            name: "NationalSyncTests",
            dependencies: ["NationalSync", "PilotStore", "PilotDomain", "TestSupport", "WorkflowEngine", "LocalPostgres"],
            swiftSettings: strict),
        .testTarget(
            name: "WebAppTests",
            dependencies: [
                "WebApp", "TestSupport", "PilotStore", "PilotDomain", "OfficeFormats", "Funds", "WorkflowEngine", "Programmes",
                "ProviderPool", "Diagnosis",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: strict),
    ]
)

// swift-tools-version:6.0
import PackageDescription

// Loket: LoketCore holds the registry rules (Foundation only), LoketApp the Vapor app,
// Loket the entry point. The dependency list is kept to what is used: CI builds it from
// scratch on every run.
let package = Package(
    name: "Loket",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "loket", targets: ["Loket"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.0"),
        .package(url: "https://github.com/vapor/leaf-kit.git", from: "1.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.0"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.0"),
    ],
    targets: [
        // The EmbedResources plugin puts a target's data files (Plugins/EmbedResources lists
        // which) inside the binary, so that it runs the same from any working directory.
        .executableTarget(name: "EmbedTool"),
        .plugin(name: "EmbedResources", capability: .buildTool(), dependencies: ["EmbedTool"]),
        .target(name: "LoketCore", plugins: ["EmbedResources"]),
        .target(
            name: "LoketApp",
            dependencies: [
                "LoketCore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "LeafKit", package: "leaf-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            plugins: ["EmbedResources"]
        ),
        .executableTarget(name: "Loket", dependencies: ["LoketApp"]),
        .testTarget(name: "LoketCoreTests", dependencies: ["LoketCore"]),
        .testTarget(
            name: "LoketAppTests",
            dependencies: [
                "LoketApp",
                .product(name: "VaporTesting", package: "vapor"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "FaceGuard",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "faceguard", targets: ["faceguard"]),
    .library(name: "FaceGuard", targets: ["FaceGuard"]),
    .library(name: "NeuralEngine", targets: ["NeuralEngine"]),
    .library(name: "FaceGuardServer", targets: ["FaceGuardServer"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
  ],
  targets: [
    .systemLibrary(name: "CXNNPACK", path: "Sources/CXNNPACK"),
    .systemLibrary(name: "CTurboJPEG", path: "Sources/CTurboJPEG", pkgConfig: "libturbojpeg"),
    .systemLibrary(name: "CPNG", path: "Sources/CPNG", pkgConfig: "libpng"),
    .systemLibrary(name: "CWebP", path: "Sources/CWebP", pkgConfig: "libwebp"),
    .systemLibrary(name: "CHeif", path: "Sources/CHeif", pkgConfig: "libheif"),
    .target(name: "NeuralEngine", dependencies: ["CXNNPACK"]),
    .target(
      name: "FaceGuard",
      dependencies: ["NeuralEngine", "CTurboJPEG", "CPNG", "CWebP", "CHeif"]
    ),
    .target(
      name: "FaceGuardServer",
      dependencies: [
        "FaceGuard", .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "Logging", package: "swift-log"),
      ],
      resources: [.copy("Resources")]
    ),
    .executableTarget(
      name: "faceguard",
      dependencies: [
        "FaceGuard",
        "FaceGuardServer",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Hummingbird", package: "hummingbird"),
      ]
    ),
    .target(name: "TestSupport", dependencies: ["FaceGuard", "CHeif"], path: "Tests/TestSupport"),
    .testTarget(name: "NeuralEngineTests", dependencies: ["NeuralEngine", "TestSupport"]),
    .testTarget(
      name: "FaceGuardTests", dependencies: ["FaceGuard", "NeuralEngine", "TestSupport"]),
    .testTarget(
      name: "faceguardCLITests", dependencies: ["faceguard", "FaceGuard", "CHeif", "TestSupport"]),
    .testTarget(
      name: "FaceGuardServerTests",
      dependencies: [
        "FaceGuardServer", "FaceGuard", "TestSupport",
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
      ]),
  ],
  swiftLanguageModes: [.v6]
)

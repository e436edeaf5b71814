// swift-tools-version: 6.0
import PackageDescription

// Targets in data-flow order; each depends only on targets above it, and only ImageCodecs and
// NeuralEngine see C libraries. `make build` and `make test` pass
// `--explicit-target-dependency-import-check error`, so importing a module a target does not
// declare is a build error.
let package = Package(
  name: "FaceGuard",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "faceguard", targets: ["faceguard"]),
    .library(
      name: "FaceGuard",
      targets: [
        "FaceGuardCore", "ImageCodecs", "VideoCodecs", "FaceDetection", "FaceRedaction",
        "Watermarking", "FaceGuard", "FaceGuardFiles", "FaceGuardAudit",
      ]),
    .library(name: "NeuralEngine", targets: ["NeuralEngine"]),
    .library(name: "FaceGuardServer", targets: ["FaceGuardServer"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
    .package(url: "https://github.com/apple/swift-nio-extras", from: "1.26.0"),
  ],
  targets: [
    .systemLibrary(name: "CXNNPACK", path: "Sources/CXNNPACK"),
    .systemLibrary(name: "CTurboJPEG", path: "Sources/CTurboJPEG", pkgConfig: "libturbojpeg"),
    .systemLibrary(name: "CPNG", path: "Sources/CPNG", pkgConfig: "libpng"),
    .systemLibrary(name: "CWebP", path: "Sources/CWebP", pkgConfig: "libwebp"),
    .systemLibrary(name: "CHeif", path: "Sources/CHeif", pkgConfig: "libheif"),
    .systemLibrary(name: "CFFmpeg", path: "Sources/CFFmpeg", pkgConfig: "libavformat"),
    .target(name: "NeuralEngine", dependencies: ["CXNNPACK"]),
    .target(name: "FaceGuardCore"),
    .target(
      name: "ImageCodecs", dependencies: ["FaceGuardCore", "CTurboJPEG", "CPNG", "CWebP", "CHeif"]),
    .target(name: "VideoCodecs", dependencies: ["FaceGuardCore", "CFFmpeg"]),
    .target(name: "FaceDetection", dependencies: ["FaceGuardCore", "NeuralEngine"]),
    .target(name: "FaceRedaction", dependencies: ["FaceGuardCore"]),
    .target(name: "Watermarking", dependencies: ["FaceGuardCore"]),
    .target(name: "FaceTracking", dependencies: ["FaceGuardCore"]),
    .target(
      name: "FaceGuard",
      dependencies: [
        "FaceGuardCore", "ImageCodecs", "VideoCodecs", "FaceDetection", "FaceRedaction",
        "Watermarking", "FaceTracking",
      ]),
    .target(
      name: "FaceGuardFiles",
      dependencies: [
        "FaceGuardCore", "ImageCodecs", "VideoCodecs", "FaceDetection", "FaceTracking", "FaceGuard",
      ]),
    .target(
      name: "FaceGuardAudit",
      dependencies: ["FaceGuardCore", "FaceDetection", "FaceGuard", "FaceGuardFiles"]),
    .target(
      name: "FaceGuardServer",
      dependencies: [
        "FaceGuardCore", "ImageCodecs", "FaceDetection", "FaceRedaction", "FaceGuard",
        "FaceGuardAudit",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
      ],
      resources: [.copy("Resources")]
    ),
    .executableTarget(
      name: "faceguard",
      dependencies: [
        "FaceGuardCore", "ImageCodecs", "VideoCodecs", "FaceDetection", "FaceRedaction",
        "Watermarking", "FaceTracking", "FaceGuard", "FaceGuardFiles", "FaceGuardAudit",
        "FaceGuardServer",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Hummingbird", package: "hummingbird"),
      ]
    ),
    .target(
      name: "TestSupport",
      dependencies: ["FaceGuardCore", "FaceDetection", "ImageCodecs", "CHeif"],
      path: "Tests/TestSupport"),
    .testTarget(name: "NeuralEngineTests", dependencies: ["NeuralEngine", "TestSupport"]),
    .testTarget(name: "FaceGuardCoreTests", dependencies: ["FaceGuardCore", "TestSupport"]),
    .testTarget(
      name: "ImageCodecsTests",
      dependencies: ["ImageCodecs", "FaceGuardCore", "TestSupport", "CTurboJPEG", "CPNG", "CHeif"]),
    .testTarget(
      name: "VideoCodecsTests", dependencies: ["VideoCodecs", "FaceGuardCore", "TestSupport"]),
    .testTarget(
      name: "FaceDetectionTests",
      dependencies: ["FaceDetection", "FaceGuardCore", "NeuralEngine", "TestSupport"]),
    .testTarget(
      name: "FaceRedactionTests", dependencies: ["FaceRedaction", "FaceGuardCore", "TestSupport"]),
    .testTarget(
      name: "WatermarkingTests", dependencies: ["Watermarking", "FaceGuardCore", "TestSupport"]),
    .testTarget(
      name: "FaceTrackingTests", dependencies: ["FaceTracking", "FaceGuardCore", "TestSupport"]),
    .testTarget(
      name: "FaceGuardTests",
      dependencies: [
        "FaceGuard", "FaceGuardCore", "ImageCodecs", "FaceDetection", "FaceRedaction",
        "Watermarking", "TestSupport",
      ]),
    .testTarget(
      name: "FaceGuardFilesTests",
      dependencies: [
        "FaceGuardFiles", "FaceGuard", "FaceGuardCore", "ImageCodecs", "FaceDetection",
        "FaceRedaction", "TestSupport",
      ]),
    .testTarget(
      name: "FaceGuardAuditTests",
      dependencies: [
        "FaceGuardAudit", "FaceGuardFiles", "FaceGuard", "FaceGuardCore", "FaceDetection",
        "TestSupport",
      ]),
    .testTarget(
      name: "faceguardCLITests",
      dependencies: [
        "faceguard", "FaceGuardCore", "ImageCodecs", "FaceDetection", "FaceRedaction", "FaceGuard",
        "FaceGuardFiles", "FaceGuardAudit", "Watermarking", "CHeif", "TestSupport",
      ]),
    .testTarget(
      name: "FaceGuardServerTests",
      dependencies: [
        "FaceGuardServer", "FaceGuardAudit", "FaceGuardCore", "ImageCodecs", "FaceDetection",
        "FaceGuard", "TestSupport",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
      ]),
  ],
  swiftLanguageModes: [.v6]
)

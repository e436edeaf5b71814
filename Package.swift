// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "FaceGuard",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "faceguard", targets: ["faceguard"]),
    .library(name: "FaceGuard", targets: ["FaceGuard"]),
    .library(name: "NeuralEngine", targets: ["NeuralEngine"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
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
    .executableTarget(
      name: "faceguard",
      dependencies: [
        "FaceGuard",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(name: "NeuralEngineTests", dependencies: ["NeuralEngine", "TestSupport"]),
    .testTarget(
      name: "FaceGuardTests", dependencies: ["FaceGuard", "NeuralEngine", "TestSupport"]),
    .testTarget(
      name: "faceguardCLITests", dependencies: ["faceguard", "FaceGuard", "CHeif", "TestSupport"]),
  ],
  swiftLanguageModes: [.v6]
)

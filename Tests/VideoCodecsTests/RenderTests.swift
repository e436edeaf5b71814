import FaceGuardCore
import Foundation
import TestSupport
import Testing

@testable import VideoCodecs

@Suite("VideoRenderer keeps every stream and every timestamp")
struct RenderTests {
  /// Irregular display times (a variable frame rate): 30 fps, a stall, then 60 fps.
  static let times: [Double] =
    (0..<10).map { Double($0) / 30 } + [0.6] + (1..<10).map { 0.6 + Double($0) / 60 }

  @Test(arguments: ["mp4", "mkv"])
  func streamsTimestampsAndTagsSurvive(container: String) throws {
    try TemporaryFolder.use { folder in
      var options = TestClip.Options()
      options.container = container
      options.audio = true
      options.secondAudio = true
      options.subtitles = true
      options.chapters = true
      options.identifyingTags = true
      let input = folder.path("in.\(container)")
      try TestClip.write(
        gradientFrames(count: Self.times.count), times: Self.times, options: options, to: input)
      let output = folder.path("out.\(container)")
      let summary = try VideoRenderer.render(
        input.path, to: output.path, named: output.lastPathComponent,
        options: VideoRenderOptions(), limits: VideoLimits(), redactor: WhiteBox())
      #expect(summary.frames == Self.times.count)
      #expect(summary.redactedFrames == Self.times.count)
      #expect(try MediaProbe.frameTimes(input, stream: 0).count == Self.times.count)
      let before = try MediaProbe(input)
      let after = try MediaProbe(output)
      #expect(after.streamTypes == before.streamTypes)
      #expect(
        try MediaProbe.frameTimes(output, stream: 0) == MediaProbe.frameTimes(input, stream: 0))
      for (index, type) in before.streamTypes.enumerated() where type != "video" {
        #expect(
          try MediaProbe.packetHashes(output, stream: index)
            == MediaProbe.packetHashes(input, stream: index), "stream \(index) (\(type))")
      }
      #expect(after.chapters.count == 2)
      #expect((after.chapters.first?["tags"] as? [String: String])?["title"] == "Opening")
      let tags = after.formatTags.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
      #expect(before.formatTags.values.contains(TestClip.cameraModel))
      #expect(
        !tags.contains(TestClip.cameraModel) && !tags.contains("48.8577") && !tags.contains("Jane"))
      let removed = summary.removedMetadata.map { $0.lowercased() }
      #expect(removed.contains("container tag location"), "\(removed)")
      #expect(removed.contains("container tag comment"), "\(removed)")
      #expect(!removed.contains { $0.contains("language") || $0.contains("title") }, "\(removed)")
      #expect(
        !removed.joined().contains("48.8577") && !removed.joined().contains("Jane"), "\(removed)")
      let commentary = after.streams[2]["tags"] as? [String: String] ?? [:]
      #expect(commentary["language"] == "fre")
      if container == "mkv" { #expect(commentary["title"] == "Commentary") }
    }
  }

  @Test func aTimecodeTrackIsCopied() throws {
    try TemporaryFolder.use { folder in
      // A camera's MOV: a QuickTime timecode track (a data stream) beside video and audio.
      let input = folder.path("in.mov")
      try FFmpegTool.ffmpeg([
        "-f", "lavfi", "-i", "testsrc=s=96x64:r=25:d=0.4", "-f", "lavfi", "-i", "sine=d=0.4",
        "-c:v", "libx264", "-c:a", "aac", "-timecode", "01:00:00:00", input.path,
      ])
      let output = folder.path("out.mov")
      _ = try VideoRenderer.render(
        input.path, to: output.path, named: "out.mov", options: VideoRenderOptions(),
        limits: VideoLimits(), redactor: WhiteBox())
      let before = try MediaProbe(input)
      #expect(before.streamTypes == ["video", "audio", "data"])
      #expect(try MediaProbe(output).streamTypes == before.streamTypes)
    }
  }

  @Test func onlyTheRedactedAreaChanges() throws {
    try TemporaryFolder.use { folder in
      let frames = gradientFrames(count: 6)
      let input = folder.path("in.mp4")
      try TestClip.write(frames, times: (0..<6).map { Double($0) / 25 }, to: input)
      let output = folder.path("out.mp4")
      _ = try VideoRenderer.render(
        input.path, to: output.path, named: "out.mp4", options: VideoRenderOptions(quality: 10),
        limits: VideoLimits(), redactor: WhiteBox())
      try expectOnlyTheWhiteBoxChanged(from: input, to: output)
    }
  }

  @Test func theRotationTagIsKeptAndFramesReadUpright() throws {
    try TemporaryFolder.use { folder in
      var options = TestClip.Options()
      options.rotation = 90
      let input = folder.path("in.mp4")
      try TestClip.write(
        gradientFrames(count: 4), times: [0, 0.04, 0.08, 0.12], options: options, to: input)
      let reader = try VideoFrameReader(path: input.path, limits: VideoLimits())
      #expect(reader.properties.width == 96 && reader.properties.uprightWidth == 64)
      #expect(reader.properties.orientation.swapsDimensions)
      let output = folder.path("out.mp4")
      _ = try VideoRenderer.render(
        input.path, to: output.path, named: "out.mp4", options: VideoRenderOptions(),
        limits: VideoLimits(), redactor: WhiteBox())
      #expect(try MediaProbe(output).videoRotation == MediaProbe(input).videoRotation)
      #expect(try MediaProbe(input).videoRotation != 0)
    }
  }

  @Test func audioIsDroppedOnRequest() throws {
    try TemporaryFolder.use { folder in
      var options = TestClip.Options()
      options.audio = true
      options.subtitles = true
      let input = folder.path("in.mp4")
      try TestClip.write(
        gradientFrames(count: 5), times: (0..<5).map { Double($0) / 30 }, options: options,
        to: input)
      let output = folder.path("out.mp4")
      _ = try VideoRenderer.render(
        input.path, to: output.path, named: "out.mp4",
        options: VideoRenderOptions(keepsAudio: false), limits: VideoLimits(), redactor: WhiteBox())
      #expect(try MediaProbe(output).streamTypes == ["video", "subtitle"])
    }
  }

  @Test(arguments: [("webm", "vp9"), ("mov", "h264")])
  func theDefaultCodecFitsTheContainer(container: String, codec: String) throws {
    try TemporaryFolder.use { folder in
      var options = TestClip.Options()
      options.container = container
      if container == "webm" {
        options.encoder = "libvpx-vp9"
      }
      let input = folder.path("in.\(container)")
      try TestClip.write(
        gradientFrames(count: 3), times: [0, 0.05, 0.1], options: options, to: input)
      let output = folder.path("out.\(container)")
      let summary = try VideoRenderer.render(
        input.path, to: output.path, named: output.lastPathComponent,
        options: VideoRenderOptions(), limits: VideoLimits(), redactor: WhiteBox())
      #expect(summary.codec.rawValue == codec)
      #expect(try MediaProbe(output).streams.first?["codec_name"] as? String == codec)
    }
  }

  @Test func tenBitVideoStaysTenBitWithItsColourTags() throws {
    try TemporaryFolder.use { folder in
      var options = TestClip.Options()
      options.encoder = "libx265"
      options.pixelFormat = "yuv420p10le"
      let input = folder.path("in.mp4")
      try TestClip.write(
        gradientFrames(count: 4), times: [0, 0.04, 0.08, 0.12], options: options, to: input)
      let output = folder.path("out.mp4")
      _ = try VideoRenderer.render(
        input.path, to: output.path, named: "out.mp4", options: VideoRenderOptions(quality: 10),
        limits: VideoLimits(), redactor: WhiteBox())
      let video = try #require(try MediaProbe(output).streams.first)
      #expect(video["pix_fmt"] as? String == "yuv420p10le")
      try expectOnlyTheWhiteBoxChanged(from: input, to: output)
    }
  }

  /// Every frame of `output` differs from `input`'s inside the white box and nowhere else
  /// (beyond the encoder's loss and a 4-pixel margin for chroma and filtering).
  private func expectOnlyTheWhiteBoxChanged(from input: URL, to output: URL) throws {
    let original = try decodedFrames(input)
    let rendered = try decodedFrames(output)
    #expect(rendered.count == original.count)
    let area = WhiteBox().area
    let margin = area.expanded(by: 4, width: 96, height: 64)
    for (before, after) in zip(original, rendered) {
      #expect(difference(before.image, after.image, inside: area) > 60)
      #expect(difference(before.image, after.image, inside: margin, outside: true) < 3)
    }
  }
}

import FaceDetection
import FaceGuardCore
import FaceRedaction
import FaceTracking
import Foundation
import TestSupport
import Testing
import VideoCodecs
import Watermarking

@testable import FaceGuard

@Suite("Videos: no frame shows a known face unmasked, every stream and timestamp kept")
struct VideoPipelineTests {
  /// Magenta, so a masked pixel can be told from every pixel of the portraits.
  static let maskColor: [UInt8] = [255, 0, 255]

  static func detector() throws -> MultiPassDetector {
    try FaceModel.centerface.makeMultiPassDetector(
      preset: .fast, store: ModelStore(directory: ModelFiles.directory))
  }

  static func pipeline(detectEvery: Int) throws -> VideoPipeline {
    VideoPipeline(
      detector: try detector(),
      options: VideoOptions(
        redaction: RedactionOptions(
          style: .solid(RedactionStyle.Color(red: 255, green: 0, blue: 255))),
        tracking: try TrackingOptions(threshold: 0.3), detectEvery: detectEvery,
        render: VideoRenderOptions(), limits: VideoLimits()))
  }

  /// Three different people: one walking in from the left edge, one passing behind an occluder
  /// for four frames, one appearing after a scene cut; frames at irregular times.
  static func clip() throws -> (MovingFaces.Clip, [Double]) {
    let composer = MovingFaces(portraits: try TestPortraits.load(), width: 480, height: 272)
    let clip = composer.render(
      [
        .init(
          portrait: 3, faceHeight: 70, from: Point(x: -10, y: 90), to: Point(x: 300, y: 110),
          frames: 0..<40),
        .init(
          portrait: 0, faceHeight: 56, from: Point(x: 400, y: 200), to: Point(x: 330, y: 180),
          frames: 0..<24, occluded: 10..<14),
        .init(
          portrait: 6, faceHeight: 90, from: Point(x: 140, y: 190), to: Point(x: 180, y: 170),
          frames: 24..<40),
      ], count: 40, cut: 24)
    let times = (0..<40).map { index in Double(index) / 30 + (index >= 20 ? 0.25 : 0) }
    return (clip, times)
  }

  @Test(arguments: [1, 3])
  func everyVisibleFaceIsMaskedInEveryFrame(detectEvery: Int) throws {
    try TemporaryFolder.use { folder in
      let (clip, times) = try Self.clip()
      var options = TestClip.Options()
      options.audio = true
      options.subtitles = true
      let input = folder.path("in.mp4")
      try TestClip.write(clip.frames, times: times, options: options, to: input)
      let output = folder.path("out.mp4")
      let result = try Self.pipeline(detectEvery: detectEvery).process(
        input.path, to: output.path, named: "out.mp4")
      #expect(result.frames == 40)
      #expect(result.analysedFrames == (40 + detectEvery - 1) / detectEvery)
      #expect(!result.tracks.isEmpty)
      let rendered = try uprightFrames(of: output)
      #expect(rendered.count == 40)
      let leaks = MovingFaces.leaks(of: clip.visibleFaces, in: rendered, by: Self.maskColor)
      #expect(leaks.isEmpty, "\(leaks)")
      #expect(try MediaProbe(output).streamTypes == ["video", "audio", "subtitle"])
      #expect(
        try MediaProbe.frameTimes(output, stream: 0) == MediaProbe.frameTimes(input, stream: 0))
    }
  }

  /// Five people with 20-24 px faces, which only the enlarged tiles find, one of them walking in
  /// from the edge: with the tiles dealt out over three analysed frames (two tiles: the third
  /// turn runs only the tiles where tracks expect faces), each face's tile is searched on every
  /// ninth frame only, and tracking must still hide it in every frame.
  @Test func smallFacesStayMaskedWhileTheTilesTakeTurns() throws {
    let detector = try FaceModel.centerface.makeMultiPassDetector(
      preset: .balanced, store: ModelStore(directory: ModelFiles.directory)
    ).covering(minimumFace: 12)
    let tiles = detector.plan(width: 960, height: 540).passes.last!.tiles
    #expect(tiles.count >= 2)
    #expect(VideoPipeline.tileTurns(detectEvery: 3, frameRate: 30) == 3)
    let composer = MovingFaces(portraits: try TestPortraits.load(), width: 960, height: 540)
    let clip = composer.render(
      [
        .init(
          portrait: 0, faceHeight: 20, from: Point(x: 100, y: 100), to: Point(x: 160, y: 110),
          frames: 0..<36),
        .init(
          portrait: 2, faceHeight: 22, from: Point(x: 480, y: 120), to: Point(x: 470, y: 150),
          frames: 0..<36),
        .init(
          portrait: 4, faceHeight: 24, from: Point(x: 800, y: 400), to: Point(x: 700, y: 380),
          frames: 0..<36),
        .init(
          portrait: 5, faceHeight: 22, from: Point(x: 300, y: 420), to: Point(x: 320, y: 400),
          frames: 0..<36),
        .init(
          portrait: 6, faceHeight: 24, from: Point(x: -20, y: 280), to: Point(x: 200, y: 270),
          frames: 0..<36),
      ], count: 36)
    try TemporaryFolder.use { folder in
      let input = folder.path("in.mp4")
      try TestClip.write(clip.frames, times: (0..<36).map { Double($0) / 30 }, to: input)
      let output = folder.path("out.mp4")
      let pipeline = VideoPipeline(
        detector: detector,
        options: VideoOptions(
          redaction: RedactionOptions(
            style: .solid(RedactionStyle.Color(red: 255, green: 0, blue: 255))),
          tracking: try TrackingOptions(threshold: 0.3), detectEvery: 3,
          render: VideoRenderOptions(), limits: VideoLimits()))
      let result = try pipeline.process(input.path, to: output.path, named: "out.mp4")
      #expect(result.tracks.count >= 5)
      let rendered = try uprightFrames(of: output)
      #expect(rendered.count == 36)
      let leaks = MovingFaces.leaks(of: clip.visibleFaces, in: rendered, by: Self.maskColor)
      #expect(leaks.isEmpty, "\(leaks)")
    }
  }

  @Test func givenTracksAreHiddenWithoutDetecting() throws {
    try TemporaryFolder.use { folder in
      let (clip, times) = try Self.clip()
      let input = folder.path("in.mp4")
      try TestClip.write(clip.frames, times: times, to: input)
      let box = Rect(x: 20, y: 20, width: 60, height: 40)
      let track = try Track(
        id: 1,
        points: [
          TrackPoint(frame: nil, time: 0, box: box, score: 1),
          TrackPoint(frame: nil, time: times[39], box: box, score: 1),
        ])
      let output = folder.path("out.mp4")
      let result = try Self.pipeline(detectEvery: 1).process(
        input.path, to: output.path, named: "out.mp4", tracks: [track])
      #expect(result.analysedFrames == 0)
      #expect(result.redactedFrames == 40)
      let rendered = try uprightFrames(of: output)
      #expect(
        rendered.allSatisfy { MovingFaces.coverage(of: box, in: $0, by: Self.maskColor) > 0.95 })
      let firstFace = try #require(clip.visibleFaces[30].first)
      #expect(MovingFaces.coverage(of: firstFace, in: rendered[30], by: Self.maskColor) < 0.1)
    }
  }

  @Test func rotatedClipsAreSearchedUpright() throws {
    try TemporaryFolder.use { folder in
      let (clip, times) = try Self.clip()
      // A phone clip: frames stored turned a quarter clockwise, with a display matrix that turns
      // them back a quarter counterclockwise (FFmpeg's rotation 90, which ffprobe confirms).
      let stored = clip.frames.prefix(12).map { Orientation.right.apply(to: $0) }
      var options = TestClip.Options()
      options.rotation = 90
      let input = folder.path("in.mp4")
      try TestClip.write(Array(stored), times: Array(times.prefix(12)), options: options, to: input)
      #expect(try MediaProbe(input).videoRotation == 90)
      let reader = try VideoFrameReader(path: input.path, limits: VideoLimits())
      #expect(reader.properties.orientation == .left)
      let output = folder.path("out.mp4")
      let result = try Self.pipeline(detectEvery: 1).process(
        input.path, to: output.path, named: "out.mp4")
      #expect(!result.tracks.isEmpty)
      let rendered = try uprightFrames(of: output)
      #expect(rendered.count == 12 && rendered.allSatisfy { $0.width == 480 && $0.height == 272 })
      let leaks = MovingFaces.leaks(of: clip.visibleFaces, in: rendered, by: Self.maskColor)
      #expect(leaks.isEmpty, "\(leaks)")
      #expect(try MediaProbe(output).videoRotation == MediaProbe(input).videoRotation)
    }
  }

  @Test func theWatermarkIsOnEveryFrameUprightAndHidesNothing() throws {
    try TemporaryFolder.use { folder in
      let (clip, times) = try Self.clip()
      let upright = Array(clip.frames.prefix(12))
      var options = TestClip.Options()
      options.rotation = 90
      let input = folder.path("in.mp4")
      try TestClip.write(
        upright.map { Orientation.right.apply(to: $0) }, times: Array(times.prefix(12)),
        options: options, to: input)
      let mark = try Watermark(text: "anonymized")
      var marked = try Self.pipeline(detectEvery: 1).options
      marked.watermark = mark
      let output = folder.path("out.mp4")
      let result = try VideoPipeline(detector: try Self.detector(), options: marked).process(
        input.path, to: output.path, named: "out.mp4", tracks: [])
      #expect(result.redactedFrames == 0)
      let rendered = try uprightFrames(of: output)
      #expect(rendered.count == 12)
      let box = mark.layout(width: 480, height: 272).box
      for (index, (original, frame)) in zip(upright, rendered).enumerated() {
        var expected = original
        mark.draw(on: &expected)
        #expect(meanDifference(frame, expected, inside: box) < 15, "frame \(index)")
        #expect(meanDifference(frame, original, inside: box) > 35, "frame \(index)")
      }
    }
  }

  /// The mean absolute difference of the samples of `a` and `b` inside `area`.
  private func meanDifference(_ a: Image, _ b: Image, inside area: PixelRect) -> Double {
    var total = 0
    for y in area.y..<area.maxY {
      let start = (y * a.width + area.x) * 3
      for offset in start..<(start + area.width * 3) {
        total += abs(Int(a.pixels[offset]) - Int(b.pixels[offset]))
      }
    }
    return Double(total) / Double(area.width * area.height * 3)
  }
}

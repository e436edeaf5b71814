import FaceGuardCore
import FaceTracking
import TestSupport
import Testing

@Suite struct MaskPlanScaleTests {
  /// An hour at 30 fps with 300 tracks of 5 to 60 seconds, each sighted on every frame: planning
  /// every frame finishes (it would not, in any reasonable time, if queries grew with the
  /// number of tracks or points). Not timed; a slow machine only makes it slower.
  @Test func anHourOfVideoWithHundredsOfTracksPlansEveryFrame() throws {
    var random = SeededGenerator(seed: 3)
    let fps = 30.0
    let tracks = try (1...300).map { id in
      let start = Double.random(in: 0...3540, using: &random)
      let frames = Int(Double.random(in: 5...60, using: &random) * fps)
      let x = Double.random(in: 0...1200, using: &random)
      let y = Double.random(in: 0...600, using: &random)
      let points = (0..<frames).map { step in
        TrackPoint(
          frame: nil, time: start + Double(step) / fps,
          box: Rect(x: x + Double(step) * 0.05, y: y, width: 60, height: 70), score: 0.9)
      }
      return try Track(id: id, points: points)
    }
    let plan = try MaskPlan(
      tracks: tracks, frameWidth: 1920, frameHeight: 1080, options: try TrackingFixtures.options())
    var regions = 0
    var framesWithFaces = 0
    for frame in 0..<108_000 {
      let found = plan.regions(at: Double(frame) / fps).count
      regions += found
      framesWithFaces += found > 0 ? 1 : 0
    }
    #expect(framesWithFaces > 10_000)
    #expect(regions >= framesWithFaces)
  }
}

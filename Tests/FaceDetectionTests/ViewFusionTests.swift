import FaceGuardCore
import Testing

@testable import FaceDetection

@Suite struct ViewFusionTests {
  static func sighting(x: Double, score: Double, view: Int) -> ViewFusion.Sighting {
    .init(face: Face(box: Rect(x: x, y: 0, width: 20, height: 20), score: score), view: view)
  }

  @Test func agreeingViewsKeepTheirMeanScoreAndAverageTheBox() {
    let fused = ViewFusion.fuse(
      [Self.sighting(x: 0, score: 0.8, view: 0), Self.sighting(x: 2, score: 0.6, view: 1)],
      iouThreshold: 0.3, expectedViews: { _ in 2 })
    #expect(fused.count == 1)
    #expect(abs(fused[0].score - 0.7) < 1e-9)
    #expect(abs(fused[0].box.x - (0 * 0.8 + 2 * 0.6) / 1.4) < 1e-9)
  }

  @Test func aLoneSightingIsDividedByTheViewsThatShouldHaveSeenIt() {
    let fused = ViewFusion.fuse(
      [Self.sighting(x: 0, score: 0.8, view: 3)], iouThreshold: 0.3, expectedViews: { _ in 4 })
    #expect(abs(fused[0].score - 0.2) < 1e-9)
  }

  @Test func oneViewCountsOnceAndDistantFacesStaySeparate() {
    let fused = ViewFusion.fuse(
      [
        Self.sighting(x: 0, score: 0.9, view: 0), Self.sighting(x: 1, score: 0.5, view: 0),
        Self.sighting(x: 100, score: 0.4, view: 0),
      ], iouThreshold: 0.3, expectedViews: { _ in 1 })
    #expect(fused.map(\.score) == [0.9, 0.4])
  }
}

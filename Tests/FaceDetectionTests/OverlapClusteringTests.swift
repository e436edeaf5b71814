import FaceGuardCore
import Testing

@testable import FaceDetection

@Suite struct OverlapClusteringTests {
  static func face(_ x: Double, _ score: Double, width: Double = 10) -> Face {
    Face(box: Rect(x: x, y: 0, width: width, height: 10), score: score)
  }

  @Test func theBestFaceTakesEveryFaceOverlappingIt() {
    let faces = [Self.face(0, 0.5), Self.face(1, 0.9), Self.face(30, 0.7), Self.face(8, 0.8)]
    let groups = OverlapClustering.groups(faces, iouThreshold: 0.3) { $0 }
    #expect(groups.map { $0.map(\.score) } == [[0.9, 0.5], [0.8], [0.7]])
  }

  @Test func aFaceWithoutAreaStillFormsItsOwnGroup() {
    let faces = [Self.face(0, 0.9, width: 0), Self.face(0, 0.8)]
    let groups = OverlapClustering.groups(faces, iouThreshold: 0.3) { $0 }
    #expect(groups.map(\.count) == [1, 1])
  }

  @Test func nonMaximumSuppressionKeepsTheGroupLeaders() {
    let faces = (0..<40).map { index -> Face in
      let x = Double(index * 3 % 50)
      let score = Double(index * 7 % 40) / 40
      return Self.face(x, score)
    }
    let kept = NonMaximumSuppression.greedy(faces, iouThreshold: 0.3)
    #expect(kept == OverlapClustering.groups(faces, iouThreshold: 0.3) { $0 }.map { $0[0] })
    for (index, face) in kept.enumerated() {
      #expect(!kept[..<index].contains { $0.box.intersectionOverUnion(face.box) > 0.3 })
    }
  }
}

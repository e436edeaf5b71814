import FaceGuardCore

/// Weighted non-maximum suppression, as MediaPipe's `NonMaxSuppressionCalculator` does it with
/// `algorithm: WEIGHTED` (the "blending" of the BlazeFace paper).
///
/// Instead of keeping only the best box of a group of overlapping boxes, it averages the group,
/// weighting each box by its score, which steadies the box and is more precise than any single
/// candidate. Also used to merge the faces found on overlapping tiles of one image.
public enum WeightedNonMaximumSuppression {
  /// Merges every group of overlapping faces into one, best first.
  ///
  /// The best remaining face collects all remaining faces whose intersection over union with it
  /// exceeds `iouThreshold` (itself always included). The merged face has the best face's score,
  /// and its box edges are the score-weighted means of the group's box edges. Its landmarks are
  /// the score-weighted means over the group members with as many landmarks as the best face.
  /// Intersection over union and weighted means do not change when both axes are scaled and
  /// shifted, so merging in image pixels gives the same faces as MediaPipe's merging in
  /// normalised input coordinates.
  ///
  /// - Parameters:
  ///   - faces: candidates in any order.
  ///   - iouThreshold: the overlap above which a face joins the best face's group (MediaPipe's
  ///     `min_suppression_threshold`, 0.3 for face detection).
  public static func merge(_ faces: [Face], iouThreshold: Double) -> [Face] {
    OverlapClustering.groups(faces, iouThreshold: iouThreshold) { $0 }.map { group in
      weightedMean(of: group, best: group[0])
    }
  }

  /// The score-weighted mean of `group`, carrying the score of `best`, its first member.
  static func weightedMean(of group: [Face], best: Face) -> Face {
    guard group.count > 1 else { return best }
    let totalWeight = group.reduce(0) { $0 + $1.score }
    guard totalWeight > 0 else { return best }
    var left = 0.0
    var top = 0.0
    var right = 0.0
    var bottom = 0.0
    for face in group {
      left += face.box.x * face.score
      top += face.box.y * face.score
      right += face.box.maxX * face.score
      bottom += face.box.maxY * face.score
    }
    let box = Rect(
      x: left / totalWeight, y: top / totalWeight, width: (right - left) / totalWeight,
      height: (bottom - top) / totalWeight)
    return Face(box: box, score: best.score, landmarks: weightedLandmarks(of: group, best: best))
  }

  /// The score-weighted mean landmarks of the group members shaped like the best face's.
  private static func weightedLandmarks(of group: [Face], best: Face) -> [Point] {
    guard !best.landmarks.isEmpty else { return [] }
    let members = group.filter { $0.landmarks.count == best.landmarks.count }
    let totalWeight = members.reduce(0) { $0 + $1.score }
    guard totalWeight > 0 else { return best.landmarks }
    return best.landmarks.indices.map { index in
      var x = 0.0
      var y = 0.0
      for face in members {
        x += face.landmarks[index].x * face.score
        y += face.landmarks[index].y * face.score
      }
      return Point(x: x / totalWeight, y: y / totalWeight)
    }
  }
}

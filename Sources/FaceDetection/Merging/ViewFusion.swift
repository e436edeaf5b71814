import FaceGuardCore

/// Merges the faces that several views of one image found (passes at different scales, mirrored
/// copies), so that agreement raises confidence and a lone sighting lowers it. (``ModelFusion``
/// merges what different models found.)
///
/// Faces are grouped greedily, best first, by overlap. Within a group each view contributes its
/// best score once; the fused score is the sum of those scores divided by the number of views
/// that were expected to see it (the views whose size band covers it and whose tiles ran where
/// it is). A face every expected view found keeps its mean score; a texture that one view of four
/// mistook for a face drops to a quarter of its score. The fused box is the score-weighted mean of the group.
/// With a single view this is plain non-maximum suppression.
public enum ViewFusion {
  /// A face and the view that found it.
  public struct Sighting: Sendable {
    /// The face in image pixels.
    public var face: Face
    /// Which view found it.
    public var view: Int

    /// Creates a sighting.
    public init(face: Face, view: Int) {
      self.face = face
      self.view = view
    }
  }

  /// Fuses sightings into faces, best first.
  ///
  /// - Parameters:
  ///   - sightings: every face every view found.
  ///   - iouThreshold: the overlap above which two sightings are the same face.
  ///   - expectedViews: how many views should see a face with the given fused box (at least 1).
  public static func fuse(
    _ sightings: [Sighting], iouThreshold: Double, expectedViews: (Rect) -> Int
  ) -> [Face] {
    fuse(sightings, iouThreshold: iouThreshold) { bestPerView, box in
      let views = max(expectedViews(box), bestPerView.count, 1)
      return bestPerView.sorted { $0.key < $1.key }.reduce(0) { $0 + $1.value } / Double(views)
    }
  }

  /// Groups sightings by overlap and makes one face of each group, best first: its box the
  /// score-weighted mean of the group's, its score what `score` makes of the best score each
  /// view gives in the group and that box. ``ModelFusion`` scores groups its own way.
  static func fuse(
    _ sightings: [Sighting], iouThreshold: Double,
    score: (_ bestPerView: [Int: Double], _ box: Rect) -> Double
  ) -> [Face] {
    let groups = OverlapClustering.groups(sightings, iouThreshold: iouThreshold) { $0.face }
    let fused = groups.map { group -> Face in
      var bestPerView: [Int: Double] = [:]
      for sighting in group {
        bestPerView[sighting.view] = max(bestPerView[sighting.view] ?? 0, sighting.face.score)
      }
      let merged = WeightedNonMaximumSuppression.weightedMean(
        of: group.map(\.face), best: group[0].face)
      return Face(
        box: merged.box, score: score(bestPerView, merged.box), landmarks: merged.landmarks)
    }
    return fused.sorted { $0.score > $1.score }
  }
}

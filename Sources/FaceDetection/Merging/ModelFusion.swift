import FaceGuardCore

/// Merges the faces that different models found in one image, so that a face they agree on keeps
/// their mean score, one that only some of them find keeps a share of it, and a model's opinion
/// counts only for the face sizes it covers.
///
/// Faces are grouped greedily, best first, by overlap, and each model contributes its best score
/// in a group once. The models that count are those that saw the face and cover its size (the
/// plan they followed searches faces that big), or, when none of those saw it, the ones that did.
/// The fused score is the mean of the counted scores, lowered for every model that covers the
/// size and missed the face: each adds only ``missedModelCredit``-times that mean, so with two
/// models a lone sighting keeps (1 + credit) / 2 of its score. A model that does not cover a
/// face's size neither lowers its score by missing it nor drags it down with an unsure sighting
/// (RetinaFace's single pass scores many 12 px faces low that CenterFace's tiles score high).
/// The fused box is the score-weighted mean of the group.
enum ModelFusion {
  /// Fuses sightings into faces, best first.
  ///
  /// - Parameters:
  ///   - sightings: every face every model found, each model one view (its index in the
  ///     ensemble).
  ///   - iouThreshold: the overlap above which two sightings are the same face.
  ///   - missedModelCredit: the share, from 0 to 1, of the counted mean score that each covering
  ///     model which missed the face adds.
  ///   - coveringModels: the models whose plans cover a face with the given fused box.
  static func fuse(
    _ sightings: [ViewFusion.Sighting], iouThreshold: Double, missedModelCredit: Double,
    coveringModels: (Rect) -> Set<Int>
  ) -> [Face] {
    ViewFusion.fuse(sightings, iouThreshold: iouThreshold) { bestPerModel, box in
      let covering = coveringModels(box)
      let coveringSeen = bestPerModel.filter { covering.contains($0.key) }
      let counted = coveringSeen.isEmpty ? bestPerModel : coveringSeen
      let models = covering.union(counted.keys).count
      let total = counted.sorted { $0.key < $1.key }.reduce(0) { $0 + $1.value }
      let mean = total / Double(counted.count)
      return (total + missedModelCredit * mean * Double(models - counted.count)) / Double(models)
    }
  }
}

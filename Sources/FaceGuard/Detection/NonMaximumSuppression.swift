/// Greedy non-maximum suppression: keeps the best-scoring face of every group of overlapping boxes.
public enum NonMaximumSuppression {
  /// Returns the faces that survive, best first.
  ///
  /// - Parameters:
  ///   - faces: candidates in any order.
  ///   - iouThreshold: a face is dropped when its intersection over union with a better kept face
  ///     exceeds this.
  public static func greedy(_ faces: [Face], iouThreshold: Double) -> [Face] {
    let sorted = faces.sorted { $0.score > $1.score }
    var kept: [Face] = []
    kept.reserveCapacity(min(sorted.count, 256))
    for face in sorted
    where !kept.contains(where: { $0.box.intersectionOverUnion(face.box) > iouThreshold }) {
      kept.append(face)
    }
    return kept
  }
}

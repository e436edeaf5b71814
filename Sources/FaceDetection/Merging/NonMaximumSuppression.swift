import FaceGuardCore

/// Greedy non-maximum suppression: keeps the best-scoring face of every group of overlapping boxes.
public enum NonMaximumSuppression {
  /// Returns the faces that survive, best first.
  ///
  /// - Parameters:
  ///   - faces: candidates in any order.
  ///   - iouThreshold: a face is dropped when its intersection over union with a better kept face
  ///     exceeds this.
  public static func greedy(_ faces: [Face], iouThreshold: Double) -> [Face] {
    OverlapClustering.groups(faces, iouThreshold: iouThreshold) { $0 }.map { $0[0] }
  }
}

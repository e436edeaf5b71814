import FaceGuardCore

/// A detector that searches an image along detection plans, so that the successive frames of a
/// video can share out the tiles (``TileRotation``).
public protocol PlannedFaceDetector: FaceDetector {
  /// Finds the faces in the tiles that `rotation` gives this search.
  ///
  /// - Parameters:
  ///   - image: the upright image.
  ///   - threshold: minimum confidence in 0...1.
  ///   - rotation: which tiles run; ``TileRotation/everyTile`` runs the whole plan.
  func detect(in image: Image, threshold: Double, rotation: TileRotation) throws -> [Face]
}

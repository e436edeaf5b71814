import FaceGuardCore

/// Something that finds faces in an upright image.
public protocol FaceDetector: Sendable {
  /// The face sizes the detector finds reliably, for planning tiles and scales.
  var profile: DetectorProfile { get }

  /// Finds the faces whose confidence reaches `threshold`.
  ///
  /// - Parameters:
  ///   - image: the upright image, RGB or RGBA (alpha is ignored).
  ///   - threshold: minimum confidence in 0...1.
  /// - Returns: faces in pixels of `image`, best first, overlapping duplicates removed.
  func detect(in image: Image, threshold: Double) throws -> [Face]
}

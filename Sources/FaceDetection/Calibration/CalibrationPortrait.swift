import FaceGuardCore

/// A photo of one person and where the face is: what calibration scenes are composed from.
public struct CalibrationPortrait: Sendable {
  /// The photo.
  public var image: Image
  /// The face box in the photo.
  public var face: Rect

  /// Creates a portrait.
  public init(image: Image, face: Rect) {
    self.image = image
    self.face = face
  }
}

/// How faces are hidden, as a person chooses it.
public enum RedactionMode: String, Sendable, Equatable, CaseIterable, Codable {
  /// A strong blur whose radius grows with the face.
  case blur
  /// A mosaic of large blocks.
  case pixelate
  /// A fill with one colour.
  case solid
  /// Nothing is hidden and no image is written: the faces are only reported.
  case none

  /// The modes that write an image.
  public static let hiding: [RedactionMode] = [.blur, .pixelate, .solid]
}

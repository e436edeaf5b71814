import FaceGuardCore

extension ImageMetadata {
  /// The orientation recorded in the EXIF payload; `.up` when there is no EXIF, the EXIF cannot
  /// be parsed, or its orientation tag is missing or out of range.
  public var orientation: Orientation {
    guard let exif, let parsed = try? EXIF(parsing: exif) else { return .up }
    return parsed.orientation ?? .up
  }
}

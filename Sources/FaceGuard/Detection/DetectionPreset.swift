/// How hard FaceGuard looks for faces: a trade of time for recall.
public enum DetectionPreset: String, Sendable, CaseIterable, Codable {
  /// One pass over the whole image, shrunk to at most 1024 px on its long side. Finds faces from
  /// about 2 % of the long side up; the cheapest choice for portraits and small groups.
  case fast
  /// The whole-image pass plus tiles at the resolution that the smallest expected face needs
  /// (by default 1 % of the image's short side, at least 10 px; up to 2x upscaling).
  case balanced
  /// Like balanced with a sharper whole-image pass, smaller faces (0.5 % of the short side, at
  /// least 6 px; up to 3x upscaling) and every pass repeated on the mirrored image.
  case thorough

  /// The long side the whole-image pass is shrunk to (never enlarged).
  var wholeImageSide: Int {
    switch self {
    case .fast, .balanced: return 1024
    case .thorough: return 1536
    }
  }

  /// The largest upscaling a tile pass may use.
  var maximumUpscale: Double {
    switch self {
    case .fast: return 1
    case .balanced: return 2
    case .thorough: return 3
    }
  }

  /// Whether every pass also runs on the mirrored image.
  var mirrors: Bool { self == .thorough }

  /// The smallest face height (image pixels) the plan covers when the user gives none.
  func defaultMinimumFace(imageWidth: Int, imageHeight: Int) -> Double? {
    let shortSide = Double(min(imageWidth, imageHeight))
    switch self {
    case .fast: return nil
    case .balanced: return max(10, shortSide / 100)
    case .thorough: return max(6, shortSide / 200)
    }
  }
}

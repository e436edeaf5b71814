/// How hard FaceGuard looks for faces: a trade of time for recall.
public enum DetectionPreset: String, Sendable, CaseIterable, Codable {
  /// One pass over the whole image, shrunk to at most 1024 px on its long side. Finds faces from
  /// about 2 % of the long side up; the cheapest choice for portraits and small groups.
  case fast
  /// The whole-image pass plus tiles at the resolution that the smallest expected face needs
  /// (by default 1 % of the image's long side, from 10 to 20 px; up to 2x upscaling).
  case balanced
  /// Balanced's passes, each also run on the mirrored image. A face keeps its full score only when
  /// both views find it, so a texture one view mistook for a face loses half of its score: fewer
  /// false alarms at the same threshold and a better ranking, for twice balanced's network work.
  case thorough

  /// The long side the whole-image pass is shrunk to (never enlarged) unless the user picks
  /// another.
  public static let wholeImageSide = 1024

  /// The largest upscaling a tile pass may use.
  var maximumUpscale: Double {
    switch self {
    case .fast: return 1
    case .balanced, .thorough: return 2
    }
  }

  /// Whether every pass also runs on the mirrored image.
  var mirrors: Bool { self == .thorough }

  /// The models that look for faces unless the user picks others.
  public var defaultModels: ModelChoice {
    switch self {
    case .fast: return ModelChoice(.centerface)
    case .balanced, .thorough: return ModelChoice([.centerface, .retinaface])
    }
  }

  /// The smallest face height (image pixels) the plan covers when the user gives none: 1 % of
  /// the long side, so a face that small next to the frame is found however large the photo,
  /// but never above 20 px (a 4K photo's crowd) nor below 10 px.
  func defaultMinimumFace(imageWidth: Int, imageHeight: Int) -> Double? {
    switch self {
    case .fast: return nil
    case .balanced, .thorough:
      return min(max(10, Double(max(imageWidth, imageHeight)) / 100), 20)
    }
  }
}

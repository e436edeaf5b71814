import FaceGuard

/// A photo endpoint of the API and the fields it reads from the query string or the form,
/// described once for reading requests and for the OpenAPI document.
enum PhotoEndpoint: CaseIterable {
  /// `POST /api/v1/detect`: the faces as JSON.
  case detect
  /// `POST /api/v1/anonymize`: the photo with the faces hidden.
  case anonymize

  /// The path below the server root.
  var path: String {
    switch self {
    case .detect: "/api/v1/detect"
    case .anonymize: "/api/v1/anonymize"
    }
  }

  /// The settings the endpoint reads, by their API names.
  var settings: [Setting] {
    switch self {
    case .detect: [.threshold]
    case .anonymize: PhotoSettings.settings
    }
  }

  /// Whether the endpoint reads `boxes`, regions to hide instead of detecting.
  var readsBoxes: Bool { self == .anonymize }

  /// The values the API accepts for `setting`: the setting's own, except that `mode` has no
  /// `none`, since an anonymized photo always has its faces hidden.
  static func values(of setting: Setting) -> SettingValues {
    setting == .mode ? .choice(RedactionMode.hiding.map(\.rawValue)) : setting.values
  }
}

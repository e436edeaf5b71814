import FaceGuard
import FaceGuardCore
import Foundation

/// The options of one API request, read from its query string or form fields.
struct PhotoRequest {
  /// The photo settings; fields the request does not give keep their defaults.
  var settings = PhotoSettings()
  /// Regions to hide instead of detecting (`boxes`), in pixels of the upright image.
  var boxes: [Rect]?
  /// How many of `boxes` a person added to the detector's (`boxes_added`), for the audit log.
  var boxesAdded: Int?
  /// How many detected faces a person chose to show (`boxes_removed`), for the audit log.
  var boxesRemoved: Int?

  /// The fields with what a person changed in the detector's regions, recorded in the audit log
  /// along with `boxes`.
  static let reviewFields = ["boxes_added", "boxes_removed"]

  /// The most boxes one request may name.
  static let maxBoxes = 1000

  /// Reads the fields `endpoint` takes from `fields`; other fields are ignored.
  ///
  /// - Throws: ``APIError`` (400) naming the first field whose value is not allowed.
  init(fields: [String: String], for endpoint: PhotoEndpoint) throws(APIError) {
    for setting in endpoint.settings {
      guard let text = fields[setting.apiName] else { continue }
      do {
        try settings.set(setting, from: text)
      } catch {
        throw APIError(.badRequest, error.message(naming: setting.apiName))
      }
    }
    if settings.mode == .none {
      let refusal = SettingError(
        .mode, value: RedactionMode.none.rawValue,
        problem: "be \(PhotoEndpoint.values(of: .mode).expectation) (to list faces without hiding "
          + "them, use \(PhotoEndpoint.detect.path))")
      throw APIError(.badRequest, refusal.message(naming: Setting.mode.apiName))
    }
    if endpoint.readsBoxes {
      boxes = try fields["boxes"].map { json throws(APIError) in try Self.boxes(json) }
      boxesAdded = try Self.count(fields, Self.reviewFields[0])
      boxesRemoved = try Self.count(fields, Self.reviewFields[1])
    }
  }

  /// The whole number of at least 0 in field `name`, if it is given.
  private static func count(_ fields: [String: String], _ name: String) throws(APIError) -> Int? {
    guard let text = fields[name] else { return nil }
    guard let count = Int(text.trimmingCharacters(in: .whitespaces)), count >= 0 else {
      throw APIError(.badRequest, "\(name) must be a whole number of at least 0, got \(text)")
    }
    return count
  }

  /// The regions of a `boxes` field: a JSON array of `{"x","y","w","h"}`.
  private static func boxes(_ json: String) throws(APIError) -> [Rect] {
    guard let list = try? JSONDecoder().decode([FaceBox].self, from: Data(json.utf8)) else {
      throw APIError(
        .badRequest, #"boxes must be a JSON array of {"x","y","w","h"} objects in pixels"#)
    }
    guard list.count <= maxBoxes else {
      throw APIError(.badRequest, "boxes may hold at most \(maxBoxes) regions")
    }
    guard list.allSatisfy(\.isValidRegion) else {
      throw APIError(
        .badRequest, "every region in boxes needs finite x and y and a positive w and h")
    }
    return list.map(\.rect)
  }
}

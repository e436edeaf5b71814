import FaceGuard
import Foundation

/// The options of an API request, parsed and checked from its query or form fields.
struct AnonymizeParameters {
  /// The pipeline options.
  var options: AnonymizeOptions
  /// Regions to hide instead of detecting (`boxes`), in pixels of the upright image.
  var boxes: [Rect]?

  /// The most boxes one request may name.
  static let maxBoxes = 1000

  /// Parses `fields`; unknown fields are ignored.
  ///
  /// - Throws: ``APIError`` (400) naming the first field whose value is not allowed.
  init(fields: [String: String], limits: DecodeLimits) throws {
    var redaction = RedactionOptions()
    var style = RedactionStyle.blur
    var color = RedactionStyle.Color.black
    if let value = fields["color"] {
      color = try Self.color(value)
    }
    switch fields["mode"] ?? "blur" {
    case "blur": style = .blur
    case "pixelate": style = .pixelate
    case "solid": style = .solid(color)
    case let other: throw Self.invalid("mode", other, "blur, pixelate or solid")
    }
    redaction.style = style
    switch fields["shape"] ?? "ellipse" {
    case "ellipse": redaction.shape = .ellipse
    case "box": redaction.shape = .box
    case let other: throw Self.invalid("shape", other, "ellipse or box")
    }
    redaction.strength = try Self.number(fields, "strength", in: 0.1...10) ?? redaction.strength
    redaction.maskScale = try Self.number(fields, "mask_scale", in: 1...4) ?? redaction.maskScale
    let threshold = try Self.number(fields, "threshold", in: 0...1) ?? CenterFace.defaultThreshold
    var format: ImageFormat?
    if let value = fields["format"] {
      switch value.lowercased() {
      case "jpeg", "jpg": format = .jpeg
      case "png": format = .png
      case "webp": format = .webp
      default: throw Self.invalid("format", value, "jpeg, png or webp")
      }
    }
    let quality = try Self.number(fields, "quality", in: 1...100).map { Int($0.rounded()) }
    var keepMetadata = false
    if let value = fields["keep_metadata"] {
      switch value.lowercased() {
      case "true", "1", "yes", "on": keepMetadata = true
      case "false", "0", "no", "off": keepMetadata = false
      default: throw Self.invalid("keep_metadata", value, "true or false")
      }
    }
    options = AnonymizeOptions(
      threshold: threshold, redaction: redaction,
      metadataPolicy: keepMetadata ? .keepSafe : .stripAll, outputFormat: format,
      quality: quality, limits: limits)
    boxes = try fields["boxes"].map(Self.boxes)
  }

  /// A box as the API writes it.
  struct Box: Codable {
    var x: Double
    var y: Double
    var w: Double
    var h: Double
  }

  private static func boxes(_ json: String) throws -> [Rect] {
    guard let list = try? JSONDecoder().decode([Box].self, from: Data(json.utf8)) else {
      throw APIError(
        .badRequest, #"boxes must be a JSON array of {"x","y","w","h"} objects in pixels"#)
    }
    guard list.count <= maxBoxes else {
      throw APIError(.badRequest, "boxes may hold at most \(maxBoxes) regions")
    }
    return try list.map { box in
      guard [box.x, box.y, box.w, box.h].allSatisfy(\.isFinite), box.w > 0, box.h > 0 else {
        throw APIError(
          .badRequest, "every region in boxes needs finite x and y and a positive w and h")
      }
      return Rect(x: box.x, y: box.y, width: box.w, height: box.h)
    }
  }

  private static func number(
    _ fields: [String: String], _ name: String, in range: ClosedRange<Double>
  ) throws -> Double? {
    guard let text = fields[name] else { return nil }
    guard let value = Double(text.trimmingCharacters(in: .whitespaces)), range.contains(value)
    else {
      throw invalid(name, text, "a number from \(range.lowerBound) to \(range.upperBound)")
    }
    return value
  }

  private static func color(_ text: String) throws -> RedactionStyle.Color {
    let hex = text.hasPrefix("#") ? String(text.dropFirst()) : text
    guard hex.count == 6, hex.allSatisfy(\.isHexDigit), let value = UInt32(hex, radix: 16) else {
      throw invalid("color", text, "six hex digits like ff8800")
    }
    return RedactionStyle.Color(
      red: UInt8(value >> 16 & 0xFF), green: UInt8(value >> 8 & 0xFF), blue: UInt8(value & 0xFF))
  }

  private static func invalid(_ name: String, _ value: String, _ allowed: String) -> APIError {
    let shown = value.count > 40 ? String(value.prefix(40)) + "…" : value
    return APIError(.badRequest, "\(name) must be \(allowed), got \(shown)")
  }
}

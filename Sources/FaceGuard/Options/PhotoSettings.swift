import FaceRedaction
import Foundation
import ImageCodecs
import Watermarking

/// What a person chooses about how each photo is anonymized, with FaceGuard's defaults: the one
/// options model that the command line, the HTTP API and the web page fill in.
public struct PhotoSettings: Sendable, Equatable {
  /// How faces are hidden; `.none` hides nothing and writes no image.
  public var mode: RedactionMode = .blur
  /// The outline of each hidden region.
  public var shape: MaskShape = defaults.shape
  /// The fill colour of `solid` mode.
  public var color: RedactionStyle.Color = .black
  /// Blur radius and mosaic block size multiplier.
  public var strength: Double = defaults.strength
  /// Mosaic blocks across a face in `pixelate` mode.
  public var blocks: Int = defaults.pixelateBlocks
  /// The factor each face box is enlarged by.
  public var maskScale: Double = defaults.maskScale
  /// The soft edge width as a fraction of the region size.
  public var feather: Double = defaults.feather
  /// Whether each hidden region is outlined.
  public var drawBoxes: Bool = defaults.drawBoxes
  /// Whether a safe subset of EXIF is kept (see `MetadataPolicy.keepSafe`).
  public var keepMetadata = false
  /// The output format; `nil` keeps the input's (HEIC becomes JPEG).
  public var format: ImageFormat?
  /// JPEG and WebP quality; `nil` stays close to the input's.
  public var quality: Int?
  /// The minimum face confidence; `nil` uses the model's default.
  public var threshold: Double?
  /// The text stamped in a corner of every output; `nil` stamps nothing.
  public var watermark: String?
  /// The corner the watermark goes in.
  public var watermarkCorner = WatermarkCorner.bottomRight

  private static let defaults = RedactionOptions()

  /// The settings a photo takes, in the order help screens and documentation list them.
  public static let settings: [Setting] = [
    .mode, .shape, .color, .strength, .blocks, .maskScale, .feather, .drawBoxes, .keepMetadata,
    .format, .quality, .threshold, .watermark, .watermarkCorner,
  ]

  /// FaceGuard's defaults.
  public init() {}

  /// Sets `setting`, one of ``settings``, from text as an API field gives it.
  ///
  /// - Throws: ``SettingError`` when the text is not a value the setting accepts.
  public mutating func set(_ setting: Setting, from text: String) throws(SettingError) {
    let value = text.trimmingCharacters(in: .whitespaces)
    switch setting {
    case .mode: mode = try Self.parse(value, as: setting, RedactionMode.init(rawValue:))
    case .shape: shape = try Self.parse(value, as: setting, MaskShape.init(rawValue:))
    case .color: color = try Self.parse(value, as: setting, RedactionStyle.Color.init(hex:))
    case .strength: strength = try Self.number(value, as: setting)
    case .blocks: blocks = try Self.wholeNumber(value, as: setting)
    case .maskScale: maskScale = try Self.number(value, as: setting)
    case .feather: feather = try Self.number(value, as: setting)
    case .drawBoxes: drawBoxes = try Self.parse(value, as: setting, Self.flag)
    case .keepMetadata: keepMetadata = try Self.parse(value, as: setting, Self.flag)
    case .format: format = try Self.parse(value, as: setting, ImageFormat.init(writableName:))
    case .quality: quality = try Self.wholeNumber(value, as: setting)
    case .threshold: threshold = try Self.number(value, as: setting)
    case .watermark:
      try Self.checkWatermark(value)
      watermark = value
    case .watermarkCorner:
      watermarkCorner = try Self.parse(value, as: setting, WatermarkCorner.init(rawValue:))
    case .model, .preset, .minimumFace, .wholeImageSide, .threads, .precision, .maxPixels, .jobs,
      .videoCodec,
      .crf, .noAudio,
      .detectEvery:
      preconditionFailure("\(setting) is not a photo setting")
    }
  }

  /// Checks every value against the range of its setting.
  ///
  /// - Throws: ``SettingError`` for the first value out of range.
  public func validate() throws(SettingError) {
    _ = try Setting.strength.checked(strength)
    _ = try Setting.blocks.checked(blocks)
    _ = try Setting.maskScale.checked(maskScale)
    _ = try Setting.feather.checked(feather)
    if let quality { _ = try Setting.quality.checked(quality) }
    if let threshold { _ = try Setting.threshold.checked(threshold) }
    if let watermark { try Self.checkWatermark(watermark) }
  }

  /// The watermark these settings stamp; `nil` without text (or with text ``validate()``
  /// refuses).
  public var mark: Watermark? {
    watermark.flatMap { try? Watermark(text: $0, corner: watermarkCorner) }
  }

  /// The redaction these settings ask for; `nil` in `none` mode.
  public var redaction: RedactionOptions? {
    let style: RedactionStyle
    switch mode {
    case .blur: style = .blur
    case .pixelate: style = .pixelate
    case .solid: style = .solid(color)
    case .none: return nil
    }
    return RedactionOptions(
      style: style, shape: shape, maskScale: maskScale, strength: strength, pixelateBlocks: blocks,
      feather: feather, drawBoxes: drawBoxes)
  }

  /// The pipeline options these settings give.
  ///
  /// - Parameters:
  ///   - defaultThreshold: the threshold when ``threshold`` is `nil` (the model's default).
  ///   - limits: the decoders' limits.
  public func anonymizeOptions(defaultThreshold: Double, limits: DecodeLimits) -> AnonymizeOptions {
    AnonymizeOptions(
      threshold: threshold ?? defaultThreshold, redaction: redaction,
      metadataPolicy: keepMetadata ? .keepSafe : .stripAll, outputFormat: format,
      quality: quality, limits: limits, watermark: mark)
  }

  /// Checks that `text` can be stamped as a watermark.
  private static func checkWatermark(_ text: String) throws(SettingError) {
    do {
      _ = try Watermark(text: text)
    } catch {
      throw SettingError(.watermark, value: text, problem: error.requirement)
    }
  }

  /// The value `parse` makes of `text`.
  private static func parse<Value>(
    _ text: String, as setting: Setting, _ parse: (String) -> Value?
  ) throws(SettingError) -> Value {
    guard let value = parse(text) else { throw SettingError(setting, value: text) }
    return value
  }

  /// The number `text` gives, when `setting` accepts it.
  private static func number(_ text: String, as setting: Setting) throws(SettingError) -> Double {
    guard let number = Double(text), (try? setting.checked(number)) != nil else {
      throw SettingError(setting, value: text)
    }
    return number
  }

  /// The whole number `text` gives, when `setting` accepts it.
  private static func wholeNumber(_ text: String, as setting: Setting) throws(SettingError) -> Int {
    guard let number = Int(text), (try? setting.checked(number)) != nil else {
      throw SettingError(setting, value: text)
    }
    return number
  }

  /// The truth value of a flag's text.
  private static func flag(_ text: String) -> Bool? {
    switch text.lowercased() {
    case "true", "1", "yes", "on": true
    case "false", "0", "no", "off": false
    default: nil
    }
  }
}

extension ImageFormat {
  /// The writable format a person names, by its name or a file name extension in any case
  /// (`jpeg`, `JPG`, `png`, `webp`); `nil` for unknown names and for HEIC, which FaceGuard reads
  /// but does not write.
  public init?(writableName name: String) {
    guard let format = ImageFormat(fileExtension: name), ImageFormat.writable.contains(format)
    else { return nil }
    self = format
  }
}

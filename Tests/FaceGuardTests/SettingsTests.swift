import FaceDetection
import FaceRedaction
import ImageCodecs
import Testing
import Watermarking

@testable import FaceGuard

@Suite("One options model: settings, their values and their messages")
struct SettingsTests {
  @Test("each setting has help and both spellings of its name")
  func names() {
    for setting in Setting.allCases {
      #expect(!setting.help.isEmpty, "\(setting)")
      #expect(setting.commandLineName == "--" + setting.rawValue)
      #expect(!setting.apiName.contains("-"))
    }
    #expect(Setting.maskScale.commandLineName == "--mask-scale")
    #expect(Setting.maskScale.apiName == "mask_scale")
  }

  @Test("text values are parsed as the HTTP API sends them")
  func parsing() throws {
    var settings = PhotoSettings()
    try settings.set(.mode, from: "pixelate")
    try settings.set(.shape, from: "box")
    try settings.set(.color, from: "#FF8800")
    try settings.set(.strength, from: " 2.5 ")
    try settings.set(.blocks, from: "12")
    try settings.set(.maskScale, from: "1.5")
    try settings.set(.feather, from: "0")
    try settings.set(.drawBoxes, from: "yes")
    try settings.set(.keepMetadata, from: "TRUE")
    try settings.set(.format, from: "JPG")
    try settings.set(.quality, from: "85")
    try settings.set(.threshold, from: "0.4")
    try settings.set(.watermark, from: " Anonymized by FaceGuard ")
    try settings.set(.watermarkCorner, from: "top-left")
    #expect(settings.mode == .pixelate && settings.shape == .box)
    #expect(settings.color == RedactionStyle.Color(red: 255, green: 136, blue: 0))
    #expect(settings.strength == 2.5 && settings.blocks == 12 && settings.maskScale == 1.5)
    #expect(settings.feather == 0 && settings.drawBoxes && settings.keepMetadata)
    #expect(settings.format == .jpeg && settings.quality == 85 && settings.threshold == 0.4)
    #expect(settings.watermark == "Anonymized by FaceGuard")
    #expect(settings.mark == (try Watermark(text: "Anonymized by FaceGuard", corner: .topLeft)))
    #expect(
      settings.anonymizeOptions(defaultThreshold: 0.3, limits: DecodeLimits()).watermark
        == settings.mark)
  }

  @Test(
    "a refused value gets a message naming the setting and what it accepts",
    arguments: [
      (Setting.mode, "sketch", "mode must be blur, pixelate, solid or none, got sketch"),
      (.maskScale, "7", "mask-scale must be a number from 1 to 4, got 7"),
      (.strength, "0", "strength must be a number from 0.1 to 10, got 0"),
      (.blocks, "1", "blocks must be a whole number of at least 2, got 1"),
      (.quality, "90.5", "quality must be a whole number from 1 to 100, got 90.5"),
      (.color, "ff88", "color must be six hex digits like ff8800, got ff88"),
      (.color, "gg8800", "color must be six hex digits like ff8800, got gg8800"),
      (.format, "heic", "format must be jpeg, png or webp, got heic"),
      (.drawBoxes, "maybe", "draw-boxes must be true or false, got maybe"),
      (.threshold, "nan", "threshold must be a number from 0 to 1, got nan"),
      (
        .watermarkCorner, "middle",
        "watermark-corner must be bottom-right, bottom-left, "
          + "top-right or top-left, got middle"
      ),
    ])
  func refusals(setting: Setting, text: String, message: String) {
    var settings = PhotoSettings()
    #expect(throws: SettingError(setting, value: text)) { try settings.set(setting, from: text) }
    #expect(SettingError(setting, value: text).description == "--" + message)
    #expect(SettingError(setting, value: text).message(naming: setting.rawValue) == message)
    #expect(settings == PhotoSettings())
  }

  @Test(
    "a watermark the font cannot draw is refused with the reason, when set and when validated",
    arguments: [
      (
        "Café",
        "watermark must be printable ASCII (letters, digits, punctuation and spaces); "
          + "\"é\" (U+00E9) is not, got Café"
      ),
      ("", "watermark must not be empty, got nothing"),
      (
        String(repeating: "a", count: 65),
        "watermark must be at most 64 characters long, not 65, got "
          + String(repeating: "a", count: 40) + "…"
      ),
    ])
  func watermarkRefusals(text: String, message: String) {
    var settings = PhotoSettings()
    do {
      try settings.set(.watermark, from: text)
      Issue.record("\(text) was accepted")
    } catch {
      #expect(error.message(naming: "watermark") == message)
    }
    #expect(settings.watermark == nil)
    settings.watermark = text
    #expect(throws: SettingError.self) { try settings.validate() }
    #expect(settings.mark == nil)
  }

  @Test("typed values out of range are refused by validate")
  func validation() {
    var settings = PhotoSettings()
    #expect(throws: Never.self) { try settings.validate() }
    settings.feather = 0.6
    #expect(throws: SettingError(.feather, value: "0.6")) { try settings.validate() }
    settings.feather = 0.1
    settings.quality = 0
    #expect(throws: SettingError(.quality, value: "0")) { try settings.validate() }
    var detector = DetectorSettings()
    #expect(throws: Never.self) { try detector.validate() }
    detector.minimumFace = 3
    #expect(throws: SettingError(.minimumFace, value: "3")) { try detector.validate() }
    #expect(
      SettingError(.minimumFace, value: "3").message(naming: "--min-face")
        == "--min-face must be a number of at least 4, got 3")
    detector.minimumFace = nil
    detector.wholeImageSide = 16
    #expect(throws: SettingError(.wholeImageSide, value: "16")) { try detector.validate() }
  }

  @Test("the settings become the pipeline's options")
  func pipelineOptions() {
    var settings = PhotoSettings()
    let defaults = settings.anonymizeOptions(defaultThreshold: 0.6, limits: DecodeLimits())
    #expect(defaults.threshold == 0.6)
    #expect(defaults.redaction == RedactionOptions())
    #expect(defaults.metadataPolicy == .stripAll && defaults.outputFormat == nil)
    settings.mode = .solid
    settings.color = .white
    settings.threshold = 0.2
    settings.keepMetadata = true
    let solid = settings.anonymizeOptions(defaultThreshold: 0.6, limits: DecodeLimits())
    #expect(solid.redaction?.style == .solid(.white))
    #expect(solid.threshold == 0.2 && solid.metadataPolicy == .keepSafe)
    settings.mode = .none
    #expect(
      settings.anonymizeOptions(defaultThreshold: 0.6, limits: DecodeLimits()).redaction == nil)
    #expect(RedactionMode.hiding == [.blur, .pixelate, .solid])
  }

  @Test("every model names its default threshold")
  func modelThresholds() {
    #expect(FaceModel.centerface.defaultThreshold == 0.3)
    #expect(FaceModel.retinaface.defaultThreshold == 0.3)
    #expect(FaceModel.blazefaceFull.defaultThreshold == 0.6)
  }

  @Test("the preset chooses the models unless the person does, and a wrong name is explained")
  func modelChoice() throws {
    var settings = DetectorSettings()
    #expect(settings.models == ModelChoice([.centerface, .retinaface]))
    settings.preset = .fast
    #expect(settings.models == ModelChoice(.centerface))
    settings.model = ModelChoice(.blazefaceFull)
    #expect(settings.defaultThreshold == 0.6)
    #expect(
      try DetectorSettings.modelChoice("retinaface+centerface").models == [
        .retinaface, .centerface,
      ])
    #expect(throws: SettingError.self) { try DetectorSettings.modelChoice("centerface+yolo") }
    do {
      _ = try DetectorSettings.modelChoice("centerface++retinaface")
    } catch {
      #expect(
        error.description
          == "--model must be centerface, retinaface, blazeface-short or blazeface-full, or "
          + "several of them joined by + (centerface+retinaface), each once, got centerface++retinaface"
      )
    }
  }
}

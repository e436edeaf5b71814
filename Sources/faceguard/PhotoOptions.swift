import ArgumentParser
import FaceGuard
import FaceRedaction
import ImageCodecs

/// Options of every command that hides faces: how, and how the output is written.
struct PhotoOptions: ParsableArguments {
  @Option(help: ArgumentHelp(Setting.mode))
  var mode = PhotoSettings().mode

  @Option(help: ArgumentHelp(Setting.shape))
  var shape = PhotoSettings().shape

  @Option(help: ArgumentHelp(Setting.color))
  var color = PhotoSettings().color

  @Option(help: ArgumentHelp(Setting.strength))
  var strength = PhotoSettings().strength

  @Option(help: ArgumentHelp(Setting.blocks))
  var blocks = PhotoSettings().blocks

  @Option(name: .customLong(Setting.maskScale.rawValue), help: ArgumentHelp(Setting.maskScale))
  var maskScale = PhotoSettings().maskScale

  @Option(help: ArgumentHelp(Setting.feather))
  var feather = PhotoSettings().feather

  @Flag(name: .customLong(Setting.drawBoxes.rawValue), help: ArgumentHelp(Setting.drawBoxes))
  var drawBoxes = false

  @Flag(name: .customLong(Setting.keepMetadata.rawValue), help: ArgumentHelp(Setting.keepMetadata))
  var keepMetadata = false

  @Option(help: ArgumentHelp(Setting.format))
  var format: ImageFormat?

  @Option(help: ArgumentHelp(Setting.quality))
  var quality: Int?

  @Option(help: ArgumentHelp(Setting.watermark.help, valueName: "text"))
  var watermark: String?

  @Option(
    name: .customLong(Setting.watermarkCorner.rawValue),
    help: ArgumentHelp(Setting.watermarkCorner.help, valueName: "corner"))
  var watermarkCorner = PhotoSettings().watermarkCorner

  func validate() throws {
    try validateSettings { try settings.validate() }
  }

  /// The photo settings the options give (the threshold is the detector options').
  var settings: PhotoSettings {
    var settings = PhotoSettings()
    settings.mode = mode
    settings.shape = shape
    settings.color = color
    settings.strength = strength
    settings.blocks = blocks
    settings.maskScale = maskScale
    settings.feather = feather
    settings.drawBoxes = drawBoxes
    settings.keepMetadata = keepMetadata
    settings.format = format
    settings.quality = quality
    settings.watermark = watermark
    settings.watermarkCorner = watermarkCorner
    return settings
  }
}

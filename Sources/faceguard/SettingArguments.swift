import ArgumentParser
import FaceDetection
import FaceGuard
import FaceRedaction
import ImageCodecs
import Watermarking

extension ArgumentHelp {
  /// The help of a setting, as every front end shows it.
  init(_ setting: Setting) {
    self.init(stringLiteral: setting.help)
  }
}

/// Runs the setting checks of `check`, turning a refusal into the command line's usage error,
/// worded by the library and naming the option as it is typed.
func validateSettings(_ check: () throws -> Void) throws {
  do {
    try check()
  } catch let error as SettingError {
    throw ValidationError(error.message(naming: error.setting.commandLineName))
  }
}

extension RedactionMode: ExpressibleByArgument {}
extension MaskShape: ExpressibleByArgument {}
extension DetectionPreset: ExpressibleByArgument {}
extension Precision: ExpressibleByArgument {}
extension WatermarkCorner: ExpressibleByArgument {}

extension ImageFormat: ExpressibleByArgument {
  /// A writable format by name or extension (`jpeg`, `jpg`, `png`, `webp`).
  public init?(argument: String) {
    self.init(writableName: argument)
  }

  public static var allValueStrings: [String] { writable.map(\.rawValue) }
}

extension RedactionStyle.Color: ExpressibleByArgument {
  /// A colour as six hex digits, `RRGGBB`, optionally after `#`.
  public init?(argument: String) {
    self.init(hex: argument)
  }

  public var defaultValueDescription: String { hex }
}

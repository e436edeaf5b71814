import ArgumentParser
import FaceDetection
import FaceGuard
import FaceRedaction
import ImageCodecs

extension ArgumentHelp {
  /// The help of a setting, as every front end shows it.
  init(_ setting: Setting) {
    self.init(stringLiteral: setting.help)
  }
}

extension ValidationError {
  /// The error for a value a setting refuses, naming the option as typed on the command line.
  init(_ error: SettingError) {
    self.init(error.message(naming: error.setting.commandLineName))
  }
}

extension RedactionMode: ExpressibleByArgument {}
extension MaskShape: ExpressibleByArgument {}
extension FaceModel: ExpressibleByArgument {}
extension DetectionPreset: ExpressibleByArgument {}

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

/// Why int8 inference cannot use a model's calibration file.
public enum CalibrationError: Error, Equatable, CustomStringConvertible {
  /// The calibration file is not in the models folder.
  case missing(file: String, directory: String)
  /// The file was made for other weights or by another calibration recipe.
  case stale(file: String, reason: String)
  /// The file is not a calibration file, or one for another model.
  case unreadable(file: String, detail: String)
  /// The model has no int8 version.
  case unsupportedModel(FaceModel)

  /// The command that writes calibration files.
  public static let command = "faceguard calibrate"

  public var description: String {
    switch self {
    case .missing(let file, let directory):
      return
        "int8 inference (the default precision) needs the calibration file \(file) in "
        + "\(directory); run `\(Self.command)` to make it (make build and make test run it), or "
        + "pass --precision fp32"
    case .stale(let file, let reason):
      return "calibration file \(file) is stale: \(reason); run `\(Self.command)` to redo it"
    case .unreadable(let file, let detail):
      return
        "calibration file \(file) cannot be used: \(detail); run `\(Self.command)` to redo it"
    case .unsupportedModel(let model):
      return
        "int8 calibration is available for centerface and retinaface, not \(model.rawValue) "
        + "(which always runs on fp32)"
    }
  }
}

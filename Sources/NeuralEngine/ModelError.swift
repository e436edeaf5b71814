/// Why a model could not be loaded or run.
public enum ModelError: Error, Equatable, CustomStringConvertible {
  /// The bytes are not a valid model file of the expected format.
  case malformed(String)
  /// The model uses an operator the engine does not implement.
  case unsupportedOperator(String)
  /// The model uses a feature of a supported operator that the engine does not implement.
  case unsupportedFeature(String)
  /// Shapes do not fit together, or an input has the wrong shape.
  case invalidShape(String)
  /// XNNPACK refused or failed; the text names the step.
  case runtimeFailure(String)

  public var description: String {
    switch self {
    case .malformed(let detail): return "malformed model file: \(detail)"
    case .unsupportedOperator(let name): return "unsupported operator \(name)"
    case .unsupportedFeature(let detail): return "unsupported model feature: \(detail)"
    case .invalidShape(let detail): return "shape error: \(detail)"
    case .runtimeFailure(let detail): return "inference failed: \(detail)"
    }
  }
}

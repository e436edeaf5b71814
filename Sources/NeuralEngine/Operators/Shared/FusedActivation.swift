/// An activation fused into the output of an operation, as a clamp.
public enum FusedActivation: Sendable, Equatable {
  /// No clamp.
  case none
  /// `max(x, 0)`.
  case relu
  /// `min(max(x, 0), 6)`.
  case relu6

  /// The clamp bounds this activation stands for.
  public var bounds: (min: Float, max: Float) {
    switch self {
    case .none: return (-Float.infinity, Float.infinity)
    case .relu: return (0, Float.infinity)
    case .relu6: return (0, 6)
    }
  }
}

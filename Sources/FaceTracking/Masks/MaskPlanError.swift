/// Why a ``MaskPlan`` cannot be made.
public enum MaskPlanError: Error, Equatable, CustomStringConvertible {
  /// The frame has no pixels.
  case invalidFrameSize(width: Int, height: Int)

  /// A sentence a user understands.
  public var description: String {
    switch self {
    case .invalidFrameSize(let width, let height):
      "the frame size must be at least 1x1 pixels, got \(width)x\(height)"
    }
  }
}

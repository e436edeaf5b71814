/// A ``TrackingOptions`` value out of range.
public enum TrackingOptionsError: Error, Equatable, CustomStringConvertible {
  /// The options, so a front end can name them its own way.
  public enum Option: String, Sendable, CaseIterable {
    /// ``TrackingOptions/threshold``.
    case threshold
    /// ``TrackingOptions/extendThreshold``.
    case extendThreshold = "extend threshold"
    /// ``TrackingOptions/maxGap``.
    case maxGap = "max gap"
    /// ``TrackingOptions/preRoll``.
    case preRoll = "pre-roll"
    /// ``TrackingOptions/postRoll``.
    case postRoll = "post-roll"
    /// ``TrackingOptions/margin``.
    case margin
  }

  /// `option` must be `expected` (completing "must be ..."), and `value` is not.
  case outOfRange(Option, value: Double, expected: String)

  /// A sentence a user understands, such as "pre-roll must be seconds from 0 to 10, got -1.0".
  public var description: String {
    switch self {
    case .outOfRange(let option, let value, let expected):
      "\(option.rawValue) must be \(expected), got \(value)"
    }
  }
}

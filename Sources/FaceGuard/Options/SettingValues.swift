/// The values a ``Setting`` accepts.
public enum SettingValues: Sendable, Equatable {
  /// One of these words (lower case).
  case choice([String])
  /// A number in this range.
  case number(ClosedRange<Double>)
  /// A whole number in this range.
  case wholeNumber(ClosedRange<Int>)
  /// A colour as six hexadecimal digits, `RRGGBB`, optionally after `#`.
  case color
  /// On or off: `true`, `false` (and `1`, `0`, `yes`, `no`, `on`, `off` where text is parsed).
  case flag
  /// Printable ASCII text (letters, digits, punctuation and spaces), not empty, of at most this
  /// many characters.
  case text(maximumLength: Int)

  /// What a valid value looks like, to complete "must be ...".
  public var expectation: String {
    switch self {
    case .choice(let words):
      guard words.count > 1 else { return words.first ?? "nothing" }
      return words.dropLast().joined(separator: ", ") + " or " + words.last!
    case .number(let range) where range.upperBound == .infinity:
      return "a number of at least \(Self.format(range.lowerBound))"
    case .number(let range):
      return "a number from \(Self.format(range.lowerBound)) to \(Self.format(range.upperBound))"
    case .wholeNumber(let range) where range.upperBound == Int.max:
      return "a whole number of at least \(range.lowerBound)"
    case .wholeNumber(let range):
      return "a whole number from \(range.lowerBound) to \(range.upperBound)"
    case .color:
      return "six hex digits like ff8800"
    case .flag:
      return "true or false"
    case .text(let maximumLength):
      return "printable ASCII text of 1 to \(maximumLength) characters"
    }
  }

  /// `value` without a fractional part when it has none (`4`, not `4.0`).
  static func format(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
  }
}

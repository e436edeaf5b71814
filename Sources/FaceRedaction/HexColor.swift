extension RedactionStyle.Color {
  /// The colour written as six hexadecimal digits `RRGGBB`, optionally after a `#`, in either
  /// case (`ff8800`, `#FF8800`); `nil` for any other text.
  public init?(hex text: String) {
    let digits = text.hasPrefix("#") ? text.dropFirst() : Substring(text)
    guard digits.count == 6, digits.allSatisfy(\.isHexDigit), let value = UInt32(digits, radix: 16)
    else { return nil }
    self.init(
      red: UInt8(value >> 16 & 0xFF), green: UInt8(value >> 8 & 0xFF), blue: UInt8(value & 0xFF))
  }

  /// The colour as six lower-case hexadecimal digits, `RRGGBB`.
  public var hex: String {
    [red, green, blue].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
  }
}

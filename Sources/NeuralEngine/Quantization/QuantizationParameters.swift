/// How real values map onto signed 8-bit integers: `real = scale × (integer − zeroPoint)`, with
/// integers in −128...127.
public struct QuantizationParameters: Sendable, Equatable, Codable {
  /// The real value of one integer step.
  public var scale: Float
  /// The integer that stands for zero.
  public var zeroPoint: Int32

  /// Spans below this are treated as a value that stays zero.
  static let smallestSpan: Float = 1e-6

  /// The smallest and largest integers.
  static let integerRange: ClosedRange<Int32> = -128...127

  /// Creates parameters from their two numbers.
  public init(scale: Float, zeroPoint: Int32) {
    self.scale = scale
    self.zeroPoint = zeroPoint
  }

  /// The parameters whose 256 steps span `minimum...maximum` widened to include zero (so zero,
  /// which padding and ReLU produce, is exact). A value that never left zero (a channel ReLU
  /// always cuts) gets the steps of −1...1, so the scales XNNPACK derives from it stay in its
  /// range.
  public init(minimum: Float, maximum: Float) {
    var lower = Swift.min(minimum, 0)
    var upper = Swift.max(maximum, 0)
    if upper - lower < Self.smallestSpan { (lower, upper) = (-1, 1) }
    let scale = (upper - lower) / 255
    let zeroPoint = (-128 - lower / scale).rounded()
    self.init(
      scale: scale,
      zeroPoint: Int32(Swift.min(Swift.max(zeroPoint, -128), 127)))
  }

  /// Whether XNNPACK accepts the parameters: a positive normal scale and a zero point in range.
  var isValid: Bool {
    scale.isNormal && scale > 0 && Self.integerRange.contains(zeroPoint)
  }

  /// The integer nearest to `value`, saturated to −128...127.
  public func quantize(_ value: Float) -> Int8 {
    let integer = (value / scale).rounded() + Float(zeroPoint)
    return Int8(Swift.min(Swift.max(integer, -128), 127))
  }

  /// The real value an integer stands for.
  public func dequantize(_ integer: Int8) -> Float {
    scale * Float(Int32(integer) - zeroPoint)
  }

  /// The integer bounds of a fused activation's `bounds`: what it clamps to, within −128...127.
  func integerBounds(of bounds: (min: Float, max: Float)) -> ClosedRange<Int32> {
    let lower = bounds.min.isFinite ? Int32(quantize(bounds.min)) : -128
    let upper = bounds.max.isFinite ? Int32(quantize(bounds.max)) : 127
    return lower...Swift.max(lower, upper)
  }
}

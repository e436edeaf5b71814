/// A static tensor quantized per channel, as XNNPACK reads a convolution's int8 filter
/// (`qcint8`) and int32 bias (`qcint32`).
struct ChannelwiseQuantizedWeight: Sendable, Equatable {
  /// The elements, of one of the two types XNNPACK takes.
  enum Elements: Sendable, Equatable {
    /// Filter steps.
    case int8([Int8])
    /// Bias steps.
    case int32([Int32])
  }

  /// The shape XNNPACK is told.
  let shape: [Int]
  /// The dimension whose index picks the scale.
  let channelDimension: Int
  /// The real value of one step, per channel.
  let scales: [Float]
  /// The steps.
  let elements: Elements
}

/// Padding of a windowed operation (convolution, pooling).
public enum Padding: Sendable, Equatable {
  /// Fixed zero padding on each side, in pixels.
  case explicit(top: Int, left: Int, bottom: Int, right: Int)
  /// TensorFlow's `SAME`: the output has `ceil(input / stride)` pixels and the padding needed for
  /// that is split with the smaller half at the top and left.
  case same

  /// No padding.
  public static let none = Padding.explicit(top: 0, left: 0, bottom: 0, right: 0)
}

/// Pixels added on each side of an input, ``Padding/same`` resolved for its size.
struct PaddingAmounts: Equatable {
  var top: Int
  var left: Int
  var bottom: Int
  var right: Int
}

/// The geometry of a 2-D sliding window over an NHWC input: what convolution and pooling share
/// to place their windows.
struct SlidingWindow {
  /// Kernel height and width.
  var kernel: (height: Int, width: Int)
  /// Vertical and horizontal stride.
  var stride: (height: Int, width: Int)
  /// Vertical and horizontal dilation; `(1, 1)` for pooling.
  var dilation: (height: Int, width: Int)
  /// How the input is padded.
  var padding: Padding

  /// The padding on each side of an input of `inputShape` (NHWC).
  func paddingAmounts(inputShape: [Int]) -> PaddingAmounts {
    switch padding {
    case .explicit(let top, let left, let bottom, let right):
      return PaddingAmounts(top: top, left: left, bottom: bottom, right: right)
    case .same:
      let vertical = Self.samePadding(
        size: inputShape[1], kernel: kernel.height, stride: stride.height,
        dilation: dilation.height)
      let horizontal = Self.samePadding(
        size: inputShape[2], kernel: kernel.width, stride: stride.width, dilation: dilation.width)
      return PaddingAmounts(
        top: vertical.before, left: horizontal.before, bottom: vertical.after,
        right: horizontal.after)
    }
  }

  /// The output height and width for an input of `inputShape` (NHWC).
  func outputSize(inputShape: [Int]) -> (height: Int, width: Int) {
    let padding = paddingAmounts(inputShape: inputShape)
    return (
      Self.outputLength(
        size: inputShape[1] + padding.top + padding.bottom, kernel: kernel.height,
        stride: stride.height, dilation: dilation.height),
      Self.outputLength(
        size: inputShape[2] + padding.left + padding.right, kernel: kernel.width,
        stride: stride.width, dilation: dilation.width)
    )
  }

  /// `SAME` padding before and after along one axis of `size` pixels.
  private static func samePadding(
    size: Int, kernel: Int, stride: Int, dilation: Int
  ) -> (before: Int, after: Int) {
    let output = (size + stride - 1) / stride
    let effectiveKernel = (kernel - 1) * dilation + 1
    let total = max((output - 1) * stride + effectiveKernel - size, 0)
    return (total / 2, total - total / 2)
  }

  /// Output length along one axis of `size` pixels, padding included.
  private static func outputLength(size: Int, kernel: Int, stride: Int, dilation: Int) -> Int {
    let effectiveKernel = (kernel - 1) * dilation + 1
    return (size - effectiveKernel) / stride + 1
  }
}

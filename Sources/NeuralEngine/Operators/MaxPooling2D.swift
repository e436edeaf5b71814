import CXNNPACK

/// 2-D max pooling: the maximum over each window of an NHWC input.
public struct MaxPooling2D: Sendable, Equatable {
  /// Window height.
  public var kernelHeight: Int
  /// Window width.
  public var kernelWidth: Int
  /// Vertical stride.
  public var strideHeight: Int
  /// Horizontal stride.
  public var strideWidth: Int
  /// Input padding; padded pixels never win a maximum.
  public var padding: Padding

  /// Creates a pooling window.
  public init(
    kernelHeight: Int, kernelWidth: Int, strideHeight: Int, strideWidth: Int,
    padding: Padding = .none
  ) {
    self.kernelHeight = kernelHeight
    self.kernelWidth = kernelWidth
    self.strideHeight = strideHeight
    self.strideWidth = strideWidth
    self.padding = padding
  }

  /// Where the window is placed over the input.
  var window: SlidingWindow {
    SlidingWindow(
      kernel: (kernelHeight, kernelWidth), stride: (strideHeight, strideWidth), dilation: (1, 1),
      padding: padding)
  }
}

extension MaxPooling2D: GraphOperator {
  var name: String { "max pool" }

  func validate() throws {
    try require(
      min(kernelHeight, kernelWidth, strideHeight, strideWidth) > 0,
      "window and strides must be positive")
    try requireNonNegative(padding)
    if case .explicit(let top, let left, let bottom, let right) = padding {
      try require(
        max(top, bottom) < kernelHeight && max(left, right) < kernelWidth,
        "padding must be smaller than the window")
    }
  }

  func outputShape(operands: [[Int]]) throws -> [Int] {
    let input = try nhwcOperand(operands)
    let (height, width) = window.outputSize(inputShape: input)
    return [input[0], height, width, input[3]]
  }

  /// Padded pixels are skipped, so they never win.
  func evaluate(_ operands: [Tensor], outputShape: [Int]) throws -> Tensor {
    let input = try operand(0, of: operands)
    let (batches, height, width, channels) = (
      input.shape[0], input.shape[1], input.shape[2], input.shape[3]
    )
    let (outputHeight, outputWidth) = (outputShape[1], outputShape[2])
    let padding = window.paddingAmounts(inputShape: input.shape)
    var output = [Float](repeating: 0, count: outputShape.reduce(1, *))
    for batch in 0..<batches {
      for outputY in 0..<outputHeight {
        let top = outputY * strideHeight - padding.top
        let rows = max(top, 0)..<min(top + kernelHeight, height)
        for outputX in 0..<outputWidth {
          let left = outputX * strideWidth - padding.left
          let columns = max(left, 0)..<min(left + kernelWidth, width)
          for channel in 0..<channels {
            var maximum = -Float.infinity
            for inputY in rows {
              for inputX in columns {
                maximum = max(
                  maximum,
                  input.data[((batch * height + inputY) * width + inputX) * channels + channel])
              }
            }
            output[
              ((batch * outputHeight + outputY) * outputWidth + outputX) * channels + channel] =
              maximum
          }
        }
      }
    }
    return Tensor(shape: outputShape, data: output)
  }

  /// XNNPACK refuses a 1x1 window.
  func runsOnXNNPACK(operandShapes: [[Int]], outputShape: [Int]) -> Bool {
    kernelHeight * kernelWidth > 1
  }

  func defineOnXNNPACK(_ node: XNNNode) throws {
    let padding = window.paddingAmounts(inputShape: node.inputShapes[0]).xnnpackArguments
    try node.check(
      xnn_define_max_pooling_2d(
        node.subgraph, padding.top, padding.right, padding.bottom, padding.left,
        UInt32(kernelHeight), UInt32(kernelWidth), UInt32(strideHeight), UInt32(strideWidth), 1,
        1, -.infinity, .infinity, node.inputs[0], node.output, 0),
      "xnn_define_max_pooling_2d")
  }

  /// Selecting the largest of int8 values needs no new parameters.
  var int8Role: Int8Role { .keepingParameters }
}

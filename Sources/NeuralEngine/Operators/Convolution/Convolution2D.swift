import CXNNPACK

/// A 2-D convolution, grouped or depthwise (`groups == inputChannels`).
public struct Convolution2D: Sendable, Equatable {
  /// Weights laid out `[outputChannels, kernelHeight, kernelWidth, inputChannels / groups]`.
  public var filter: Tensor
  /// One bias per output channel, or `nil` for none.
  public var bias: Tensor?
  /// Vertical stride.
  public var strideHeight: Int
  /// Horizontal stride.
  public var strideWidth: Int
  /// Vertical dilation.
  public var dilationHeight: Int
  /// Horizontal dilation.
  public var dilationWidth: Int
  /// Input padding.
  public var padding: Padding
  /// Number of channel groups; input and output channels are divisible by it.
  public var groups: Int
  /// Activation applied to the output.
  public var activation: FusedActivation

  /// Creates a convolution.
  public init(
    filter: Tensor, bias: Tensor?, strideHeight: Int = 1, strideWidth: Int = 1,
    dilationHeight: Int = 1, dilationWidth: Int = 1, padding: Padding = .none, groups: Int = 1,
    activation: FusedActivation = .none
  ) {
    self.filter = filter
    self.bias = bias
    self.strideHeight = strideHeight
    self.strideWidth = strideWidth
    self.dilationHeight = dilationHeight
    self.dilationWidth = dilationWidth
    self.padding = padding
    self.groups = groups
    self.activation = activation
  }

  /// Where the kernel is placed over the input.
  var window: SlidingWindow {
    SlidingWindow(
      kernel: (kernelHeight, kernelWidth), stride: (strideHeight, strideWidth),
      dilation: (dilationHeight, dilationWidth), padding: padding)
  }

  /// Whether XNNPACK runs this as a depthwise convolution: one input channel per group and more
  /// than one group.
  var isDepthwise: Bool { groupInputChannels == 1 && groups > 1 }
}

extension Convolution2D: FilterOperator {
  var name: String { "convolution" }

  func validate() throws {
    try validateFilter()
    try requireNonNegative(padding)
  }

  func outputShape(operands: [[Int]]) throws -> [Int] {
    let input = try filteredInput(operands)
    let (height, width) = window.outputSize(inputShape: input)
    guard height > 0, width > 0 else {
      throw ModelError.invalidShape("convolution input \(input) is smaller than its kernel")
    }
    return [input[0], height, width, outputChannels]
  }

  /// Gathers, for every output pixel and channel, the kernel-weighted input pixels of the
  /// channel's group; bias and activation included.
  func evaluate(_ operands: [Tensor], outputShape: [Int]) throws -> Tensor {
    let input = try operand(0, of: operands)
    let geometry = FilterGeometry(self, inputShape: input.shape, outputShape: outputShape)
    let padding = window.paddingAmounts(inputShape: input.shape)
    let bounds = activation.bounds
    let bias = self.bias?.data
    var output = [Float](repeating: 0, count: outputShape.reduce(1, *))
    for batch in 0..<geometry.batches {
      for outputY in 0..<geometry.outputHeight {
        for outputX in 0..<geometry.outputWidth {
          for outputChannel in 0..<geometry.outputChannels {
            var sum = bias?[outputChannel] ?? 0
            for kernelY in 0..<geometry.kernelHeight {
              let inputY = outputY * strideHeight - padding.top + kernelY * dilationHeight
              guard inputY >= 0, inputY < geometry.height else { continue }
              for kernelX in 0..<geometry.kernelWidth {
                let inputX = outputX * strideWidth - padding.left + kernelX * dilationWidth
                guard inputX >= 0, inputX < geometry.width else { continue }
                geometry.accumulateTap(
                  into: &sum, input: input.data, batch: batch, inputY: inputY, inputX: inputX,
                  outputChannel: outputChannel, kernelY: kernelY, kernelX: kernelX)
              }
            }
            let index = geometry.outputIndex(
              batch: batch, y: outputY, x: outputX, channel: outputChannel)
            output[index] = min(max(sum, bounds.min), bounds.max)
          }
        }
      }
    }
    return Tensor(shape: outputShape, data: output)
  }

  func runsOnXNNPACK(operandShapes: [[Int]], outputShape: [Int]) -> Bool {
    true
  }

  /// The filter, reordered to XNNPACK's `[1, kH, kW, outC]` when depthwise, then the bias.
  var xnnpackWeights: [Tensor] {
    let filter =
      isDepthwise
      ? Tensor(shape: [1, kernelHeight, kernelWidth, outputChannels], data: depthwiseLayout())
      : self.filter
    return [filter, xnnpackBias]
  }

  func defineOnXNNPACK(_ node: XNNNode) throws {
    let padding = window.paddingAmounts(inputShape: node.inputShapes[0]).xnnpackArguments
    let bounds = activation.bounds
    if isDepthwise {
      try node.check(
        xnn_define_depthwise_convolution_2d(
          node.subgraph, padding.top, padding.right, padding.bottom, padding.left,
          UInt32(kernelHeight), UInt32(kernelWidth), UInt32(strideHeight), UInt32(strideWidth),
          UInt32(dilationHeight), UInt32(dilationWidth), UInt32(outputChannels / groups),
          node.inputShapes[0][3], bounds.min, bounds.max, node.inputs[0], node.weights[0],
          node.weights[1], node.output, 0),
        "xnn_define_depthwise_convolution_2d")
    } else {
      try node.check(
        xnn_define_convolution_2d(
          node.subgraph, padding.top, padding.right, padding.bottom, padding.left,
          UInt32(kernelHeight), UInt32(kernelWidth), UInt32(strideHeight), UInt32(strideWidth),
          UInt32(dilationHeight), UInt32(dilationWidth), UInt32(groups), groupInputChannels,
          outputChannels / groups, bounds.min, bounds.max, node.inputs[0], node.weights[0],
          node.weights[1], node.output, 0),
        "xnn_define_convolution_2d")
    }
  }

  /// The filter reordered from `[outC, kH, kW, 1]` to XNNPACK's `[1, kH, kW, outC]`.
  private func depthwiseLayout() -> [Float] {
    let taps = kernelHeight * kernelWidth
    var result = [Float](repeating: 0, count: filter.data.count)
    for channel in 0..<outputChannels {
      for tap in 0..<taps {
        result[tap * outputChannels + channel] = filter.data[channel * taps + tap]
      }
    }
    return result
  }
}

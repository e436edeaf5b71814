/// What convolution and transposed convolution share: a grouped filter laid out
/// `[outputChannels, kernelHeight, kernelWidth, inputChannels / groups]`, an optional bias per
/// output channel, strides, dilations and a fused activation.
protocol FilterOperator: GraphOperator {
  /// Weights laid out `[outputChannels, kernelHeight, kernelWidth, inputChannels / groups]`.
  var filter: Tensor { get }
  /// One bias per output channel, or `nil` for none.
  var bias: Tensor? { get }
  /// Vertical stride.
  var strideHeight: Int { get }
  /// Horizontal stride.
  var strideWidth: Int { get }
  /// Vertical dilation.
  var dilationHeight: Int { get }
  /// Horizontal dilation.
  var dilationWidth: Int { get }
  /// Number of channel groups; input and output channels are divisible by it.
  var groups: Int { get }
  /// Activation applied to the output.
  var activation: FusedActivation { get }
}

extension FilterOperator {
  /// Output channels.
  var outputChannels: Int { filter.shape[0] }
  /// Kernel height.
  var kernelHeight: Int { filter.shape[1] }
  /// Kernel width.
  var kernelWidth: Int { filter.shape[2] }
  /// Input channels per group.
  var groupInputChannels: Int { filter.shape[3] }

  /// Throws unless the filter is `[outC, kH, kW, inC/groups]` with positive sizes, `outC`
  /// divisible by `groups`, the bias has one element per output channel, and strides and
  /// dilations are positive.
  func validateFilter() throws {
    guard filter.shape.count == 4, filter.shape.allSatisfy({ $0 > 0 }),
      filter.data.count == filter.shape.reduce(1, *)
    else {
      throw ModelError.malformed("\(name): filter of shape \(filter.shape) is not 4-D")
    }
    guard groups > 0, filter.shape[0] % groups == 0 else {
      throw ModelError.malformed("\(name): \(filter.shape[0]) outputs in \(groups) groups")
    }
    if let bias, bias.data.count != filter.shape[0] {
      throw ModelError.malformed(
        "\(name): \(bias.data.count) biases for \(filter.shape[0]) output channels")
    }
    try require(
      min(strideHeight, strideWidth, dilationHeight, dilationWidth) > 0,
      "strides and dilations must be positive")
  }

  /// The shape of the only operand, an NHWC activation with the channels the filter reads.
  func filteredInput(_ operands: [[Int]]) throws -> [Int] {
    let input = try nhwcOperand(operands)
    guard input[3] == groupInputChannels * groups else {
      throw ModelError.invalidShape(
        "\(name) expects \(groupInputChannels * groups) input channels, got \(input[3])")
    }
    return input
  }

  /// The bias as the `[outputChannels]` static tensor XNNPACK reads: zeros when there is none.
  var xnnpackBias: Tensor {
    Tensor(
      shape: [outputChannels],
      data: bias?.data ?? [Float](repeating: 0, count: outputChannels))
  }
}

/// The index arithmetic the reference kernels of convolution and transposed convolution share,
/// for one NHWC input and output.
struct FilterGeometry {
  /// Input batches.
  let batches: Int
  /// Input height.
  let height: Int
  /// Input width.
  let width: Int
  /// Input channels.
  let inputChannels: Int
  /// Output height.
  let outputHeight: Int
  /// Output width.
  let outputWidth: Int
  /// Output channels.
  let outputChannels: Int
  /// Kernel height.
  let kernelHeight: Int
  /// Kernel width.
  let kernelWidth: Int
  /// Input channels per group.
  let groupInputChannels: Int
  /// Output channels per group.
  let groupOutputChannels: Int
  /// The filter's elements.
  let filter: [Float]

  /// The geometry of `filterOperator` applied to an input of `inputShape`.
  init(_ filterOperator: some FilterOperator, inputShape: [Int], outputShape: [Int]) {
    (batches, height, width, inputChannels) = (
      inputShape[0], inputShape[1], inputShape[2], inputShape[3]
    )
    (outputHeight, outputWidth, outputChannels) = (outputShape[1], outputShape[2], outputShape[3])
    kernelHeight = filterOperator.kernelHeight
    kernelWidth = filterOperator.kernelWidth
    groupInputChannels = filterOperator.groupInputChannels
    groupOutputChannels = outputChannels / filterOperator.groups
    filter = filterOperator.filter.data
  }

  /// The index of output element (`batch`, `y`, `x`, `channel`).
  func outputIndex(batch: Int, y: Int, x: Int, channel: Int) -> Int {
    ((batch * outputHeight + y) * outputWidth + x) * outputChannels + channel
  }

  /// Adds to `sum` filter tap (`kernelY`, `kernelX`) of `outputChannel` applied to input pixel
  /// (`batch`, `inputY`, `inputX`): the products over the input channels of the output channel's
  /// group, in channel order.
  func accumulateTap(
    into sum: inout Float, input: [Float], batch: Int, inputY: Int, inputX: Int,
    outputChannel: Int, kernelY: Int, kernelX: Int
  ) {
    let group = outputChannel / groupOutputChannels
    let inputBase =
      ((batch * height + inputY) * width + inputX) * inputChannels + group * groupInputChannels
    let filterBase =
      ((outputChannel * kernelHeight + kernelY) * kernelWidth + kernelX) * groupInputChannels
    for channel in 0..<groupInputChannels {
      sum += input[inputBase + channel] * filter[filterBase + channel]
    }
  }
}

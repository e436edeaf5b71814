import CXNNPACK

/// A 2-D transposed convolution ("deconvolution"), as ONNX `ConvTranspose` defines it.
public struct Deconvolution2D: Sendable, Equatable {
  /// Weights laid out `[outputChannels, kernelHeight, kernelWidth, inputChannels / groups]`.
  public var filter: Tensor
  /// One bias per output channel, or `nil` for none.
  public var bias: Tensor?
  /// Vertical stride (upsampling factor).
  public var strideHeight: Int
  /// Horizontal stride.
  public var strideWidth: Int
  /// Vertical dilation.
  public var dilationHeight: Int
  /// Horizontal dilation.
  public var dilationWidth: Int
  /// Pixels cropped from each side of the full output.
  public var padding: Padding
  /// Extra pixels added at the bottom (ONNX `output_padding`).
  public var adjustmentHeight: Int
  /// Extra pixels added at the right.
  public var adjustmentWidth: Int
  /// Number of channel groups.
  public var groups: Int
  /// Activation applied to the output.
  public var activation: FusedActivation

  /// Creates a transposed convolution.
  public init(
    filter: Tensor, bias: Tensor?, strideHeight: Int, strideWidth: Int, dilationHeight: Int = 1,
    dilationWidth: Int = 1, padding: Padding = .none, adjustmentHeight: Int = 0,
    adjustmentWidth: Int = 0, groups: Int = 1, activation: FusedActivation = .none
  ) {
    self.filter = filter
    self.bias = bias
    self.strideHeight = strideHeight
    self.strideWidth = strideWidth
    self.dilationHeight = dilationHeight
    self.dilationWidth = dilationWidth
    self.padding = padding
    self.adjustmentHeight = adjustmentHeight
    self.adjustmentWidth = adjustmentWidth
    self.groups = groups
    self.activation = activation
  }

  /// The explicit padding amounts, cropped from the full output.
  ///
  /// - Throws: ``ModelError/unsupportedFeature(_:)`` for ``Padding/same``.
  private func cropping() throws -> PaddingAmounts {
    guard case .explicit(let top, let left, let bottom, let right) = padding else {
      throw ModelError.unsupportedFeature("SAME padding on a transposed convolution")
    }
    return PaddingAmounts(top: top, left: left, bottom: bottom, right: right)
  }
}

extension Deconvolution2D: FilterOperator {
  var name: String { "deconvolution" }

  func validate() throws {
    try validateFilter()
    try require(min(adjustmentHeight, adjustmentWidth) >= 0, "negative output adjustment")
    _ = try cropping()
    try requireNonNegative(padding)
  }

  func outputShape(operands: [[Int]]) throws -> [Int] {
    let input = try filteredInput(operands)
    let crop = try cropping()
    let height =
      strideHeight * (input[1] - 1) + adjustmentHeight + (kernelHeight - 1) * dilationHeight + 1
      - crop.top - crop.bottom
    let width =
      strideWidth * (input[2] - 1) + adjustmentWidth + (kernelWidth - 1) * dilationWidth + 1
      - crop.left - crop.right
    return [input[0], height, width, outputChannels]
  }

  /// Scatters every input pixel's kernel-weighted contribution into the full-size output, which
  /// is cropped by the padding; bias and activation included.
  func evaluate(_ operands: [Tensor], outputShape: [Int]) throws -> Tensor {
    let input = try operand(0, of: operands)
    let geometry = FilterGeometry(self, inputShape: input.shape, outputShape: outputShape)
    let crop = try cropping()
    var output = [Float](repeating: 0, count: outputShape.reduce(1, *))
    for batch in 0..<geometry.batches {
      for outputY in 0..<geometry.outputHeight {
        for outputX in 0..<geometry.outputWidth {
          for outputChannel in 0..<geometry.outputChannels {
            output[
              geometry.outputIndex(batch: batch, y: outputY, x: outputX, channel: outputChannel)
            ] = bias?.data[outputChannel] ?? 0
          }
        }
      }
      for inputY in 0..<geometry.height {
        for inputX in 0..<geometry.width {
          for kernelY in 0..<geometry.kernelHeight {
            let outputY = inputY * strideHeight + kernelY * dilationHeight - crop.top
            guard outputY >= 0, outputY < geometry.outputHeight else { continue }
            for kernelX in 0..<geometry.kernelWidth {
              let outputX = inputX * strideWidth + kernelX * dilationWidth - crop.left
              guard outputX >= 0, outputX < geometry.outputWidth else { continue }
              for outputChannel in 0..<geometry.outputChannels {
                var sum: Float = 0
                geometry.accumulateTap(
                  into: &sum, input: input.data, batch: batch, inputY: inputY, inputX: inputX,
                  outputChannel: outputChannel, kernelY: kernelY, kernelX: kernelX)
                output[
                  geometry.outputIndex(
                    batch: batch, y: outputY, x: outputX, channel: outputChannel)] += sum
              }
            }
          }
        }
      }
    }
    let bounds = activation.bounds
    return Tensor(shape: outputShape, data: output.map { min(max($0, bounds.min), bounds.max) })
  }

  /// XNNPACK's deconvolution takes the output adjustment only when it is below the stride.
  func runsOnXNNPACK(operandShapes: [[Int]], outputShape: [Int]) -> Bool {
    adjustmentHeight < strideHeight && adjustmentWidth < strideWidth
  }

  /// The filter, already in XNNPACK's layout, then the bias.
  var xnnpackWeights: [Tensor] { [filter, xnnpackBias] }

  func defineOnXNNPACK(_ node: XNNNode) throws {
    let padding = try cropping().xnnpackArguments
    let bounds = activation.bounds
    try node.check(
      xnn_define_deconvolution_2d(
        node.subgraph, padding.top, padding.right, padding.bottom, padding.left,
        UInt32(adjustmentHeight), UInt32(adjustmentWidth), UInt32(kernelHeight),
        UInt32(kernelWidth), UInt32(strideHeight), UInt32(strideWidth), UInt32(dilationHeight),
        UInt32(dilationWidth), UInt32(groups), groupInputChannels, outputChannels / groups,
        bounds.min, bounds.max, node.inputs[0], node.weights[0], node.weights[1], node.output,
        0),
      "xnn_define_deconvolution_2d")
  }
}

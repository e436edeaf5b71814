import CXNNPACK

/// Bilinear resizing of an NHWC input with TensorFlow's `align_corners` and `half_pixel_centers`
/// semantics (both false: TensorFlow's legacy mapping `in = out * scale`).
public struct BilinearResize: Sendable, Equatable {
  /// Output height.
  public var height: Int
  /// Output width.
  public var width: Int
  /// Whether the corner pixels of input and output are aligned.
  public var alignCorners: Bool
  /// Whether pixels are sampled at their centers.
  public var halfPixelCenters: Bool

  /// Creates a resize to `height` x `width`.
  public init(height: Int, width: Int, alignCorners: Bool, halfPixelCenters: Bool) {
    self.height = height
    self.width = width
    self.alignCorners = alignCorners
    self.halfPixelCenters = halfPixelCenters
  }
}

extension BilinearResize: GraphOperator {
  var name: String { "bilinear resize" }

  private var sampling: ResizeSampling {
    ResizeSampling(alignCorners: alignCorners, halfPixelCenters: halfPixelCenters)
  }

  func validate() throws {
    try require(height > 0 && width > 0, "output size must be positive")
    try sampling.validate(name)
  }

  func outputShape(operands: [[Int]]) throws -> [Int] {
    let input = try nhwcOperand(operands)
    return [input[0], height, width, input[3]]
  }

  func evaluate(_ operands: [Tensor], outputShape: [Int]) throws -> Tensor {
    let input = try operand(0, of: operands)
    let (batches, inputHeight, inputWidth, channels) = (
      input.shape[0], input.shape[1], input.shape[2], input.shape[3]
    )
    let (outputHeight, outputWidth) = (outputShape[1], outputShape[2])
    let rows = interpolationTaps(inputSize: inputHeight, outputSize: outputHeight)
    let columns = interpolationTaps(inputSize: inputWidth, outputSize: outputWidth)
    var output = [Float](repeating: 0, count: outputShape.reduce(1, *))
    func pixel(_ batch: Int, _ y: Int, _ x: Int, _ channel: Int) -> Float {
      input.data[((batch * inputHeight + y) * inputWidth + x) * channels + channel]
    }
    for batch in 0..<batches {
      for (outputY, row) in rows.enumerated() {
        for (outputX, column) in columns.enumerated() {
          for channel in 0..<channels {
            let topLeft = pixel(batch, row.lower, column.lower, channel)
            let topRight = pixel(batch, row.lower, column.upper, channel)
            let bottomLeft = pixel(batch, row.upper, column.lower, channel)
            let bottomRight = pixel(batch, row.upper, column.upper, channel)
            let top = topLeft + (topRight - topLeft) * column.fraction
            let bottom = bottomLeft + (bottomRight - bottomLeft) * column.fraction
            output[
              ((batch * outputHeight + outputY) * outputWidth + outputX) * channels + channel] =
              top + (bottom - top) * row.fraction
          }
        }
      }
    }
    return Tensor(shape: outputShape, data: output)
  }

  /// XNNPACK has no mode for aligned corners with half-pixel centers.
  func runsOnXNNPACK(operandShapes: [[Int]], outputShape: [Int]) -> Bool {
    !(alignCorners && halfPixelCenters)
  }

  func defineOnXNNPACK(_ node: XNNNode) throws {
    let flags =
      alignCorners
      ? UInt32(XNN_FLAG_ALIGN_CORNERS)
      : halfPixelCenters ? 0 : UInt32(XNN_FLAG_TENSORFLOW_LEGACY_MODE)
    try node.check(
      xnn_define_static_resize_bilinear_2d(
        node.subgraph, height, width, node.inputs[0], node.output, flags),
      "xnn_define_static_resize_bilinear_2d")
  }

  /// For each output position along one axis: the two input positions it blends and the weight
  /// of the upper one, as TensorFlow computes them.
  private func interpolationTaps(
    inputSize: Int, outputSize: Int
  ) -> [(lower: Int, upper: Int, fraction: Float)] {
    let scale = sampling.scale(inputSize: inputSize, outputSize: outputSize)
    return (0..<outputSize).map { index in
      let position =
        halfPixelCenters ? (Float(index) + 0.5) * scale - 0.5 : Float(index) * scale
      let floorPosition = position.rounded(.down)
      let lower = min(max(Int(floorPosition), 0), inputSize - 1)
      let upper = min(max(Int(position.rounded(.up)), 0), inputSize - 1)
      return (lower, upper, position - floorPosition)
    }
  }
}

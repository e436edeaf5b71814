/// Nearest-neighbour resizing of an NHWC input with TensorFlow's `ResizeNearestNeighbor`
/// semantics, to a fixed size or to the height and width of a second operand (read for its
/// shape only), as feature pyramids upsample a coarse map to the size of a finer one.
public struct NearestResize: Sendable, Equatable {
  /// Where the output size comes from.
  public enum Size: Sendable, Equatable {
    /// A fixed output height and width.
    case fixed(height: Int, width: Int)
    /// The height and width of the second operand.
    case matchingSecondOperand
  }

  /// The output size.
  public var size: Size
  /// Whether the corner pixels of input and output are aligned.
  public var alignCorners: Bool
  /// Whether pixels are sampled at their centers.
  public var halfPixelCenters: Bool

  /// Creates a nearest-neighbour resize.
  public init(size: Size, alignCorners: Bool, halfPixelCenters: Bool) {
    self.size = size
    self.alignCorners = alignCorners
    self.halfPixelCenters = halfPixelCenters
  }
}

extension NearestResize: GraphOperator {
  var name: String { "nearest resize" }

  private var sampling: ResizeSampling {
    ResizeSampling(alignCorners: alignCorners, halfPixelCenters: halfPixelCenters)
  }

  func validate() throws {
    if case .fixed(let height, let width) = size {
      try require(height > 0 && width > 0, "output size must be positive")
    }
    try sampling.validate(name)
  }

  func outputShape(operands: [[Int]]) throws -> [Int] {
    switch size {
    case .fixed(let height, let width):
      let input = try nhwcOperand(operands)
      return [input[0], height, width, input[3]]
    case .matchingSecondOperand:
      guard operands.count == 2, operands[0].count == 4, operands[1].count == 4 else {
        throw ModelError.invalidShape(
          "\(name) to a matching size takes two NHWC inputs, got \(operands)")
      }
      return [operands[0][0], operands[1][1], operands[1][2], operands[0][3]]
    }
  }

  func evaluate(_ operands: [Tensor], outputShape: [Int]) throws -> Tensor {
    let input = try operand(0, of: operands)
    let (batches, inputHeight, inputWidth, channels) = (
      input.shape[0], input.shape[1], input.shape[2], input.shape[3]
    )
    let rows = sourcePositions(inputSize: inputHeight, outputSize: outputShape[1])
    let columns = sourcePositions(inputSize: inputWidth, outputSize: outputShape[2])
    var output: [Float] = []
    output.reserveCapacity(outputShape.reduce(1, *))
    for batch in 0..<batches {
      for row in rows {
        for column in columns {
          let start = ((batch * inputHeight + row) * inputWidth + column) * channels
          output.append(contentsOf: input.data[start..<(start + channels)])
        }
      }
    }
    return Tensor(shape: outputShape, data: output)
  }

  /// This XNNPACK version has no nearest resize (a whole-factor enlargement could be a
  /// transposed convolution, but its kernel would depend on sizes known only per run): the node,
  /// a plain copy, always runs in Swift between subgraphs.
  func runsOnXNNPACK(operandShapes: [[Int]], outputShape: [Int]) -> Bool {
    false
  }

  /// Never reached, since XNNPACK never runs the node; refuses all the same.
  func defineOnXNNPACK(_ node: XNNNode) throws {
    throw ModelError.runtimeFailure("this XNNPACK version has no nearest resize for \(node.label)")
  }

  /// For each output position along one axis, the input position TensorFlow copies.
  private func sourcePositions(inputSize: Int, outputSize: Int) -> [Int] {
    let scale = sampling.scale(inputSize: inputSize, outputSize: outputSize)
    return (0..<outputSize).map { index in
      let position =
        halfPixelCenters ? (Float(index) + 0.5) * scale : Float(index) * scale
      let source = alignCorners ? Int(position.rounded()) : Int(position.rounded(.down))
      return min(max(source, 0), inputSize - 1)
    }
  }
}

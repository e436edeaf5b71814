import CXNNPACK

/// Channel blocks of an NHWC input moved into space, in TensorFlow's DCR order.
public struct DepthToSpace: Sendable, Equatable {
  /// The side of the square block each input pixel becomes; the channels shrink by its square.
  public var blockSize: Int

  /// Creates a depth-to-space of `blockSize`.
  public init(blockSize: Int) {
    self.blockSize = blockSize
  }
}

extension DepthToSpace: GraphOperator {
  var name: String { "depth to space" }

  /// The block size is checked against the input by ``outputShape(operands:)``.
  func validate() {}

  func outputShape(operands: [[Int]]) throws -> [Int] {
    let input = try nhwcOperand(operands)
    guard blockSize > 0, input[3] % (blockSize * blockSize) == 0 else {
      throw ModelError.invalidShape("depth to space by \(blockSize) of \(input)")
    }
    return [
      input[0], input[1] * blockSize, input[2] * blockSize, input[3] / (blockSize * blockSize),
    ]
  }

  /// Output pixel `(y * block + dy, x * block + dx)` channel `c` reads input pixel `(y, x)`
  /// channel `(dy * block + dx) * outputChannels + c`.
  func evaluate(_ operands: [Tensor], outputShape: [Int]) throws -> Tensor {
    let input = try operand(0, of: operands)
    let (batches, height, width, inputChannels) = (
      input.shape[0], input.shape[1], input.shape[2], input.shape[3]
    )
    let (outputHeight, outputWidth, outputChannels) = (
      outputShape[1], outputShape[2], outputShape[3]
    )
    var output = [Float](repeating: 0, count: outputShape.reduce(1, *))
    for batch in 0..<batches {
      for y in 0..<height {
        for x in 0..<width {
          for blockY in 0..<blockSize {
            for blockX in 0..<blockSize {
              for channel in 0..<outputChannels {
                let inputIndex =
                  ((batch * height + y) * width + x) * inputChannels
                  + (blockY * blockSize + blockX) * outputChannels + channel
                let outputIndex =
                  ((batch * outputHeight + y * blockSize + blockY) * outputWidth + x * blockSize
                    + blockX) * outputChannels + channel
                output[outputIndex] = input.data[inputIndex]
              }
            }
          }
        }
      }
    }
    return Tensor(shape: outputShape, data: output)
  }

  func runsOnXNNPACK(operandShapes: [[Int]], outputShape: [Int]) -> Bool {
    true
  }

  func defineOnXNNPACK(_ node: XNNNode) throws {
    try node.check(
      xnn_define_depth_to_space(
        node.subgraph, node.inputs[0], node.output, UInt32(blockSize), 0),
      "xnn_define_depth_to_space")
  }
}

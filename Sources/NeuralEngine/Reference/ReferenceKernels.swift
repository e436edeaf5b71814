import Foundation

/// Straightforward implementations of every ``Operator``, shared by ``ReferenceRuntime`` and by
/// the operations ``XNNPACKRuntime`` runs outside XNNPACK.
enum ReferenceKernels {
  /// Computes one operation.
  ///
  /// - Parameters:
  ///   - operation: what to compute; its parameters have passed ``Graph/validateForExecution()``.
  ///   - operands: the input tensors, shapes already checked by shape inference.
  ///   - outputShape: the shape shape inference computed for the result.
  static func evaluate(_ operation: Operator, operands: [Tensor], outputShape: [Int]) throws
    -> Tensor
  {
    func operand(_ index: Int) throws -> Tensor {
      guard index < operands.count else {
        throw ModelError.invalidShape("\(operation.name) is missing input \(index + 1)")
      }
      return operands[index]
    }
    switch operation {
    case .convolution(let convolution):
      return convolve(try operand(0), with: convolution, outputShape: outputShape)
    case .deconvolution(let deconvolution):
      return deconvolve(try operand(0), with: deconvolution, outputShape: outputShape)
    case .add(let activation):
      let bounds = activation.bounds
      return broadcast(try operand(0), try operand(1), outputShape: outputShape) {
        min(max($0 + $1, bounds.min), bounds.max)
      }
    case .multiply:
      return broadcast(try operand(0), try operand(1), outputShape: outputShape) { $0 * $1 }
    case .clamp(let lower, let upper):
      return map(try operand(0)) { min(max($0, lower), upper) }
    case .sigmoid:
      return map(try operand(0)) { 1 / (1 + Foundation.exp(-$0)) }
    case .pad(let before, _, let value):
      return pad(try operand(0), before: before, value: value, outputShape: outputShape)
    case .maxPool(let pooling):
      return maxPool(try operand(0), with: pooling, outputShape: outputShape)
    case .resizeBilinear(_, _, let alignCorners, let halfPixelCenters):
      return resizeBilinear(
        try operand(0), alignCorners: alignCorners, halfPixelCenters: halfPixelCenters,
        outputShape: outputShape)
    case .reshape:
      return Tensor(shape: outputShape, data: try operand(0).data)
    case .concatenate(let axis):
      return concatenate(operands, axis: axis, outputShape: outputShape)
    case .depthToSpace(let blockSize):
      return depthToSpace(try operand(0), blockSize: blockSize, outputShape: outputShape)
    }
  }

  /// Applies `transform` to every element.
  static func map(_ input: Tensor, _ transform: (Float) -> Float) -> Tensor {
    Tensor(shape: input.shape, data: input.data.map(transform))
  }
}

import Testing

@testable import NeuralEngine

@Suite struct ShapeInferenceTests {
  @Test func sameConvolutionKeepsCeilOfInputOverStride() throws {
    let conv = Convolution2D(
      filter: Tensor(shape: [8, 3, 3, 4]), bias: nil, strideHeight: 2, strideWidth: 2,
      padding: .same)
    let shape = try Operator.convolution(conv).outputShape(operands: [[1, 15, 16, 4]])
    #expect(shape == [1, 8, 8, 8])
  }

  @Test func deconvolutionDoublesSize() throws {
    let deconv = Deconvolution2D(
      filter: Tensor(shape: [4, 2, 2, 6]), bias: nil, strideHeight: 2, strideWidth: 2)
    let shape = try Operator.deconvolution(deconv).outputShape(operands: [[1, 5, 7, 6]])
    #expect(shape == [1, 10, 14, 4])
  }

  @Test func mismatchedChannelsAreRejected() {
    let conv = Convolution2D(filter: Tensor(shape: [8, 1, 1, 4]), bias: nil)
    #expect(throws: ModelError.self) {
      try Operator.convolution(conv).outputShape(operands: [[1, 4, 4, 3]])
    }
  }

  @Test func reshapeInfersOneDimension() throws {
    let shape = try Operator.reshape(Reshape(shape: [1, -1, 16])).outputShape(
      operands: [[1, 8, 8, 32]])
    #expect(shape == [1, 128, 16])
  }
}

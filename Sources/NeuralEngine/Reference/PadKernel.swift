extension ReferenceKernels {
  /// Pads every axis with `value`; element `i` of the output along an axis reads input element
  /// `i - before[axis]` when that exists.
  static func pad(_ input: Tensor, before: [Int], value: Float, outputShape: [Int]) -> Tensor {
    let rank = outputShape.count
    var inputStrides = [Int](repeating: 1, count: rank)
    for axis in stride(from: rank - 2, through: 0, by: -1) {
      inputStrides[axis] = inputStrides[axis + 1] * input.shape[axis + 1]
    }
    let count = outputShape.reduce(1, *)
    var output = [Float](repeating: value, count: count)
    for index in 0..<count {
      var remainder = index
      var inputIndex = 0
      var inside = true
      for axis in stride(from: rank - 1, through: 0, by: -1) {
        let coordinate = remainder % outputShape[axis] - before[axis]
        remainder /= outputShape[axis]
        if coordinate < 0 || coordinate >= input.shape[axis] {
          inside = false
          break
        }
        inputIndex += coordinate * inputStrides[axis]
      }
      if inside { output[index] = input.data[inputIndex] }
    }
    return Tensor(shape: outputShape, data: output)
  }
}

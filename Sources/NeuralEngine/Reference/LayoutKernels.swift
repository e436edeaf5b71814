extension ReferenceKernels {
  /// Joins tensors along `axis`.
  static func concatenate(_ inputs: [Tensor], axis: Int, outputShape: [Int]) -> Tensor {
    let outer = outputShape[..<axis].reduce(1, *)
    let inner = outputShape[(axis + 1)...].reduce(1, *)
    var output = [Float]()
    output.reserveCapacity(outputShape.reduce(1, *))
    for slice in 0..<outer {
      for input in inputs {
        let chunk = input.shape[axis] * inner
        output.append(contentsOf: input.data[(slice * chunk)..<((slice + 1) * chunk)])
      }
    }
    return Tensor(shape: outputShape, data: output)
  }

  /// Moves channel blocks into space in TensorFlow's DCR order: output pixel
  /// `(y * block + dy, x * block + dx)` channel `c` reads input pixel `(y, x)` channel
  /// `(dy * block + dx) * outputChannels + c`.
  static func depthToSpace(_ input: Tensor, blockSize: Int, outputShape: [Int]) -> Tensor {
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
}

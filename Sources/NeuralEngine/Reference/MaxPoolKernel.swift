extension ReferenceKernels {
  /// The maximum over each window of an NHWC tensor; padded pixels are skipped, so they never win.
  static func maxPool(_ input: Tensor, with pooling: Pooling2D, outputShape: [Int]) -> Tensor {
    let (batches, height, width, channels) = (
      input.shape[0], input.shape[1], input.shape[2], input.shape[3]
    )
    let (outputHeight, outputWidth) = (outputShape[1], outputShape[2])
    let vertical = pooling.padding.amounts(
      size: height, kernel: pooling.kernelHeight, stride: pooling.strideHeight, dilation: 1,
      vertical: true)
    let horizontal = pooling.padding.amounts(
      size: width, kernel: pooling.kernelWidth, stride: pooling.strideWidth, dilation: 1,
      vertical: false)
    var output = [Float](repeating: 0, count: outputShape.reduce(1, *))
    for batch in 0..<batches {
      for outputY in 0..<outputHeight {
        let top = outputY * pooling.strideHeight - vertical.before
        let rows = max(top, 0)..<min(top + pooling.kernelHeight, height)
        for outputX in 0..<outputWidth {
          let left = outputX * pooling.strideWidth - horizontal.before
          let columns = max(left, 0)..<min(left + pooling.kernelWidth, width)
          for channel in 0..<channels {
            var maximum = -Float.infinity
            for inputY in rows {
              for inputX in columns {
                maximum = max(
                  maximum,
                  input.data[((batch * height + inputY) * width + inputX) * channels + channel])
              }
            }
            output[
              ((batch * outputHeight + outputY) * outputWidth + outputX) * channels + channel] =
              maximum
          }
        }
      }
    }
    return Tensor(shape: outputShape, data: output)
  }
}

extension ReferenceKernels {
  /// Bilinear resizing of an NHWC tensor with TensorFlow's `align_corners` and
  /// `half_pixel_centers` semantics (both false: TensorFlow's legacy mapping `in = out * scale`).
  static func resizeBilinear(
    _ input: Tensor, alignCorners: Bool, halfPixelCenters: Bool, outputShape: [Int]
  ) -> Tensor {
    let (batches, height, width, channels) = (
      input.shape[0], input.shape[1], input.shape[2], input.shape[3]
    )
    let (outputHeight, outputWidth) = (outputShape[1], outputShape[2])
    let rows = interpolationTaps(
      inputSize: height, outputSize: outputHeight, alignCorners: alignCorners,
      halfPixelCenters: halfPixelCenters)
    let columns = interpolationTaps(
      inputSize: width, outputSize: outputWidth, alignCorners: alignCorners,
      halfPixelCenters: halfPixelCenters)
    var output = [Float](repeating: 0, count: outputShape.reduce(1, *))
    func pixel(_ batch: Int, _ y: Int, _ x: Int, _ channel: Int) -> Float {
      input.data[((batch * height + y) * width + x) * channels + channel]
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

  /// For each output position along one axis: the two input positions it blends and the weight
  /// of the upper one, as TensorFlow computes them.
  private static func interpolationTaps(
    inputSize: Int, outputSize: Int, alignCorners: Bool, halfPixelCenters: Bool
  ) -> [(lower: Int, upper: Int, fraction: Float)] {
    let scale: Float =
      alignCorners && outputSize > 1
      ? Float(inputSize - 1) / Float(outputSize - 1)
      : Float(inputSize) / Float(outputSize)
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

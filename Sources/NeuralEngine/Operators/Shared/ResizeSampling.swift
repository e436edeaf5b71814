/// How TensorFlow's resize operators map output positions to input positions along one axis:
/// what nearest and bilinear resizing share.
struct ResizeSampling {
  /// Whether the corner pixels of input and output are aligned.
  var alignCorners: Bool
  /// Whether pixels are sampled at their centers.
  var halfPixelCenters: Bool

  /// Refuses the one combination TensorFlow rejects too, naming the operator `name`.
  func validate(_ name: String) throws {
    if alignCorners && halfPixelCenters {
      throw ModelError.unsupportedFeature(
        "\(name) with both aligned corners and half-pixel centers")
    }
  }

  /// Input pixels per output pixel.
  func scale(inputSize: Int, outputSize: Int) -> Float {
    alignCorners && outputSize > 1
      ? Float(inputSize - 1) / Float(outputSize - 1)
      : Float(inputSize) / Float(outputSize)
  }
}

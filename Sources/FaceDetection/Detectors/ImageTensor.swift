import FaceGuardCore
import NeuralEngine

extension Tensor {
  /// A network input made from the red, green and blue samples of `image` (alpha is ignored):
  /// `[1, height, width, 3]`, the image placed with its top left pixel at (`left`, `top`), each
  /// sample `s` becoming `s / divisor + offset`, every element outside the image `fill`.
  ///
  /// The image must fit inside the tensor at that place.
  init(
    rgbOf image: Image, width: Int, height: Int, left: Int = 0, top: Int = 0,
    divisor: Float = 1, offset: Float = 0, fill: Float = 0
  ) {
    precondition(
      left >= 0 && top >= 0 && left + image.width <= width && top + image.height <= height,
      "a \(image.width)x\(image.height) image does not fit a \(width)x\(height) tensor at "
        + "(\(left), \(top))")
    var data = [Float](repeating: fill, count: width * height * 3)
    let channels = image.channels
    data.withUnsafeMutableBufferPointer { destination in
      image.pixels.withUnsafeBufferPointer { source in
        for row in 0..<image.height {
          var sourceIndex = row * image.rowLength
          var destinationIndex = ((top + row) * width + left) * 3
          for _ in 0..<image.width {
            destination[destinationIndex] = Float(source[sourceIndex]) / divisor + offset
            destination[destinationIndex + 1] = Float(source[sourceIndex + 1]) / divisor + offset
            destination[destinationIndex + 2] = Float(source[sourceIndex + 2]) / divisor + offset
            sourceIndex += channels
            destinationIndex += 3
          }
        }
      }
    }
    self.init(shape: [1, height, width, 3], data: data)
  }

  /// The network input for `image` at its own size, zero-padded at the bottom and right to
  /// multiples of `multiple` (what fully convolutional detectors with strided layers need).
  init(rgbOf image: Image, paddedToMultipleOf multiple: Int) {
    let height = (image.height + multiple - 1) / multiple * multiple
    let width = (image.width + multiple - 1) / multiple * multiple
    self.init(rgbOf: image, width: width, height: height)
  }
}

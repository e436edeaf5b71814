import FaceGuardCore
import NeuralEngine

/// Where an image sits inside BlazeFace's square input, as MediaPipe's `ImageToTensorCalculator`
/// places it with `keep_aspect_ratio: true`: scaled to fit, centred, the shorter side padded
/// equally on both sides with black.
struct BlazeFaceLetterbox: Sendable, Equatable {
  /// Side of the square network input.
  let inputSize: Int
  /// Width of the scaled image inside the input.
  let contentWidth: Int
  /// Height of the scaled image inside the input.
  let contentHeight: Int
  /// Padding columns left of the image.
  let left: Int
  /// Padding rows above the image.
  let top: Int
  /// Width of the original image.
  let imageWidth: Int
  /// Height of the original image.
  let imageHeight: Int

  /// The placement of an `imageWidth` x `imageHeight` image in a square input of `inputSize`.
  init(imageWidth: Int, imageHeight: Int, inputSize: Int) {
    let longer = Double(max(imageWidth, imageHeight))
    let scale = Double(inputSize) / longer
    self.inputSize = inputSize
    self.imageWidth = imageWidth
    self.imageHeight = imageHeight
    contentWidth = min(max(Int((Double(imageWidth) * scale).rounded()), 1), inputSize)
    contentHeight = min(max(Int((Double(imageHeight) * scale).rounded()), 1), inputSize)
    left = (inputSize - contentWidth) / 2
    top = (inputSize - contentHeight) / 2
  }

  /// The network input for `image`: `[1, inputSize, inputSize, 3]`, red, green, blue scaled to
  /// -1...1, the padding -1 (black).
  func tensor(for image: Image) -> Tensor {
    let content = image.resized(width: contentWidth, height: contentHeight)
    return Tensor(
      rgbOf: content, width: inputSize, height: inputSize, left: left, top: top, divisor: 127.5,
      offset: -1, fill: -1)
  }

  /// A point in input pixels mapped to image pixels.
  func imagePoint(_ point: Point) -> Point {
    Point(
      x: (point.x - Double(left)) * Double(imageWidth) / Double(contentWidth),
      y: (point.y - Double(top)) * Double(imageHeight) / Double(contentHeight))
  }

  /// A face found in input pixels mapped to image pixels (not clipped).
  func imageFace(_ face: Face) -> Face {
    let origin = imagePoint(Point(x: face.box.x, y: face.box.y))
    let end = imagePoint(Point(x: face.box.maxX, y: face.box.maxY))
    return Face(
      box: Rect(x: origin.x, y: origin.y, width: end.x - origin.x, height: end.y - origin.y),
      score: face.score, landmarks: face.landmarks.map(imagePoint))
  }
}

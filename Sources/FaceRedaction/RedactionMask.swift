import FaceGuardCore

/// The coverage of one hidden region: the face box scaled about its centre, shaped as an ellipse or
/// a box, with a soft band just inside its edge, united with every pixel the unscaled face box
/// touches, which is always fully covered.
///
/// A pixel is sampled at its centre. Coverage (alpha) is 1 inside, ramps down to 0 across the
/// feather band at the shape's edge, and is 0 outside the shape and the face box.
struct RedactionMask {
  /// The scaled face box the shape is inscribed in.
  let shapeBox: Rect
  /// The shape inscribed in `shapeBox`.
  let shape: MaskShape
  /// The whole-pixel extent of the unscaled face box, unclipped.
  let faceCover: Rect
  /// The pixels of the image that may be covered at all.
  let bounds: PixelRect
  /// The pixels of the image the unscaled face box touches.
  private let facePixels: PixelRect
  /// Centre of the shape.
  private let centreX: Double
  private let centreY: Double
  /// Reciprocals of the shape's half width and half height.
  private let inverseHalfWidth: Double
  private let inverseHalfHeight: Double
  /// Reciprocal of the feather band width in pixels; 0 for a hard edge.
  private let inverseFeather: Double

  /// The mask of `face` in a `width` x `height` image, or `nil` when the face box is empty,
  /// not finite, or lies outside the image. A scale that is not a positive number, or that makes
  /// the box overflow, counts as 1.
  init?(face: Rect, options: RedactionOptions, width: Int, height: Int) {
    guard face.x.isFinite, face.y.isFinite, face.width.isFinite, face.height.isFinite,
      face.width > 0, face.height > 0
    else { return nil }
    let scale = options.maskScale.isFinite && options.maskScale > 0 ? options.maskScale : 1
    let feather = options.feather.isFinite ? min(max(options.feather, 0), 0.5) : 0
    let scaled = face.scaled(by: scale)
    let scaledIsFinite =
      scaled.x.isFinite && scaled.y.isFinite && scaled.width.isFinite && scaled.height.isFinite
    shapeBox = scaledIsFinite ? scaled : face
    shape = options.shape
    let featherWidth = feather * min(shapeBox.width, shapeBox.height)
    inverseFeather = featherWidth > 0 ? 1 / featherWidth : 0
    centreX = shapeBox.midX
    centreY = shapeBox.midY
    inverseHalfWidth = 2 / shapeBox.width
    inverseHalfHeight = 2 / shapeBox.height
    let left = face.x.rounded(.down)
    let top = face.y.rounded(.down)
    faceCover = Rect(
      x: left, y: top, width: face.maxX.rounded(.up) - left, height: face.maxY.rounded(.up) - top)
    facePixels = PixelRect(touching: faceCover, width: width, height: height)
    bounds = PixelRect(touching: shapeBox, width: width, height: height).union(facePixels)
    if bounds.isEmpty { return nil }
  }

  /// The coverage of the pixel at column `x`, row `y` of the image, in 0...1.
  @inline(__always)
  func alpha(x: Int, y: Int) -> Float {
    if x >= facePixels.x && x < facePixels.maxX && y >= facePixels.y && y < facePixels.maxY {
      return 1
    }
    let offsetX = Double(x) + 0.5 - centreX
    let offsetY = Double(y) + 0.5 - centreY
    let depth: Double
    switch shape {
    case .box:
      depth = min(
        shapeBox.width / 2 - abs(offsetX), shapeBox.height / 2 - abs(offsetY))
    case .ellipse:
      let u = offsetX * inverseHalfWidth
      let v = offsetY * inverseHalfHeight
      let squared = u * u + v * v
      if squared >= 1 { return 0 }
      if inverseFeather == 0 || squared == 0 { return 1 }
      let normalized = squared.squareRoot()
      // Distance to the edge along the ray from the centre.
      depth = (offsetX * offsetX + offsetY * offsetY).squareRoot() * (1 - normalized) / normalized
    }
    if depth <= 0 { return 0 }
    if inverseFeather == 0 { return 1 }
    return Float(min(depth * inverseFeather, 1))
  }

  /// Writes the coverage of the pixels `bounds.x..<bounds.maxX` of row `y` to `alphas`.
  ///
  /// The fully covered pixels of a row form one run (the shape is convex and centred on the face
  /// box), so only the pixels outside that run are computed one by one.
  func coverage(row y: Int, into alphas: UnsafeMutablePointer<Float>) {
    let first = bounds.x
    var left = first
    while left < bounds.maxX {
      let value = alpha(x: left, y: y)
      alphas[left - first] = value
      if value == 1 { break }
      left += 1
    }
    guard left < bounds.maxX else { return }
    var right = bounds.maxX - 1
    while right > left {
      let value = alpha(x: right, y: y)
      alphas[right - first] = value
      if value == 1 { break }
      right -= 1
    }
    if right > left + 1 {
      (alphas + (left + 1 - first)).update(repeating: 1, count: right - left - 1)
    }
  }

  /// The distance from the centre of pixel (`x`, `y`) to the covered region, 0 when covered.
  func distanceOutside(x: Int, y: Int) -> Double {
    if alpha(x: x, y: y) > 0 { return 0 }
    let px = Double(x) + 0.5
    let py = Double(y) + 0.5
    let toShape: Double
    switch shape {
    case .box:
      toShape = Self.distance(px: px, py: py, to: shapeBox)
    case .ellipse:
      let offsetX = px - centreX
      let offsetY = py - centreY
      let u = offsetX * inverseHalfWidth
      let v = offsetY * inverseHalfHeight
      let normalized = (u * u + v * v).squareRoot()
      toShape = (offsetX * offsetX + offsetY * offsetY).squareRoot() * (normalized - 1) / normalized
    }
    return min(toShape, Self.distance(px: px, py: py, to: faceCover))
  }

  private static func distance(px: Double, py: Double, to rect: Rect) -> Double {
    let dx = max(rect.x - px, 0, px - rect.maxX)
    let dy = max(rect.y - py, 0, py - rect.maxY)
    return (dx * dx + dy * dy).squareRoot()
  }
}

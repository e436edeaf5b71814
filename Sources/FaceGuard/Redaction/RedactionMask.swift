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
  /// Width in pixels of the soft band inside the shape's edge; 0 for a hard edge.
  let featherWidth: Double
  /// The whole-pixel extent of the unscaled face box, unclipped.
  let faceCover: Rect
  /// The pixels of the image that may be covered at all.
  let bounds: PixelBounds

  /// The mask of `face` in a `width` x `height` image, or `nil` when the face box is empty,
  /// not finite, or lies outside the image.
  init?(face: Rect, options: RedactionOptions, width: Int, height: Int) {
    guard face.x.isFinite, face.y.isFinite, face.width.isFinite, face.height.isFinite,
      face.width > 0, face.height > 0
    else { return nil }
    let scale = options.maskScale.isFinite && options.maskScale > 0 ? options.maskScale : 1
    let feather = options.feather.isFinite ? min(max(options.feather, 0), 0.5) : 0
    shapeBox = face.scaled(by: scale)
    shape = options.shape
    featherWidth = feather * min(shapeBox.width, shapeBox.height)
    let left = face.x.rounded(.down)
    let top = face.y.rounded(.down)
    faceCover = Rect(
      x: left, y: top, width: face.maxX.rounded(.up) - left, height: face.maxY.rounded(.up) - top)
    bounds = PixelBounds(touching: shapeBox, width: width, height: height)
      .union(PixelBounds(touching: faceCover, width: width, height: height))
    if bounds.isEmpty { return nil }
  }

  /// The coverage of the pixel at column `x`, row `y`, in 0...1.
  func alpha(x: Int, y: Int) -> Float {
    let px = Double(x) + 0.5
    let py = Double(y) + 0.5
    if px > faceCover.x && px < faceCover.maxX && py > faceCover.y && py < faceCover.maxY {
      return 1
    }
    let depth = shapeDepth(px: px, py: py)
    if depth <= 0 { return 0 }
    if featherWidth <= 0 { return 1 }
    return Float(min(depth / featherWidth, 1))
  }

  /// The distance from the centre of pixel (`x`, `y`) to the covered region, 0 when covered.
  func distanceOutside(x: Int, y: Int) -> Double {
    let px = Double(x) + 0.5
    let py = Double(y) + 0.5
    if alpha(x: x, y: y) > 0 { return 0 }
    let toShape: Double
    switch shape {
    case .box:
      toShape = Self.distance(px: px, py: py, to: shapeBox)
    case .ellipse:
      let (offsetX, offsetY, normalized) = ellipseCoordinates(px: px, py: py)
      toShape = (offsetX * offsetX + offsetY * offsetY).squareRoot() * (normalized - 1) / normalized
    }
    return min(toShape, Self.distance(px: px, py: py, to: faceCover))
  }

  /// How far inside the shape's edge the point lies (measured along the ray from the centre for an
  /// ellipse); 0 or less outside.
  private func shapeDepth(px: Double, py: Double) -> Double {
    switch shape {
    case .box:
      return min(px - shapeBox.x, shapeBox.maxX - px, py - shapeBox.y, shapeBox.maxY - py)
    case .ellipse:
      let (offsetX, offsetY, normalized) = ellipseCoordinates(px: px, py: py)
      if normalized >= 1 { return normalized == 1 ? 0 : -1 }
      if normalized == 0 { return .infinity }
      return (offsetX * offsetX + offsetY * offsetY).squareRoot() * (1 - normalized) / normalized
    }
  }

  /// The offset of the point from the ellipse centre and its normalized radius (1 on the edge).
  private func ellipseCoordinates(px: Double, py: Double) -> (Double, Double, Double) {
    let offsetX = px - shapeBox.midX
    let offsetY = py - shapeBox.midY
    let u = offsetX / (shapeBox.width / 2)
    let v = offsetY / (shapeBox.height / 2)
    return (offsetX, offsetY, (u * u + v * v).squareRoot())
  }

  private static func distance(px: Double, py: Double, to rect: Rect) -> Double {
    let dx = max(rect.x - px, 0, px - rect.maxX)
    let dy = max(rect.y - py, 0, py - rect.maxY)
    return (dx * dx + dy * dy).squareRoot()
  }
}

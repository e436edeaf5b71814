import FaceGuardCore

/// What is done to one face: where (its mask), how (its effect with sizes fixed from the face
/// size), and which pixels that reads.
struct RegionPlan {
  /// How the replacement colours are made.
  enum Effect {
    /// Approximate Gaussian blur with this box radius.
    case blur(radius: Int)
    /// Mosaic of block averages.
    case mosaic(Mosaic)
    /// One colour.
    case fill(RedactionStyle.Color)
  }

  /// Fraction of the scaled face's smaller side used as blur radius (two standard deviations) at
  /// strength 1.
  static let blurRadiusFraction = 0.3
  /// Smallest blur radius in pixels.
  static let minimumBlurRadius = 4.0
  /// Smallest mosaic block side in pixels.
  static let minimumBlockSize = 2.0

  let mask: RedactionMask
  let effect: Effect
  /// The pixels whose original samples the effect needs.
  let readBounds: PixelRect

  /// The plan for `face` in a `width` x `height` image, or `nil` when nothing of it is visible.
  init?(face: Rect, options: RedactionOptions, width: Int, height: Int) {
    guard let mask = RedactionMask(face: face, options: options, width: width, height: height)
    else { return nil }
    self.mask = mask
    let strength = options.strength.isFinite && options.strength > 0 ? options.strength : 1
    let largestSide = Double(max(width, height))
    switch options.style {
    case .blur:
      let side = min(mask.shapeBox.width, mask.shapeBox.height)
      let radius = max(side * Self.blurRadiusFraction * strength, Self.minimumBlurRadius)
      let boxRadius = BoxBlur.boxRadius(sigma: min(radius / 2, largestSide))
      effect = .blur(radius: boxRadius)
      readBounds = BoxBlur.readBounds(
        of: mask.bounds, radius: boxRadius, width: width, height: height)
    case .pixelate:
      let blocks = Double(max(options.pixelateBlocks, 1))
      let side = min(max(face.width * strength / blocks, Self.minimumBlockSize), largestSide)
      let mosaic = Mosaic(
        blockSize: Int(side.rounded()), anchorX: mask.shapeBox.x, anchorY: mask.shapeBox.y,
        area: mask.bounds)
      effect = .mosaic(mosaic)
      readBounds = mosaic.readBounds(of: mask.bounds, width: width, height: height)
    case .solid(let color):
      effect = .fill(color)
      readBounds = .empty
    }
  }
}

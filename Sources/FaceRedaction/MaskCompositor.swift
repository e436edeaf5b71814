/// Blends replacement colours into an image through a mask, changing only red, green and blue of
/// pixels the mask covers; alpha samples are left as they are.
struct MaskCompositor {
  /// The image samples, rows `rowStride` apart.
  let pixels: UnsafeMutablePointer<UInt8>
  /// Samples from one row to the next.
  let rowStride: Int
  /// Samples per pixel.
  let channels: Int

  /// Blends `patch`, which must hold the mask's bounds, through `mask`.
  func blend(_ patch: ColorPatch, through mask: RedactionMask) {
    withCoverage(of: mask) { y, alphas in
      var target = pixels + y * rowStride + mask.bounds.x * channels
      var replacement = patch.pixel(x: mask.bounds.x, y: y)
      for index in 0..<mask.bounds.width {
        let alpha = alphas[index]
        if alpha > 0 {
          Self.mix(target, replacement[0], replacement[1], replacement[2], alpha)
        }
        target += channels
        replacement += patch.samplesPerPixel
      }
    }
  }

  /// Blends the single colour `color` through `mask`.
  func fill(_ color: RedactionStyle.Color, through mask: RedactionMask) {
    let red = Float(color.red)
    let green = Float(color.green)
    let blue = Float(color.blue)
    withCoverage(of: mask) { y, alphas in
      var target = pixels + y * rowStride + mask.bounds.x * channels
      for index in 0..<mask.bounds.width {
        let alpha = alphas[index]
        if alpha > 0 { Self.mix(target, red, green, blue, alpha) }
        target += channels
      }
    }
  }

  /// Calls `body` with each row of the mask's bounds and the coverage of its pixels.
  private func withCoverage(
    of mask: RedactionMask, _ body: (Int, UnsafePointer<Float>) -> Void
  ) {
    let alphas = UnsafeMutablePointer<Float>.allocate(capacity: mask.bounds.width)
    alphas.initialize(repeating: 0, count: mask.bounds.width)
    defer { alphas.deallocate() }
    for y in mask.bounds.y..<mask.bounds.maxY {
      mask.coverage(row: y, into: alphas)
      body(y, alphas)
    }
  }

  /// Moves the first three samples at `target` towards the given colour by `alpha`.
  @inline(__always)
  private static func mix(
    _ target: UnsafeMutablePointer<UInt8>, _ red: Float, _ green: Float, _ blue: Float,
    _ alpha: Float
  ) {
    if alpha == 1 {
      target[0] = clampedSample(red)
      target[1] = clampedSample(green)
      target[2] = clampedSample(blue)
      return
    }
    let keep = 1 - alpha
    target[0] = clampedSample(Float(target[0]) * keep + red * alpha)
    target[1] = clampedSample(Float(target[1]) * keep + green * alpha)
    target[2] = clampedSample(Float(target[2]) * keep + blue * alpha)
  }

  /// The nearest sample value to `value`.
  @inline(__always)
  private static func clampedSample(_ value: Float) -> UInt8 {
    UInt8(truncatingIfNeeded: Int32(min(max(value, 0), 255) + 0.5))
  }
}

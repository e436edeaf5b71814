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
    patch.samples.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      let area = mask.bounds
      for y in area.minY..<area.maxY {
        let row = base + (y - patch.bounds.minY) * patch.rowStride
        forEachCovered(y: y, mask: mask) { x, alpha, target in
          let replacement = row + (x - patch.bounds.minX) * 3
          Self.mix(target, replacement[0], replacement[1], replacement[2], alpha)
        }
      }
    }
  }

  /// Blends the single colour `color` through `mask`.
  func fill(_ color: RedactionStyle.Color, through mask: RedactionMask) {
    let red = Float(color.red)
    let green = Float(color.green)
    let blue = Float(color.blue)
    for y in mask.bounds.minY..<mask.bounds.maxY {
      forEachCovered(y: y, mask: mask) { _, alpha, target in
        Self.mix(target, red, green, blue, alpha)
      }
    }
  }

  /// Calls `body` with the column, coverage and first sample of each covered pixel of row `y`.
  @inline(__always)
  private func forEachCovered(
    y: Int, mask: RedactionMask, _ body: (Int, Float, UnsafeMutablePointer<UInt8>) -> Void
  ) {
    let line = pixels + y * rowStride
    for x in mask.bounds.minX..<mask.bounds.maxX {
      let alpha = mask.alpha(x: x, y: y)
      if alpha > 0 { body(x, alpha, line + x * channels) }
    }
  }

  /// Moves the first three samples at `target` towards the given colour by `alpha`.
  @inline(__always)
  private static func mix(
    _ target: UnsafeMutablePointer<UInt8>, _ red: Float, _ green: Float, _ blue: Float,
    _ alpha: Float
  ) {
    let keep = 1 - alpha
    target[0] = clampedSample(Float(target[0]) * keep + red * alpha)
    target[1] = clampedSample(Float(target[1]) * keep + green * alpha)
    target[2] = clampedSample(Float(target[2]) * keep + blue * alpha)
  }

  @inline(__always)
  private static func clampedSample(_ value: Float) -> UInt8 {
    UInt8(min(max(value.rounded(), 0), 255))
  }
}

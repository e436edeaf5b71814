/// Replacement colours for a rectangle of pixels, three floats (red, green, blue) per pixel, rows
/// top to bottom; a view of memory owned by a `PatchWorkspace`.
struct ColorPatch {
  /// The pixels the patch holds, in image coordinates.
  let bounds: PixelBounds
  /// The samples of pixel (`bounds.minX`, `bounds.minY`).
  let samples: UnsafePointer<Float>

  /// Floats from one row to the next.
  var rowStride: Int { bounds.width * 3 }

  /// The red sample of the pixel at image column `x`, row `y`; green and blue follow it.
  @inline(__always)
  func pixel(x: Int, y: Int) -> UnsafePointer<Float> {
    samples + (y - bounds.minY) * rowStride + (x - bounds.minX) * 3
  }
}

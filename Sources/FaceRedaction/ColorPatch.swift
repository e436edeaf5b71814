import FaceGuardCore

/// Replacement colours for a rectangle of pixels, floats with red, green and blue first in each
/// pixel, rows top to bottom; a view of memory owned by a `PatchWorkspace`.
struct ColorPatch {
  /// The pixels the patch holds, in image coordinates.
  let bounds: PixelRect
  /// Floats per pixel, 3 or more.
  let samplesPerPixel: Int
  /// The samples of pixel (`bounds.x`, `bounds.y`).
  let samples: UnsafePointer<Float>

  /// Floats from one row to the next.
  var rowStride: Int { bounds.width * samplesPerPixel }

  /// The red sample of the pixel at image column `x`, row `y`; green and blue follow it.
  @inline(__always)
  func pixel(x: Int, y: Int) -> UnsafePointer<Float> {
    samples + (y - bounds.y) * rowStride + (x - bounds.x) * samplesPerPixel
  }
}

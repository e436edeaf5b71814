/// Read access to the unredacted samples of a rectangle of an image: the image itself, or a copy
/// of part of it taken before anything was redacted.
struct PixelSource {
  /// The samples of pixel (`originX`, `originY`).
  let base: UnsafePointer<UInt8>
  /// Image column of the first sample.
  let originX: Int
  /// Image row of the first sample.
  let originY: Int
  /// Samples from one row to the next.
  let rowStride: Int
  /// Samples per pixel.
  let channels: Int

  /// The first sample of the pixel at image column `x`, row `y`.
  @inline(__always)
  func pixel(x: Int, y: Int) -> UnsafePointer<UInt8> {
    base + (y - originY) * rowStride + (x - originX) * channels
  }
}

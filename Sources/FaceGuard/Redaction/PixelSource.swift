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

  /// Copies the red, green and blue samples of `area` (image coordinates, inside the source) to
  /// `destination` as floats, three per pixel, rows `destinationStride` floats apart.
  func loadRGB(
    _ area: PixelBounds, into destination: UnsafeMutablePointer<Float>, destinationStride: Int
  ) {
    for y in area.minY..<area.maxY {
      var sample = pixel(x: area.minX, y: y)
      var target = destination + (y - area.minY) * destinationStride
      for _ in 0..<area.width {
        target[0] = Float(sample[0])
        target[1] = Float(sample[1])
        target[2] = Float(sample[2])
        sample += channels
        target += 3
      }
    }
  }
}

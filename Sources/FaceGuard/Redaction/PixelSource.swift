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
      let sample = pixel(x: area.minX, y: y)
      let target = destination + (y - area.minY) * destinationStride
      if channels == 3 {
        for index in 0..<(area.width * 3) { target[index] = Float(sample[index]) }
      } else {
        for index in 0..<area.width {
          target[index * 3] = Float(sample[index * channels])
          target[index * 3 + 1] = Float(sample[index * channels + 1])
          target[index * 3 + 2] = Float(sample[index * channels + 2])
        }
      }
    }
  }
}

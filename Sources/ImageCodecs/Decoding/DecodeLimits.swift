/// Bounds a decoder enforces before allocating pixel memory (protection against
/// "decompression bombs": small files that claim huge dimensions).
public struct DecodeLimits: Sendable, Equatable {
  /// The largest accepted `width * height`.
  public var maxPixels: Int

  /// Creates limits; the default of 100 million pixels admits any camera photo.
  public init(maxPixels: Int = 100_000_000) {
    self.maxPixels = maxPixels
  }

  /// Throws `ImageCodecError.tooLarge` unless a `width` by `height` image fits the limits,
  /// and `.corrupt` for non-positive dimensions.
  func check(width: Int, height: Int, format: ImageFormat) throws(ImageCodecError) {
    guard width > 0, height > 0 else {
      throw .corrupt(format, detail: "the header gives an empty size of \(width)x\(height)")
    }
    let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
    guard !overflow, pixels <= maxPixels else {
      throw .tooLarge(width: width, height: height, limit: maxPixels)
    }
  }
}

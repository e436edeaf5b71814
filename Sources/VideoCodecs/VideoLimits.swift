/// Bounds a video is checked against before its frames are decoded.
public struct VideoLimits: Sendable, Equatable {
  /// The largest accepted frame, `width * height`.
  public var maxPixels: Int
  /// The most frames accepted (10 million: over 90 hours at 30 frames per second).
  public var maxFrames: Int

  /// Creates limits.
  public init(maxPixels: Int = 100_000_000, maxFrames: Int = 10_000_000) {
    self.maxPixels = maxPixels
    self.maxFrames = maxFrames
  }

  /// Throws unless a video with `properties` fits.
  func check(_ properties: VideoProperties) throws(VideoError) {
    let (pixels, overflow) = properties.width.multipliedReportingOverflow(by: properties.height)
    guard properties.width > 0, properties.height > 0 else {
      throw .damaged(detail: "the video stream gives no frame size")
    }
    guard !overflow, pixels <= maxPixels, properties.width <= 16384, properties.height <= 16384
    else {
      throw .tooLarge(width: properties.width, height: properties.height, limit: maxPixels)
    }
    if let count = properties.frameCount, count > maxFrames {
      throw .tooManyFrames(count: count, limit: maxFrames)
    }
  }
}

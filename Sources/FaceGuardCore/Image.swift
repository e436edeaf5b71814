/// An 8-bit-per-sample image in memory, rows top to bottom, samples interleaved.
///
/// Every decoder produces RGB or RGBA (gray and palette images are expanded); 16-bit sources are
/// reduced to 8 bits here and widened again when written in a 16-bit format.
public struct Image: Sendable, Equatable {
  /// The sample arrangement of one pixel.
  public enum Layout: Int, Sendable, Equatable {
    /// Red, green, blue.
    case rgb = 3
    /// Red, green, blue, alpha (straight, not premultiplied).
    case rgba = 4

    /// Samples per pixel.
    public var channels: Int { rawValue }
  }

  /// Width in pixels.
  public var width: Int
  /// Height in pixels.
  public var height: Int
  /// Sample arrangement.
  public var layout: Layout
  /// `width * height * layout.channels` samples.
  public var pixels: [UInt8]

  /// Creates an image from its samples.
  public init(width: Int, height: Int, layout: Layout, pixels: [UInt8]) {
    precondition(
      width > 0 && height > 0 && pixels.count == width * height * layout.channels,
      "image of \(width)x\(height) \(layout) needs \(width * height * layout.channels) samples")
    self.width = width
    self.height = height
    self.layout = layout
    self.pixels = pixels
  }

  /// Creates an image filled with one sample value.
  public init(width: Int, height: Int, layout: Layout, repeating value: UInt8 = 0) {
    self.init(
      width: width, height: height, layout: layout,
      pixels: [UInt8](repeating: value, count: width * height * layout.channels))
  }

  /// Samples per pixel.
  public var channels: Int { layout.channels }
  /// Samples per row.
  public var rowLength: Int { width * layout.channels }
}

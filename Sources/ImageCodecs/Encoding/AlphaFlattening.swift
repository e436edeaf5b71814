import FaceGuardCore

/// Removes the alpha channel of an image for formats that cannot store one.
enum AlphaFlattening {
  /// RGB samples of an RGBA `image` composited over a white background.
  static func compositedOverWhite(_ image: Image) -> [UInt8] {
    let pixelCount = image.width * image.height
    var rgb = [UInt8](repeating: 0, count: pixelCount * 3)
    for pixel in 0..<pixelCount {
      let alpha = Int(image.pixels[pixel * 4 + 3])
      for channel in 0..<3 {
        let value = Int(image.pixels[pixel * 4 + channel])
        rgb[pixel * 3 + channel] = UInt8((value * alpha + 255 * (255 - alpha) + 127) / 255)
      }
    }
    return rgb
  }
}

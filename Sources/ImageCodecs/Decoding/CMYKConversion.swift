/// Converts CMYK samples (as stored in CMYK/YCCK JPEGs) to RGB without color management.
enum CMYKConversion {
  /// RGB samples for interleaved CMYK `samples`. `inverted` is true for files with an Adobe
  /// marker (Photoshop and most CMYK writers store 255 for "no ink").
  static func rgb(fromCMYK samples: [UInt8], inverted: Bool) -> [UInt8] {
    let pixelCount = samples.count / 4
    var rgb = [UInt8](repeating: 0, count: pixelCount * 3)
    for pixel in 0..<pixelCount {
      let k = ink(samples[pixel * 4 + 3], inverted: inverted)
      for channel in 0..<3 {
        let c = ink(samples[pixel * 4 + channel], inverted: inverted)
        rgb[pixel * 3 + channel] = UInt8(((255 - c) * (255 - k) + 127) / 255)
      }
    }
    return rgb
  }

  /// The amount of ink 0...255 a stored sample stands for.
  private static func ink(_ sample: UInt8, inverted: Bool) -> Int {
    inverted ? 255 - Int(sample) : Int(sample)
  }
}

import Testing

@testable import FaceGuardCore

@Suite struct ResizeTests {
  /// A photo-sized image of pseudo-random pixels, so every band of rows differs.
  static func noise(width: Int, height: Int, layout: Image.Layout) -> Image {
    var state: UInt32 = 12345
    let pixels = (0..<width * height * layout.channels).map { _ -> UInt8 in
      state = state &* 1_664_525 &+ 1_013_904_223
      return UInt8(truncatingIfNeeded: state >> 24)
    }
    return Image(width: width, height: height, layout: layout, pixels: pixels)
  }

  /// Bilinear sampling with pixel centres aligned, one output pixel at a time.
  static func bilinear(_ image: Image, width: Int, height: Int) -> Image {
    var output = Image(width: width, height: height, layout: image.layout)
    let channels = image.channels
    func sample(_ x: Int, _ y: Int, _ channel: Int) -> Float {
      Float(image.pixels[(y * image.width + x) * channels + channel])
    }
    for y in 0..<height {
      let sourceY = min(
        max((Double(y) + 0.5) * Double(image.height) / Double(height) - 0.5, 0),
        Double(image.height - 1))
      let top = Int(sourceY)
      let bottom = min(top + 1, image.height - 1)
      let weightY = Float(sourceY - Double(top))
      for x in 0..<width {
        let sourceX = min(
          max((Double(x) + 0.5) * Double(image.width) / Double(width) - 0.5, 0),
          Double(image.width - 1))
        let left = Int(sourceX)
        let right = min(left + 1, image.width - 1)
        let weightX = Float(sourceX - Double(left))
        for channel in 0..<channels {
          let upper =
            sample(left, top, channel) + (sample(right, top, channel) - sample(left, top, channel))
            * weightX
          let lower =
            sample(left, bottom, channel)
            + (sample(right, bottom, channel) - sample(left, bottom, channel))
            * weightX
          output.pixels[(y * width + x) * channels + channel] = UInt8(
            upper + (lower - upper) * weightY + 0.5)
        }
      }
    }
    return output
  }

  @Test(arguments: [(641, 433), (1500, 1100)])
  func bandsOnEveryCoreGiveThePixelsOfOneByOneSampling(width: Int, height: Int) {
    let image = Self.noise(width: 1000, height: 700, layout: .rgb)
    let resized = image.resized(width: width, height: height)
    #expect(resized.width == width && resized.height == height)
    #expect(resized.pixels == Self.bilinear(image, width: width, height: height).pixels)
  }

  @Test func halvingAveragesBlocksOfFour() {
    let image = Self.noise(width: 801, height: 603, layout: .rgba)
    let halved = image.halved()
    #expect(halved.width == 400 && halved.height == 301)
    for (x, y, channel) in [(0, 0, 0), (399, 300, 3), (123, 217, 1), (250, 150, 2)] {
      let sum = [(0, 0), (1, 0), (0, 1), (1, 1)].reduce(0) { total, offset in
        total + Int(image.pixels[((2 * y + offset.1) * 801 + 2 * x + offset.0) * 4 + channel])
      }
      #expect(Int(halved.pixels[(y * 400 + x) * 4 + channel]) == (sum + 2) / 4)
    }
  }

  @Test func shrinkingByMoreThanHalfAveragesFirst() {
    let image = Self.noise(width: 1000, height: 700, layout: .rgb)
    #expect(
      image.resized(width: 300, height: 200).pixels
        == Self.bilinear(image.halved(), width: 300, height: 200).pixels)
  }
}

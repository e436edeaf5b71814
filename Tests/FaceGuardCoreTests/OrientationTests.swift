import FaceGuardCore
import TestSupport
import Testing

@Suite struct OrientationTests {
  /// A 3x2 image whose pixels a...f are
  /// ```
  /// a b c
  /// d e f
  /// ```
  /// with pixel `n` (a = 0) holding samples 10n+1, 10n+2, 10n+3 and, for RGBA, alpha 200+n.
  private func lettered(_ layout: Image.Layout) -> Image {
    let pixels = (0..<6).flatMap { n -> [UInt8] in
      let rgb = [UInt8(10 * n + 1), UInt8(10 * n + 2), UInt8(10 * n + 3)]
      return layout == .rgba ? rgb + [UInt8(200 + n)] : rgb
    }
    return Image(width: 3, height: 2, layout: layout, pixels: pixels)
  }

  /// The pixel letters of an image made of `lettered` pixels, row by row.
  private func letters(_ image: Image) -> [String] {
    let names = Array("abcdef")
    return (0..<image.height).map { y in
      String(
        (0..<image.width).map { x in
          names[(Int(image.pixels[(y * image.width + x) * image.channels]) - 1) / 10]
        })
    }
  }

  @Test(arguments: [Image.Layout.rgb, .rgba])
  func eachOrientationProducesTheUprightPixels(layout: Image.Layout) {
    let expected: [Orientation: [String]] = [
      .up: ["abc", "def"],
      .upMirrored: ["cba", "fed"],
      .down: ["fed", "cba"],
      .downMirrored: ["def", "abc"],
      .leftMirrored: ["ad", "be", "cf"],
      .right: ["da", "eb", "fc"],
      .rightMirrored: ["fc", "eb", "da"],
      .left: ["cf", "be", "ad"],
    ]
    let stored = lettered(layout)
    for orientation in Orientation.allCases {
      let upright = orientation.apply(to: stored)
      #expect(letters(upright) == expected[orientation], "\(orientation)")
      #expect(upright.layout == layout)
      #expect(upright.width == (orientation.swapsDimensions ? 2 : 3))
      #expect(upright.height == (orientation.swapsDimensions ? 3 : 2))
      #expect(upright.pixels.count == stored.pixels.count)
      #expect(
        Set(chunks(upright)) == Set(chunks(stored)), "pixels must move whole: \(orientation)")
    }
  }

  private func chunks(_ image: Image) -> [[UInt8]] {
    stride(from: 0, to: image.pixels.count, by: image.channels).map {
      Array(image.pixels[$0..<$0 + image.channels])
    }
  }

  private func noise(_ layout: Image.Layout, width: Int, height: Int) -> Image {
    TestImages.noise(
      width: width, height: height, layout: layout, seed: UInt64(width * 31 + height))
  }

  @Test(arguments: [Image.Layout.rgb, .rgba])
  func inverseUndoesEachOrientationAcrossTiles(layout: Image.Layout) {
    let image = noise(layout, width: 131, height: 70)
    for orientation in Orientation.allCases {
      let restored = orientation.inverse.apply(to: orientation.apply(to: image))
      let identical = restored == image
      #expect(identical, "\(orientation) then \(orientation.inverse) changed the image")
    }
  }

  @Test(arguments: [Image.Layout.rgb, .rgba])
  func orientationsComposeLikeTheirGeometry(layout: Image.Layout) {
    let image = noise(layout, width: 129, height: 67)
    func turn(_ image: Image, _ steps: Orientation...) -> Image {
      steps.reduce(image) { $1.apply(to: $0) }
    }
    let equalities: [(String, Image, Image)] = [
      ("right twice is down", turn(image, .right, .right), turn(image, .down)),
      ("right thrice is left", turn(image, .right, .right, .right), turn(image, .left)),
      ("mirror then down", turn(image, .upMirrored, .down), turn(image, .downMirrored)),
      ("right then mirror", turn(image, .right, .upMirrored), turn(image, .leftMirrored)),
      ("left then mirror", turn(image, .left, .upMirrored), turn(image, .rightMirrored)),
      ("up", turn(image, .up), image),
    ]
    for (name, composed, direct) in equalities {
      let identical = composed == direct
      #expect(identical, "\(name)")
    }
  }

  @Test func inverseSwapsOnlyTheQuarterTurns() {
    #expect(Orientation.right.inverse == .left)
    #expect(Orientation.left.inverse == .right)
    for orientation in Orientation.allCases where orientation != .right && orientation != .left {
      #expect(orientation.inverse == orientation)
    }
  }

  @Test func singlePixelAndSingleRowImagesSurvive() {
    let dot = Image(width: 1, height: 1, layout: .rgba, pixels: [1, 2, 3, 4])
    let row = Image(width: 4, height: 1, layout: .rgb, pixels: Array(1...12))
    for orientation in Orientation.allCases {
      #expect(orientation.apply(to: dot) == dot)
      let turned = orientation.apply(to: row)
      #expect(orientation.inverse.apply(to: turned) == row)
    }
  }
}

@Suite struct OrientationGeometryTests {
  /// A 5x3 image whose pixel (x, y) holds the sample x + 10 y + 1.
  static let stored: Image = {
    let pixels = (0..<15).flatMap { index -> [UInt8] in
      let value = UInt8(index % 5 + 10 * (index / 5) + 1)
      return [value, value, value]
    }
    return Image(width: 5, height: 3, layout: .rgb, pixels: pixels)
  }()

  @Test(arguments: Orientation.allCases)
  func uprightPixelCentresMapBackToTheStoredPixelsTheyShow(orientation: Orientation) {
    let upright = orientation.apply(to: Self.stored)
    for y in 0..<upright.height {
      for x in 0..<upright.width {
        let point = orientation.storedPoint(
          ofUpright: Point(x: Double(x) + 0.5, y: Double(y) + 0.5), storedWidth: 5, storedHeight: 3)
        let storedX = Int(point.x)
        let storedY = Int(point.y)
        #expect(
          upright.pixels[(y * upright.width + x) * 3]
            == Self.stored.pixels[(storedY * 5 + storedX) * 3], "\(orientation) at \(x), \(y)")
      }
    }
  }

  @Test(arguments: Orientation.allCases)
  func rectanglesMapToTheSameAreaInsideTheStoredImage(orientation: Orientation) {
    let rect = Rect(x: 0.5, y: 1, width: 1.5, height: 2)
    let stored = orientation.storedRect(ofUpright: rect, storedWidth: 5, storedHeight: 3)
    #expect(stored.area == rect.area)
    #expect(stored.x >= 0 && stored.y >= 0 && stored.maxX <= 5 && stored.maxY <= 3)
  }

  @Test func turnsAndFlipsNameTheOrientations() {
    #expect(Orientation(clockwiseTurn: 90, mirrored: false) == .right)
    #expect(Orientation(clockwiseTurn: -90, mirrored: false) == .left)
    #expect(Orientation(clockwiseTurn: 180, mirrored: true) == .downMirrored)
    #expect(Orientation(clockwiseTurn: 45, mirrored: false) == nil)
    let image = TestImages.noise(width: 7, height: 4)
    for degrees in [0, 90, 180, 270] {
      let turned = Orientation(clockwiseTurn: degrees, mirrored: false)!
      let mirrored = Orientation(clockwiseTurn: degrees, mirrored: true)!
      #expect(mirrored.apply(to: image) == turned.apply(to: image).mirrored(), "\(degrees)")
    }
  }
}

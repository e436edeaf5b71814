import FaceGuardCore
import FaceRedaction
import TestSupport
import Testing

private typealias Support = RedactionTestSupport

@Suite("Redaction")
struct RedactionTests {
  static let face = Rect(x: 60, y: 50, width: 80, height: 100)
  static let shapes: [MaskShape] = [.ellipse, .box]

  private func redacted(_ image: Image, _ faces: [Rect], _ options: RedactionOptions) -> Image {
    Redactor(options: options).redacted(image, regions: faces)
  }

  @Test("blur hides a face on noise and leaves the rest untouched", arguments: shapes)
  func blurHidesFace(shape: MaskShape) {
    let image = TestImages.noise(width: 200, height: 200)
    let output = redacted(image, [Self.face], RedactionOptions(shape: shape))
    let (columns, rows) = Support.pixels(touching: Self.face, in: image)
    #expect(Support.meanAbsoluteDifference(image, output, columns: columns, rows: rows) > 40)
    let before = Support.variance(of: image, columns: columns, rows: rows)
    let after = Support.variance(of: output, columns: columns, rows: rows)
    #expect(after < before * 0.1)
    #expect(
      Support.changedOutsideMasks(image, output, faces: [Self.face], scale: 1.3, shape: shape) == 0)
  }

  @Test("blur leaves no trace of the eyes and mouth of a drawn face")
  func blurErasesFeatures() {
    let face = Rect(x: 50, y: 40, width: 100, height: 120)
    let image = Support.drawnFace(in: face, width: 200, height: 200)
    let output = redacted(image, [face], RedactionOptions())
    let eye = (x: Int(face.midX) - 20, y: Int(face.midY) - 15)
    let mouth = (x: Int(face.midX), y: Int(face.midY) + 25)
    let cheek = (x: Int(face.midX), y: Int(face.midY))
    let green = { (image: Image, point: (x: Int, y: Int)) in
      Double(Array(Support.pixel(image, x: point.x, y: point.y))[1])
    }
    #expect(green(image, cheek) - green(image, eye) > 150)
    #expect(green(image, cheek) - green(image, mouth) > 150)
    #expect(abs(green(output, cheek) - green(output, eye)) < 25)
    #expect(abs(green(output, cheek) - green(output, mouth)) < 25)
  }

  @Test("pixelate fills each block with one colour", arguments: shapes)
  func pixelateMakesBlocks(shape: MaskShape) {
    let image = TestImages.noise(width: 200, height: 200)
    let output = redacted(image, [Self.face], RedactionOptions(style: .pixelate, shape: shape))
    let blockSize = Int((Self.face.width / 8).rounded())
    let scaled = Self.face.scaled(by: 1.3)
    let anchorX = Int(scaled.x.rounded(.down))
    let anchorY = Int(scaled.y.rounded(.down))
    let (columns, rows) = Support.pixels(touching: Self.face, in: image)
    var blockColours = Set<[UInt8]>()
    var blocksChecked = 0
    for top in stride(from: anchorY, to: rows.upperBound, by: blockSize)
    where top >= rows.lowerBound
      && top + blockSize <= rows.upperBound
    {
      for left in stride(from: anchorX, to: columns.upperBound, by: blockSize)
      where left >= columns.lowerBound && left + blockSize <= columns.upperBound {
        let first = Support.pixel(output, x: left, y: top)
        let differing = (top..<(top + blockSize)).flatMap { y in
          (left..<(left + blockSize)).filter { Support.pixel(output, x: $0, y: y) != first }
        }
        #expect(differing.isEmpty, "block at \(left), \(top)")
        blockColours.insert(Array(first))
        blocksChecked += 1
      }
    }
    #expect(blocksChecked >= 20)
    #expect(blockColours.count > blocksChecked / 2)
    #expect(Support.meanAbsoluteDifference(image, output, columns: columns, rows: rows) > 40)
    #expect(
      Support.changedOutsideMasks(image, output, faces: [Self.face], scale: 1.3, shape: shape) == 0)
  }

  @Test("fewer mosaic blocks give bigger blocks")
  func strengthEnlargesBlocks() {
    let image = TestImages.noise(width: 200, height: 200)
    let fine = redacted(image, [Self.face], RedactionOptions(style: .pixelate, pixelateBlocks: 16))
    let coarse = redacted(image, [Self.face], RedactionOptions(style: .pixelate, strength: 2))
    let (columns, rows) = Support.pixels(touching: Self.face, in: image)
    let fineRuns = Self.colourChanges(in: fine, columns: columns, row: rows.lowerBound + 40)
    let coarseRuns = Self.colourChanges(in: coarse, columns: columns, row: rows.lowerBound + 40)
    #expect(fineRuns > coarseRuns * 2)
  }

  /// How often the colour changes from one pixel to the next along a row.
  private static func colourChanges(in image: Image, columns: Range<Int>, row: Int) -> Int {
    columns.dropLast().filter {
      Support.pixel(image, x: $0, y: row) != Support.pixel(image, x: $0 + 1, y: row)
    }.count
  }

  @Test("solid fills the face box with exactly the colour", arguments: shapes)
  func solidFillsExactColour(shape: MaskShape) {
    let image = TestImages.noise(width: 200, height: 200)
    let colour = RedactionStyle.Color(red: 10, green: 200, blue: 30)
    let output = redacted(image, [Self.face], RedactionOptions(style: .solid(colour), shape: shape))
    let (columns, rows) = Support.pixels(touching: Self.face, in: image)
    let wrong = rows.flatMap { y in
      columns.filter { Support.pixel(output, x: $0, y: y) != [10, 200, 30] }
    }
    #expect(wrong.isEmpty)
    #expect(
      Support.changedOutsideMasks(image, output, faces: [Self.face], scale: 1.3, shape: shape) == 0)
  }

  @Test("the ellipse leaves the corners of its box alone, the box covers them")
  func ellipseSparesCorners() {
    let image = TestImages.noise(width: 200, height: 200)
    let scaled = Self.face.scaled(by: 1.3)
    let corner = (x: Int(scaled.x.rounded(.up)) + 1, y: Int(scaled.y.rounded(.up)) + 1)
    let ellipse = redacted(image, [Self.face], RedactionOptions(style: .solid(), shape: .ellipse))
    let box = redacted(image, [Self.face], RedactionOptions(style: .solid(), shape: .box))
    #expect(
      !Support.isOutsideMask(x: corner.x, y: corner.y, face: Self.face, scale: 1.3, shape: .box))
    #expect(
      Support.isOutsideMask(x: corner.x, y: corner.y, face: Self.face, scale: 1.3, shape: .ellipse))
    #expect(
      Support.pixel(ellipse, x: corner.x, y: corner.y)
        == Support.pixel(image, x: corner.x, y: corner.y))
    #expect(
      Support.pixel(box, x: corner.x, y: corner.y) != Support.pixel(image, x: corner.x, y: corner.y)
    )
  }

  @Test(
    "feathering blends only the outer band; the face box stays fully covered", arguments: shapes)
  func featherBlendsOuterBand(shape: MaskShape) {
    let image = Image(width: 200, height: 200, layout: .rgb, repeating: 100)
    let soft = redacted(
      image, [Self.face], RedactionOptions(style: .solid(.white), shape: shape, feather: 0.2))
    let hard = redacted(
      image, [Self.face], RedactionOptions(style: .solid(.white), shape: shape, feather: 0))
    let (columns, rows) = Support.pixels(touching: Self.face, in: image)
    var faceFullyCovered = true
    for y in rows {
      for x in columns where Support.pixel(soft, x: x, y: y) != [255, 255, 255] {
        faceFullyCovered = false
      }
    }
    #expect(faceFullyCovered)
    let softValues = Set(soft.pixels)
    let hardValues = Set(hard.pixels)
    #expect(hardValues == [100, 255])
    #expect(softValues.contains { $0 > 100 && $0 < 255 })
    #expect(soft.pixels.filter { $0 == 255 }.count < hard.pixels.filter { $0 == 255 }.count)
    #expect(
      Support.changedOutsideMasks(image, soft, faces: [Self.face], scale: 1.3, shape: shape) == 0)
  }

  @Test("the alpha samples of an RGBA image are kept")
  func alphaIsKept() {
    let image = TestImages.noise(width: 160, height: 160, layout: .rgba)
    let styles: [RedactionStyle] = [.blur, .pixelate, .solid(.white)]
    for style in styles {
      let output = redacted(image, [Self.face], RedactionOptions(style: style, drawBoxes: true))
      let alphaChanged = stride(from: 3, to: image.pixels.count, by: 4).filter {
        image.pixels[$0] != output.pixels[$0]
      }
      #expect(alphaChanged.isEmpty)
      let (columns, rows) = Support.pixels(touching: Self.face, in: image)
      #expect(Support.meanAbsoluteDifference(image, output, columns: columns, rows: rows) > 40)
    }
  }

  @Test("boxes at or beyond the border are clipped; empty or invalid boxes are ignored")
  func borderAndInvalidBoxes() {
    let image = TestImages.noise(width: 120, height: 90)
    let partial = Rect(x: -30, y: 50, width: 70, height: 80)
    let styles: [RedactionStyle] = [.blur, .pixelate, .solid()]
    for style in styles {
      for shape in Self.shapes {
        let options = RedactionOptions(style: style, shape: shape, drawBoxes: true)
        let ignored = [
          Rect(x: 500, y: 500, width: 50, height: 50),
          Rect(x: -200, y: -200, width: 50, height: 50),
          Rect(x: 10, y: 10, width: 0, height: 40), Rect(x: 10, y: 10, width: -5, height: 40),
          Rect(x: .nan, y: 10, width: 20, height: 20),
          Rect(x: 10, y: 10, width: .infinity, height: 5),
        ]
        #expect(redacted(image, ignored, options) == image)
        let clipped = redacted(image, [partial], options)
        let (columns, rows) = Support.pixels(touching: partial, in: image)
        #expect(columns == 0..<40 && rows == 50..<90)
        #expect(Support.meanAbsoluteDifference(image, clipped, columns: columns, rows: rows) > 40)
        let huge = redacted(image, [Rect(x: -1e12, y: -1e12, width: 3e12, height: 3e12)], options)
        let all = Support.meanAbsoluteDifference(image, huge, columns: 0..<120, rows: 0..<90)
        #expect(all > 40)
      }
    }
  }

  @Test("nonsense settings still hide the whole face box")
  func nonsenseSettingsStillHide() {
    let image = TestImages.noise(width: 200, height: 200)
    let (columns, rows) = Support.pixels(touching: Self.face, in: image)
    let settings = [
      RedactionOptions(maskScale: -1, strength: 0, pixelateBlocks: 0, feather: .nan),
      RedactionOptions(maskScale: .nan, strength: .nan, pixelateBlocks: -5, feather: 5),
      RedactionOptions(maskScale: 0.5, strength: -3, pixelateBlocks: 10_000, feather: -1),
      RedactionOptions(maskScale: .infinity, strength: .infinity, feather: .infinity),
    ]
    for var options in settings {
      for style in [RedactionStyle.blur, .pixelate] {
        options.style = style
        let output = redacted(image, [Self.face], options)
        #expect(Support.meanAbsoluteDifference(image, output, columns: columns, rows: rows) > 30)
      }
    }
  }

  @Test("an image whose samples do not match its size is left alone")
  func inconsistentImageIsLeftAlone() {
    var image = TestImages.noise(width: 50, height: 40)
    image.pixels.removeLast(7)
    let output = redacted(image, [Rect(x: 5, y: 5, width: 30, height: 30)], RedactionOptions())
    #expect(output == image)
  }

  @Test("overlapping faces are each computed from the original pixels")
  func overlappingFacesUseOriginalPixels() {
    let image = TestImages.noise(width: 220, height: 200)
    let first = Rect(x: 40, y: 40, width: 90, height: 100)
    let second = Rect(x: 100, y: 60, width: 80, height: 90)
    let options = RedactionOptions(shape: .box)
    let both = redacted(image, [first, second], options)
    let secondAlone = redacted(image, [second], options)
    let (columns, rows) = Support.pixels(touching: second, in: image)
    #expect(
      Support.meanAbsoluteDifference(both, secondAlone, columns: columns, rows: rows) == 0)
    for face in [first, second] {
      let (faceColumns, faceRows) = Support.pixels(touching: face, in: image)
      #expect(
        Support.variance(of: both, columns: faceColumns, rows: faceRows)
          < Support.variance(of: image, columns: faceColumns, rows: faceRows) * 0.1)
    }
    #expect(
      Support.changedOutsideMasks(image, both, faces: [first, second], scale: 1.3, shape: .box)
        == 0)
  }

  @Test("no regions leave the image identical")
  func noRegions() {
    let image = TestImages.noise(width: 64, height: 48, layout: .rgba)
    #expect(redacted(image, [], RedactionOptions(drawBoxes: true)) == image)
    var inPlace = image
    Redactor().redact(&inPlace, regions: [])
    #expect(inPlace == image)
  }

  @Test("the blur grows with the face size and the strength")
  func blurScalesWithFaceSize() {
    let image = TestImages.noise(width: 400, height: 400)
    let small = Rect(x: 40, y: 40, width: 40, height: 40)
    let large = Rect(x: 160, y: 160, width: 160, height: 160)
    let output = redacted(image, [small, large], RedactionOptions())
    let inner = { (face: Rect) in
      (Int(face.midX) - 15..<Int(face.midX) + 15, Int(face.midY) - 15..<Int(face.midY) + 15)
    }
    let (smallColumns, smallRows) = inner(small)
    let (largeColumns, largeRows) = inner(large)
    let smallResidual = Support.variance(of: output, columns: smallColumns, rows: smallRows)
    let largeResidual = Support.variance(of: output, columns: largeColumns, rows: largeRows)
    #expect(largeResidual * 4 < smallResidual)
    let stronger = redacted(image, [small], RedactionOptions(strength: 2))
    #expect(
      Support.variance(of: stronger, columns: smallColumns, rows: smallRows) * 2 < smallResidual)
    #expect(
      Support.neighbourEnergy(of: output, columns: smallColumns, rows: smallRows)
        < Support.neighbourEnergy(of: image, columns: smallColumns, rows: smallRows) * 0.05)
  }

  @Test("outlines lie outside the masks and cover none of the redaction", arguments: shapes)
  func outlinesStayOutside(shape: MaskShape) {
    let image = TestImages.noise(width: 200, height: 200)
    let plain = redacted(image, [Self.face], RedactionOptions(shape: shape))
    let boxed = redacted(image, [Self.face], RedactionOptions(shape: shape, drawBoxes: true))
    var insideChanged = 0
    var outlinePixels = 0
    var farChanged = 0
    for y in 0..<200 {
      for x in 0..<200 where Support.pixel(plain, x: x, y: y) != Support.pixel(boxed, x: x, y: y) {
        if !Support.isOutsideMask(
          x: x, y: y, face: Self.face, scale: 1.3, shape: shape, margin: -0.01)
        {
          insideChanged += 1
        } else if Support.isOutsideMask(
          x: x, y: y, face: Self.face, scale: 1.3, shape: shape, margin: 4)
        {
          farChanged += 1
        } else {
          outlinePixels += 1
          let colour = Array(Support.pixel(boxed, x: x, y: y))
          #expect(colour == [0, 0, 0] || colour == [255, 255, 255])
        }
      }
    }
    #expect(insideChanged == 0)
    #expect(farChanged == 0)
    #expect(outlinePixels > 300)
  }

  @Test("hundreds of faces are all hidden")
  func manyFaces() {
    let image = TestImages.noise(width: 600, height: 400)
    var faces = [Rect]()
    for row in 0..<15 {
      for column in 0..<20 {
        faces.append(
          Rect(x: Double(column * 30 + 5), y: Double(row * 26 + 5), width: 20, height: 18))
      }
    }
    for style in [RedactionStyle.blur, .pixelate] {
      let output = redacted(image, faces, RedactionOptions(style: style))
      let hidden = faces.filter {
        let (columns, rows) = Support.pixels(touching: $0, in: image)
        return Support.variance(of: output, columns: columns, rows: rows)
          < Support.variance(of: image, columns: columns, rows: rows) * 0.2
      }
      #expect(hidden.count == faces.count)
    }
  }
}

import FaceGuardCore
import Testing
import Watermarking

@Suite("Watermarks: placed in their corner at a size fit for the image, drawn from the font")
struct WatermarkTests {
  /// The background every test draws on, and what the box makes of it.
  static let gray: UInt8 = 200
  static let darkened: UInt8 = 80

  /// The RGB(A) samples of pixel `x`, `y`.
  private func samples(_ image: Image, _ x: Int, _ y: Int) -> [UInt8] {
    let start = (y * image.width + x) * image.channels
    return Array(image.pixels[start..<(start + image.channels)])
  }

  @Test(
    "the box grows with the shorter side, sits two dots from the corner's edges",
    arguments: [
      (640, 480, 2), (1920, 1080, 4), (1080, 1920, 4), (4000, 3000, 10), (300, 300, 2),
      (120, 90, 1),
    ])
  func sizeAndPlace(width: Int, height: Int, scale: Int) throws {
    let mark = try Watermark(text: "anonymized")
    let layout = mark.layout(width: width, height: height)
    #expect(layout.scale == scale)
    let boxWidth = (10 * 6 - 1 + 4) * scale
    let boxHeight = (9 + 4) * scale
    #expect(
      layout.box
        == PixelRect(
          x: width - 2 * scale - boxWidth, y: height - 2 * scale - boxHeight, width: boxWidth,
          height: boxHeight))
    #expect(layout.textX == layout.box.x + 2 * scale && layout.textY == layout.box.y + 2 * scale)
  }

  @Test("each corner puts the box against its own two edges", arguments: WatermarkCorner.allCases)
  func corners(corner: WatermarkCorner) throws {
    let box = try Watermark(text: "FaceGuard", corner: corner).layout(width: 800, height: 600).box
    let gap = 2 * 2
    #expect(box.width == (9 * 6 - 1 + 4) * 2 && box.height == 13 * 2)
    switch corner {
    case .bottomRight: #expect(box.maxX == 800 - gap && box.maxY == 600 - gap)
    case .bottomLeft: #expect(box.x == gap && box.maxY == 600 - gap)
    case .topRight: #expect(box.maxX == 800 - gap && box.y == gap)
    case .topLeft: #expect(box.x == gap && box.y == gap)
    }
  }

  @Test(
    "only the box changes, and every dot of every glyph is the font's",
    arguments: [(640, 480), (1920, 1080), (333, 1000)])
  func glyphsMatchTheFont(width: Int, height: Int) throws {
    let text = "Hi! gy,_{~}\\"
    let mark = try Watermark(text: text)
    let original = Image(width: width, height: height, layout: .rgb, repeating: Self.gray)
    var image = original
    mark.draw(on: &image)
    let layout = mark.layout(width: width, height: height)
    let box = layout.box
    #expect(mark.changedArea(width: width, height: height) == box)
    for y in 0..<height {
      for x in 0..<width where !(x >= box.x && x < box.maxX && y >= box.y && y < box.maxY) {
        if samples(image, x, y) != [Self.gray, Self.gray, Self.gray] {
          Issue.record("pixel \(x),\(y) outside the box changed")
          return
        }
      }
    }
    let scale = layout.scale
    for y in box.y..<box.maxY {
      for x in box.x..<box.maxX {
        let column = (x - layout.textX) / scale
        let row = (y - layout.textY) / scale
        var drawn = false
        if x >= layout.textX, y >= layout.textY, row < BitmapFont.glyphHeight,
          column < BitmapFont.width(of: text), column % BitmapFont.advance < BitmapFont.glyphWidth
        {
          let character = text[text.index(text.startIndex, offsetBy: column / BitmapFont.advance)]
          let glyph = try #require(BitmapFont.glyph(for: character))
          drawn = glyph.rows[row][column % BitmapFont.advance]
        }
        let expected: UInt8 = drawn ? 255 : Self.darkened
        if samples(image, x, y) != [expected, expected, expected] {
          Issue.record("pixel \(x),\(y) is \(samples(image, x, y)), expected \(expected)")
          return
        }
      }
    }
  }

  @Test("a capital E is drawn dot for dot at the layout's scale")
  func knownGlyph() throws {
    let mark = try Watermark(text: "E", corner: .topLeft)
    var image = Image(width: 600, height: 600, layout: .rgb, repeating: Self.gray)
    mark.draw(on: &image)
    let layout = mark.layout(width: 600, height: 600)
    #expect(layout.scale == 2)
    let expected = [
      "#####", "#....", "#....", "####.", "#....", "#....", "#####", ".....", ".....",
    ]
    for (row, line) in expected.enumerated() {
      let drawn = (0..<5).map { column in
        samples(image, layout.textX + column * 2 + 1, layout.textY + row * 2 + 1)[0] == 255
          ? "#" : "."
      }.joined()
      #expect(drawn == line, "row \(row)")
    }
  }

  @Test("an image too small for the box shows the end of the text and nothing outside")
  func tinyImage() throws {
    let mark = try Watermark(text: "anonymized")
    var image = Image(width: 30, height: 20, layout: .rgb, repeating: Self.gray)
    mark.draw(on: &image)
    let layout = mark.layout(width: 30, height: 20)
    #expect(layout.scale == 1)
    #expect(layout.box.x < 0 && layout.visibleBox == PixelRect(x: 0, y: 5, width: 28, height: 13))
    #expect(mark.changedArea(width: 30, height: 20) == layout.visibleBox)
    // The last glyph, d: its right column is drawn on rows 0 to 6.
    let right = layout.textX + BitmapFont.width(of: "anonymized") - 1
    #expect(samples(image, right, layout.textY)[0] == 255)
    #expect(samples(image, 29, 19) == [Self.gray, Self.gray, Self.gray])
  }

  @Test(
    "on a frame stored turned, the mark is upright in its corner as the frame is shown",
    arguments: Orientation.allCases)
  func storedOrientation(orientation: Orientation) throws {
    let mark = try Watermark(text: "Rotated 9")
    var stored = Image(width: 500, height: 300, layout: .rgb)
    for index in stored.pixels.indices { stored.pixels[index] = UInt8(truncatingIfNeeded: index) }
    var drawnStored = stored
    mark.draw(on: &drawnStored, shownAs: orientation)
    var drawnUpright = orientation.apply(to: stored)
    mark.draw(on: &drawnUpright)
    #expect(orientation.apply(to: drawnStored) == drawnUpright)
    let area = mark.changedArea(width: 500, height: 300, shownAs: orientation)
    #expect(!area.isEmpty)
    for y in 0..<300 {
      for x in 0..<500 where !area.contains(Point(x: Double(x) + 0.5, y: Double(y) + 0.5)) {
        if samples(stored, x, y) != samples(drawnStored, x, y) {
          Issue.record("\(orientation): stored pixel \(x),\(y) outside the changed area changed")
          return
        }
      }
    }
  }

  @Test("on RGBA the box and glyphs are composited over the pixels, transparent ones too")
  func alpha() throws {
    let mark = try Watermark(text: "i", corner: .topLeft)
    var image = Image(width: 400, height: 400, layout: .rgba, repeating: 0)
    for pixel in stride(from: 0, to: image.pixels.count, by: 4) where pixel / 4 % 2 == 0 {
      image.pixels.replaceSubrange(pixel..<(pixel + 4), with: [200, 100, 50, 255])
    }
    mark.draw(on: &image)
    let layout = mark.layout(width: 400, height: 400)
    let boxOnly = (x: layout.box.x, y: layout.box.y)
    let even = boxOnly.x % 2 == 0 ? boxOnly.x : boxOnly.x + 1
    #expect(samples(image, even, boxOnly.y) == [80, 40, 20, 255])
    #expect(samples(image, even + 1, boxOnly.y) == [0, 0, 0, 153])
    // The dot of the i: column 2, row 0.
    #expect(samples(image, layout.textX + 2 * 2, layout.textY) == [255, 255, 255, 255])
    #expect(samples(image, 399, 399) == [0, 0, 0, 0])
  }

  @Test(
    "texts the font cannot draw, empty ones and long ones are refused with a reason",
    arguments: [
      ("", WatermarkError.empty, "the watermark must not be empty"),
      ("   ", .empty, "the watermark must not be empty"),
      (
        String(repeating: "x", count: 65), .tooLong(count: 65, maximum: 64),
        "the watermark must be at most 64 characters long, not 65"
      ),
      (
        "café", .unsupportedCharacter("é"),
        "the watermark must be printable ASCII (letters, digits, punctuation and spaces); "
          + "\"é\" (U+00E9) is not"
      ),
      (
        "two\nlines", .unsupportedCharacter("\n"),
        "the watermark must be printable ASCII (letters, digits, punctuation and spaces); "
          + "(U+000A) is not"
      ),
    ])
  func refusals(text: String, error: WatermarkError, message: String) {
    #expect(throws: error) { try Watermark(text: text) }
    #expect(error.description == message)
  }

  @Test("64 characters of every printable ASCII kind are accepted")
  func longestAccepted() throws {
    let text = String(repeating: "Az09 ~!", count: 10).prefix(64)
    #expect(try Watermark(text: String(text)).text.count == 64)
  }
}

@Suite("The watermark font covers printable ASCII with distinct glyphs")
struct BitmapFontTests {
  @Test("every printable ASCII character has a glyph of 9 rows of 5 dots, others none")
  func coverage() throws {
    for value in UInt8(0x20)...0x7E {
      let glyph = try #require(BitmapFont.glyph(for: Character(Unicode.Scalar(value))))
      #expect(glyph.rows.count == 9 && glyph.rows.allSatisfy { $0.count == 5 })
      #expect(glyph.rows.joined().contains(true) == (value != 0x20), "\(value)")
    }
    for other in ["é", "\t", "\u{7F}", "€", "🙂"] as [Character] {
      #expect(BitmapFont.glyph(for: other) == nil)
    }
  }

  @Test("no two characters share a glyph, and only the descenders reach below the baseline")
  func distinctAndOnTheBaseline() throws {
    var seen: [[[Bool]]: Character] = [:]
    for value in UInt8(0x21)...0x7E {
      let character = Character(Unicode.Scalar(value))
      let glyph = try #require(BitmapFont.glyph(for: character))
      if let earlier = seen[glyph.rows] {
        Issue.record("\(character) looks like \(earlier)")
      }
      seen[glyph.rows] = character
      let descends = glyph.rows[7...].joined().contains(true)
      #expect(descends == ",;_gjpqy".contains(character), "\(character)")
    }
  }
}

import FaceGuardCore

/// A short line of text stamped in a corner of an anonymized image (`--watermark anonymized`):
/// white glyphs of ``BitmapFont`` on a semi-opaque black box, legible on any background.
///
/// The glyphs are scaled by a whole number of pixels per dot (nearest neighbour, so edges stay
/// sharp): the glyph height of 9 dots is about ``heightFraction`` of the image's shorter side,
/// at least ``minimumScale`` pixels per dot, less when the box would not fit the image otherwise
/// (down to 1 pixel per dot; an image narrower than that box shows the end of the text).
public struct Watermark: Sendable, Equatable {
  /// The most characters a watermark may have.
  public static let maximumLength = 64
  /// The glyph height (descenders included) as a fraction of the image's shorter side.
  public static let heightFraction = 0.03
  /// The fewest pixels per dot unless the image is too small for them.
  public static let minimumScale = 2
  /// Dots between the text and the edge of its box, on every side.
  public static let padding = 2
  /// Dots between the box and the image's edges.
  public static let margin = 2
  /// How much of the image under the box shows through it.
  public static let boxTransparency: Float = 0.4

  /// The text, printable ASCII.
  public let text: String
  /// Where the mark goes.
  public let corner: WatermarkCorner

  /// A watermark of `text` in `corner`.
  ///
  /// - Throws: ``WatermarkError`` when the text is empty, only spaces, longer than
  ///   ``maximumLength`` characters or holds a character the font does not have (anything but
  ///   printable ASCII).
  public init(text: String, corner: WatermarkCorner = .bottomRight) throws(WatermarkError) {
    guard !text.allSatisfy({ $0 == " " }) else { throw .empty }
    if let character = text.first(where: { !BitmapFont.covers($0) }) {
      throw .unsupportedCharacter(character)
    }
    guard text.count <= Self.maximumLength else {
      throw .tooLong(count: text.count, maximum: Self.maximumLength)
    }
    self.text = text
    self.corner = corner
  }

  /// Where the mark lies in an image shown `width` x `height` pixels.
  public func layout(width: Int, height: Int) -> WatermarkLayout {
    let textDots = BitmapFont.width(of: text)
    let boxDots = (
      width: textDots + 2 * Self.padding, height: BitmapFont.glyphHeight + 2 * Self.padding
    )
    let wanted = Int(
      (Double(min(width, height)) * Self.heightFraction / Double(BitmapFont.glyphHeight))
        .rounded())
    var scale = max(wanted, Self.minimumScale)
    while scale > 1
      && ((boxDots.width + 2 * Self.margin) * scale > width
        || (boxDots.height + 2 * Self.margin) * scale > height)
    {
      scale -= 1
    }
    let boxWidth = boxDots.width * scale
    let boxHeight = boxDots.height * scale
    let gap = Self.margin * scale
    let left = corner.isLeft ? gap : width - gap - boxWidth
    let top = corner.isTop ? gap : height - gap - boxHeight
    return WatermarkLayout(
      scale: scale, box: PixelRect(x: left, y: top, width: boxWidth, height: boxHeight),
      textX: left + Self.padding * scale, textY: top + Self.padding * scale,
      imageWidth: width, imageHeight: height)
  }

  /// The pixels of a stored `width` x `height` image, shown turned by `orientation`, that
  /// ``draw(on:shownAs:)`` changes.
  public func changedArea(width: Int, height: Int, shownAs orientation: Orientation = .up)
    -> PixelRect
  {
    let shown =
      orientation.swapsDimensions ? (width: height, height: width) : (width: width, height: height)
    let box = layout(width: shown.width, height: shown.height).visibleBox
    let stored = orientation.storedRect(
      ofUpright: Rect(
        x: Double(box.x), y: Double(box.y), width: Double(box.width), height: Double(box.height)),
      storedWidth: width, storedHeight: height)
    return PixelRect(touching: stored, width: width, height: height)
  }

  /// Draws the mark on `image`, whose pixels are stored so that showing them takes
  /// `orientation` (a video frame filmed sideways): the mark is upright and in its corner as the
  /// image is shown. Only the pixels of ``changedArea(width:height:shownAs:)`` change. In an RGBA
  /// image the box and glyphs are composited over the pixels, so the mark is visible on
  /// transparent ones too.
  public func draw(on image: inout Image, shownAs orientation: Orientation = .up) {
    let storedWidth = image.width
    let storedHeight = image.height
    let shown =
      orientation.swapsDimensions
      ? (width: storedHeight, height: storedWidth) : (width: storedWidth, height: storedHeight)
    let layout = layout(width: shown.width, height: shown.height)
    let box = layout.visibleBox
    guard !box.isEmpty else { return }
    let glyphs = text.map { BitmapFont.glyph(for: $0) }
    let channels = image.channels
    let hasAlpha = image.layout == .rgba
    image.pixels.withUnsafeMutableBufferPointer { pixels in
      for y in box.y..<box.maxY {
        for x in box.x..<box.maxX {
          let stored = orientation.storedPoint(
            ofUpright: Point(x: Double(x) + 0.5, y: Double(y) + 0.5), storedWidth: storedWidth,
            storedHeight: storedHeight)
          let offset = (Int(stored.y) * storedWidth + Int(stored.x)) * channels
          let isGlyph = layout.dotIsDrawn(x: x, y: y, glyphs: glyphs)
          Self.paint(pixels.baseAddress! + offset, white: isGlyph, hasAlpha: hasAlpha)
        }
      }
    }
  }

  /// Paints one pixel: white, or darkened by the box.
  @inline(__always)
  private static func paint(_ pixel: UnsafeMutablePointer<UInt8>, white: Bool, hasAlpha: Bool) {
    if white {
      pixel[0] = 255
      pixel[1] = 255
      pixel[2] = 255
      if hasAlpha { pixel[3] = 255 }
      return
    }
    let keep = boxTransparency
    guard hasAlpha else {
      for channel in 0..<3 { pixel[channel] = UInt8((Float(pixel[channel]) * keep).rounded()) }
      return
    }
    // Black at opacity 1 - keep, composited over the pixel (straight alpha): the colour keeps
    // its value, weighted by how much of it shows through.
    let alpha = Float(pixel[3]) / 255
    let combined = (1 - keep) + alpha * keep
    for channel in 0..<3 {
      pixel[channel] = UInt8((Float(pixel[channel]) * alpha * keep / combined).rounded())
    }
    pixel[3] = UInt8((combined * 255).rounded())
  }
}

/// Where a watermark lies in an image as it is shown.
public struct WatermarkLayout: Sendable, Equatable {
  /// Pixels per dot of the font.
  public let scale: Int
  /// The box, which may reach beyond the image's left or top edge when the image is too small.
  public let box: PixelRect
  /// The left edge of the first glyph.
  public let textX: Int
  /// The top edge of the glyphs.
  public let textY: Int
  /// The shown image's width.
  public let imageWidth: Int
  /// The shown image's height.
  public let imageHeight: Int

  /// The part of the box inside the image.
  public var visibleBox: PixelRect {
    PixelRect(
      left: max(box.x, 0), top: max(box.y, 0), right: min(box.maxX, imageWidth),
      bottom: min(box.maxY, imageHeight))
  }

  /// Whether the pixel at `x`, `y` of the shown image is a drawn dot of the text `glyphs`.
  func dotIsDrawn(x: Int, y: Int, glyphs: [BitmapFont.Glyph?]) -> Bool {
    let column = x - textX
    let row = y - textY
    guard column >= 0, row >= 0 else { return false }
    let dotColumn = column / scale
    let dotRow = row / scale
    guard dotRow < BitmapFont.glyphHeight else { return false }
    let index = dotColumn / BitmapFont.advance
    let inGlyph = dotColumn % BitmapFont.advance
    guard index < glyphs.count, inGlyph < BitmapFont.glyphWidth, let glyph = glyphs[index] else {
      return false
    }
    return glyph.isDrawn(column: inGlyph, row: dotRow)
  }
}

/// The corner of the image a watermark goes in.
public enum WatermarkCorner: String, Sendable, Equatable, CaseIterable {
  /// Bottom right, the default.
  case bottomRight = "bottom-right"
  /// Bottom left.
  case bottomLeft = "bottom-left"
  /// Top right.
  case topRight = "top-right"
  /// Top left.
  case topLeft = "top-left"

  /// Whether the corner is on the left.
  var isLeft: Bool { self == .bottomLeft || self == .topLeft }
  /// Whether the corner is at the top.
  var isTop: Bool { self == .topRight || self == .topLeft }
}

/// Why a watermark text was refused.
public enum WatermarkError: Error, Equatable, CustomStringConvertible {
  /// The text is empty or only spaces.
  case empty
  /// The text is longer than the most allowed.
  case tooLong(count: Int, maximum: Int)
  /// The text holds a character the watermark font does not have.
  case unsupportedCharacter(Character)

  /// What the text must be, completing "must ...".
  public var requirement: String {
    switch self {
    case .empty: "not be empty"
    case .tooLong(let count, let maximum): "be at most \(maximum) characters long, not \(count)"
    case .unsupportedCharacter(let character):
      "be printable ASCII (letters, digits, punctuation and spaces); "
        + "\(Self.name(of: character)) is not"
    }
  }

  public var description: String { "the watermark must \(requirement)" }

  /// The character as a person can recognise it: itself in quotes when it is visible, and its
  /// code points (`"é" (U+00E9)`).
  private static func name(of character: Character) -> String {
    let codes = character.unicodeScalars.map { scalar in
      let hex = String(scalar.value, radix: 16, uppercase: true)
      return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
    let invisible: Set<Unicode.GeneralCategory> = [
      .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator,
    ]
    let isVisible = !character.unicodeScalars.contains {
      invisible.contains($0.properties.generalCategory)
    }
    return (isVisible ? "\"\(character)\" " : "") + "(\(codes.joined(separator: " ")))"
  }
}

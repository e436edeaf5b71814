import FaceGuardCore

/// A group-photo-like network input composed from portraits, the kind of picture a detector
/// sees during calibration: one portrait stretched over the whole canvas as background, then
/// head-and-shoulders crops of the portraits in turn, scaled to the scene's face heights, packed
/// in rows and cut at the edges.
public struct CalibrationScene: Sendable, Equatable {
  /// Canvas width in pixels.
  public var width: Int
  /// Canvas height in pixels.
  public var height: Int
  /// Face heights placed, in turn, while the canvas has room.
  public var faceHeights: [Double]

  /// Creates a scene description.
  public init(width: Int, height: Int, faceHeights: [Double]) {
    self.width = width
    self.height = height
    self.faceHeights = faceHeights
  }

  /// The scenes `faceguard calibrate` uses: tiles of 640 and 1024 px with faces of 18 to 160 px
  /// (the tiles' range) and two whole-image passes (1024 px wide) with faces up to 300 px.
  public static let standard: [CalibrationScene] = [
    CalibrationScene(width: 640, height: 640, faceHeights: [24, 18, 28, 20, 32, 22]),
    CalibrationScene(width: 640, height: 640, faceHeights: [48, 40, 56, 36, 64]),
    CalibrationScene(width: 640, height: 640, faceHeights: [96, 80, 120, 72]),
    CalibrationScene(width: 640, height: 640, faceHeights: [160, 140, 120]),
    CalibrationScene(width: 1024, height: 1024, faceHeights: [20, 36, 64, 110, 160, 28, 48]),
    CalibrationScene(width: 1024, height: 704, faceHeights: [300, 220, 160, 120, 90, 70]),
    CalibrationScene(width: 1024, height: 576, faceHeights: [200, 60, 40, 30, 100, 24]),
  ]

  /// Names the standard scenes, the range statistic and the rule for exact activations in
  /// calibration files; change it whenever one changes, so files made the old way are refused
  /// as stale.
  public static let recipe = "portrait-scenes-2/min-max/exact-5pct"

  /// The share of a network's int8 output error an activation must remove on its own, when kept
  /// exact, to be kept exact: on the WIDER dev split the two such activations of CenterFace and
  /// the two of RetinaFace brought int8 within fp32's accuracy; the next ones remove 2 % and
  /// less each.
  public static let exactValueGain = 0.05

  /// The scene drawn from `portraits`; `variant` picks the background portrait and the first
  /// portrait placed, so scenes of one calibration differ.
  ///
  /// - Precondition: at least one portrait.
  public func compose(from portraits: [CalibrationPortrait], variant: Int) -> Image {
    precondition(!portraits.isEmpty, "a calibration scene needs portraits")
    let background = portraits[variant % portraits.count].image
    var canvas = background.resized(width: width, height: height)
    if canvas.layout == .rgba { canvas = canvas.droppingAlpha() }
    var (x, y, rowHeight) = (0, 0, 0)
    var placed = variant + 1
    placing: while true {
      for faceHeight in faceHeights {
        let piece = Self.head(of: portraits[placed % portraits.count], faceHeight: faceHeight)
        placed += 1
        if x >= width {
          (x, y, rowHeight) = (0, y + rowHeight, 0)
        }
        guard y < height else { break placing }
        canvas.paste(piece, x: x, y: y)
        x += piece.width
        rowHeight = max(rowHeight, piece.height)
      }
    }
    return canvas
  }

  /// The head and shoulders of `portrait` (twice the face box, within the photo) scaled so the
  /// face is `faceHeight` tall.
  private static func head(of portrait: CalibrationPortrait, faceHeight: Double) -> Image {
    let scale = faceHeight / portrait.face.height
    let head = portrait.face.scaled(by: 2)
    let crop = PixelRect(
      left: max(Int(head.x), 0), top: max(Int(head.y), 0),
      right: min(Int(head.maxX), portrait.image.width),
      bottom: min(Int(head.maxY), portrait.image.height))
    return portrait.image.cropped(to: crop).resized(
      width: max(Int(Double(crop.width) * scale), 1),
      height: max(Int(Double(crop.height) * scale), 1))
  }
}

extension Image {
  /// The same pixels without their alpha samples.
  fileprivate func droppingAlpha() -> Image {
    var samples = [UInt8]()
    samples.reserveCapacity(width * height * 3)
    for pixel in stride(from: 0, to: pixels.count, by: channels) {
      samples.append(contentsOf: pixels[pixel..<(pixel + 3)])
    }
    return Image(width: width, height: height, layout: .rgb, pixels: samples)
  }

  /// Copies the red, green and blue samples of `piece` with its top left corner at (`x`, `y`),
  /// cut at this image's edges.
  fileprivate mutating func paste(_ piece: Image, x: Int, y: Int) {
    for row in 0..<piece.height where y + row < height {
      for column in 0..<piece.width where x + column < width {
        let from = (row * piece.width + column) * piece.channels
        let to = ((y + row) * width + x + column) * channels
        for sample in 0..<3 { pixels[to + sample] = piece.pixels[from + sample] }
      }
    }
  }
}

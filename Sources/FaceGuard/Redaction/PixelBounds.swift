/// A half-open rectangle of whole pixels: columns `minX..<maxX`, rows `minY..<maxY`.
struct PixelBounds: Equatable {
  var minX: Int
  var minY: Int
  var maxX: Int
  var maxY: Int

  /// The empty rectangle.
  static let empty = PixelBounds(minX: 0, minY: 0, maxX: 0, maxY: 0)

  init(minX: Int, minY: Int, maxX: Int, maxY: Int) {
    self.minX = minX
    self.minY = minY
    self.maxX = maxX
    self.maxY = maxY
  }

  /// Every pixel that `rect` touches, clipped to a `width` x `height` image; empty for empty or
  /// non-finite rectangles.
  init(touching rect: Rect, width: Int, height: Int) {
    guard rect.x.isFinite, rect.y.isFinite, rect.width.isFinite, rect.height.isFinite,
      rect.width > 0, rect.height > 0
    else {
      self = .empty
      return
    }
    let left = min(max(rect.x.rounded(.down), 0), Double(width))
    let top = min(max(rect.y.rounded(.down), 0), Double(height))
    let right = min(max(rect.maxX.rounded(.up), 0), Double(width))
    let bottom = min(max(rect.maxY.rounded(.up), 0), Double(height))
    self.init(minX: Int(left), minY: Int(top), maxX: Int(right), maxY: Int(bottom))
  }

  var width: Int { max(maxX - minX, 0) }
  var height: Int { max(maxY - minY, 0) }
  var isEmpty: Bool { width == 0 || height == 0 }

  /// The smallest rectangle holding both; an empty operand is ignored.
  func union(_ other: PixelBounds) -> PixelBounds {
    if isEmpty { return other }
    if other.isEmpty { return self }
    return PixelBounds(
      minX: min(minX, other.minX), minY: min(minY, other.minY),
      maxX: max(maxX, other.maxX), maxY: max(maxY, other.maxY))
  }

  /// Whether the two rectangles share a pixel.
  func intersects(_ other: PixelBounds) -> Bool {
    !isEmpty && !other.isEmpty && minX < other.maxX && other.minX < maxX && minY < other.maxY
      && other.minY < maxY
  }

  /// The rectangle grown by `margin` on every side, clipped to a `width` x `height` image.
  func expanded(by margin: Int, width: Int, height: Int) -> PixelBounds {
    PixelBounds(
      minX: max(minX - margin, 0), minY: max(minY - margin, 0),
      maxX: min(maxX + margin, width), maxY: min(maxY + margin, height))
  }
}

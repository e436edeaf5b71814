/// A rectangle of whole pixels, origin at the top left: columns `x..<maxX`, rows `y..<maxY`.
public struct PixelRect: Sendable, Equatable, Codable {
  /// Left column.
  public var x: Int
  /// Top row.
  public var y: Int
  /// Width in pixels.
  public var width: Int
  /// Height in pixels.
  public var height: Int

  /// The empty rectangle.
  public static let empty = PixelRect(x: 0, y: 0, width: 0, height: 0)

  /// Creates a pixel rectangle.
  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = width
    self.height = height
  }

  /// Whether `point` (pixel coordinates, continuous) lies in the rectangle.
  public func contains(_ point: Point) -> Bool {
    point.x >= Double(x) && point.x < Double(x + width) && point.y >= Double(y)
      && point.y < Double(y + height)
  }

  /// The columns `left..<right` and rows `top..<bottom`; empty (zero width or height) when an edge
  /// comes before its opposite.
  public init(left: Int, top: Int, right: Int, bottom: Int) {
    self.init(x: left, y: top, width: max(right - left, 0), height: max(bottom - top, 0))
  }

  /// Every pixel that `rect` touches, clipped to a `width` x `height` image; empty for empty or
  /// non-finite rectangles.
  public init(touching rect: Rect, width: Int, height: Int) {
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
    self.init(left: Int(left), top: Int(top), right: Int(right), bottom: Int(bottom))
  }

  /// The column after the last.
  public var maxX: Int { x + width }
  /// The row after the last.
  public var maxY: Int { y + height }
  /// Whether the rectangle holds no pixel.
  public var isEmpty: Bool { width <= 0 || height <= 0 }

  /// The smallest rectangle holding both; an empty operand is ignored.
  public func union(_ other: PixelRect) -> PixelRect {
    if isEmpty { return other }
    if other.isEmpty { return self }
    return PixelRect(
      left: min(x, other.x), top: min(y, other.y), right: max(maxX, other.maxX),
      bottom: max(maxY, other.maxY))
  }

  /// Whether the two rectangles share a pixel.
  public func intersects(_ other: PixelRect) -> Bool {
    !isEmpty && !other.isEmpty && x < other.maxX && other.x < maxX && y < other.maxY
      && other.y < maxY
  }

  /// The rectangle grown by `margin` on every side, clipped to a `width` x `height` image.
  public func expanded(by margin: Int, width: Int, height: Int) -> PixelRect {
    PixelRect(
      left: max(x - margin, 0), top: max(y - margin, 0), right: min(maxX + margin, width),
      bottom: min(maxY + margin, height))
  }
}

/// An axis-aligned rectangle in image pixels, origin at the top left.
public struct Rect: Sendable, Equatable, Codable {
  /// Left edge.
  public var x: Double
  /// Top edge.
  public var y: Double
  /// Width.
  public var width: Double
  /// Height.
  public var height: Double

  /// Creates a rectangle.
  public init(x: Double, y: Double, width: Double, height: Double) {
    self.x = x
    self.y = y
    self.width = width
    self.height = height
  }

  /// Right edge.
  public var maxX: Double { x + width }
  /// Bottom edge.
  public var maxY: Double { y + height }
  /// Horizontal centre.
  public var midX: Double { x + width / 2 }
  /// Vertical centre.
  public var midY: Double { y + height / 2 }
  /// Width times height (zero for empty rectangles).
  public var area: Double { max(width, 0) * max(height, 0) }

  /// The rectangle scaled by `factor` about its centre.
  public func scaled(by factor: Double) -> Rect {
    Rect(
      x: midX - width * factor / 2, y: midY - height * factor / 2, width: width * factor,
      height: height * factor)
  }

  /// The overlap of two rectangles, empty (zero area) when they do not meet.
  public func intersection(_ other: Rect) -> Rect {
    let left = max(x, other.x)
    let top = max(y, other.y)
    let right = min(maxX, other.maxX)
    let bottom = min(maxY, other.maxY)
    return Rect(x: left, y: top, width: max(right - left, 0), height: max(bottom - top, 0))
  }

  /// Intersection over union, 0 when either is empty.
  public func intersectionOverUnion(_ other: Rect) -> Double {
    let overlap = intersection(other).area
    let union = area + other.area - overlap
    return union > 0 ? overlap / union : 0
  }
}

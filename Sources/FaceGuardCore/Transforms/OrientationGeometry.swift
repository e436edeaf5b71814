extension Orientation {
  /// The orientation of pixels stored turned so that showing them takes a clockwise turn by
  /// `degrees` (a multiple of 90) and then, when `mirrored`, a left-to-right flip: how video
  /// containers describe a phone clip filmed sideways.
  ///
  /// - Returns: `nil` when `degrees` is not a multiple of 90.
  public init?(clockwiseTurn degrees: Int, mirrored: Bool) {
    let quarter = ((degrees % 360) + 360) % 360
    switch (quarter, mirrored) {
    case (0, false): self = .up
    case (90, false): self = .right
    case (180, false): self = .down
    case (270, false): self = .left
    case (0, true): self = .upMirrored
    case (90, true): self = .leftMirrored
    case (180, true): self = .downMirrored
    case (270, true): self = .rightMirrored
    default: return nil
    }
  }

  /// Where a point of the upright image lies in the stored image of `storedWidth` x
  /// `storedHeight` pixels (continuous coordinates: pixel edges at whole numbers).
  public func storedPoint(ofUpright point: Point, storedWidth: Int, storedHeight: Int) -> Point {
    let width = Double(storedWidth)
    let height = Double(storedHeight)
    let (x, y) = (point.x, point.y)
    switch self {
    case .up: return Point(x: x, y: y)
    case .upMirrored: return Point(x: width - x, y: y)
    case .down: return Point(x: width - x, y: height - y)
    case .downMirrored: return Point(x: x, y: height - y)
    case .leftMirrored: return Point(x: y, y: x)
    case .right: return Point(x: y, y: height - x)
    case .rightMirrored: return Point(x: width - y, y: height - x)
    case .left: return Point(x: width - y, y: x)
    }
  }

  /// The rectangle of the stored image that shows as `rect` in the upright image.
  public func storedRect(ofUpright rect: Rect, storedWidth: Int, storedHeight: Int) -> Rect {
    let a = storedPoint(
      ofUpright: Point(x: rect.x, y: rect.y), storedWidth: storedWidth, storedHeight: storedHeight)
    let b = storedPoint(
      ofUpright: Point(x: rect.maxX, y: rect.maxY), storedWidth: storedWidth,
      storedHeight: storedHeight)
    return Rect(
      x: min(a.x, b.x), y: min(a.y, b.y), width: abs(a.x - b.x), height: abs(a.y - b.y))
  }
}

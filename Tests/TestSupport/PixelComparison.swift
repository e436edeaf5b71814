import FaceGuardCore

/// Measures how far two images differ.
public enum PixelComparison {
  /// The mean absolute sample difference of two same-sized images (infinite when their sizes or
  /// layouts differ).
  public static func meanDifference(_ a: Image, _ b: Image) -> Double {
    guard a.width == b.width, a.height == b.height, a.channels == b.channels else {
      return .infinity
    }
    let total = zip(a.pixels, b.pixels).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }
    return Double(total) / Double(max(a.pixels.count, 1))
  }

  /// The mean absolute red, green and blue difference of two equally sized images over the pixels
  /// of `rect` (clipped to the images); 0 when no pixel is inside.
  public static func meanDifference(_ a: Image, _ b: Image, in rect: Rect) -> Double {
    let x0 = max(Int(rect.x), 0)
    let y0 = max(Int(rect.y), 0)
    let x1 = min(Int(rect.maxX), a.width)
    let y1 = min(Int(rect.maxY), a.height)
    guard x0 < x1, y0 < y1 else { return 0 }
    var total = 0
    var count = 0
    for y in y0..<y1 {
      for x in x0..<x1 {
        for c in 0..<3 {
          let ia = (y * a.width + x) * a.channels + c
          let ib = (y * b.width + x) * b.channels + c
          total += abs(Int(a.pixels[ia]) - Int(b.pixels[ib]))
          count += 1
        }
      }
    }
    return Double(total) / Double(count)
  }
}

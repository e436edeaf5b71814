import FaceGuardCore

/// The box arithmetic tracking and masking share.
extension Rect {
  /// The box `fraction` of the way from `self` (0) to `other` (1), edges moving linearly.
  func interpolated(to other: Rect, fraction: Double) -> Rect {
    Rect(
      x: x + (other.x - x) * fraction, y: y + (other.y - y) * fraction,
      width: width + (other.width - width) * fraction,
      height: height + (other.height - height) * fraction)
  }

  /// The box with its centre at (`midX`, `midY`) and the given size.
  init(midX: Double, midY: Double, width: Double, height: Double) {
    self.init(x: midX - width / 2, y: midY - height / 2, width: width, height: height)
  }

  /// The part of the box inside a frame of `width` x `height` pixels (zero area when outside).
  func clipped(width frameWidth: Double, height frameHeight: Double) -> Rect {
    intersection(Rect(x: 0, y: 0, width: frameWidth, height: frameHeight))
  }

  /// The distance between the centres of `self` and `other` in box sizes: divided by the mean
  /// side of both boxes, so the same motion counts the same for a small and a large face.
  func centreDistance(to other: Rect) -> Double {
    let size = (width + height + other.width + other.height) / 4
    let dx = midX - other.midX
    let dy = midY - other.midY
    return (dx * dx + dy * dy).squareRoot() / size
  }

  /// How many times larger the bigger of the two boxes is, by side length (1 for equal areas).
  func sizeRatio(to other: Rect) -> Double {
    let ratio = (area / other.area).squareRoot()
    return max(ratio, 1 / ratio)
  }
}

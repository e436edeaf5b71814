import FaceGuardCore

/// Measurements of how well regions hide a box.
enum Coverage {
  /// The fraction of `target`'s area inside the union of `regions` (1 for an empty target),
  /// exact: the plane is cut along every edge and each cell is tested once.
  static func fraction(of target: Rect, by regions: [Rect]) -> Double {
    guard target.area > 0 else { return 1 }
    let parts = regions.map { $0.intersection(target) }.filter { $0.area > 0 }
    let xs = Set([target.x, target.maxX] + parts.flatMap { [$0.x, $0.maxX] }).sorted()
    let ys = Set([target.y, target.maxY] + parts.flatMap { [$0.y, $0.maxY] }).sorted()
    var covered = 0.0
    for (left, right) in zip(xs, xs.dropFirst()) {
      for (top, bottom) in zip(ys, ys.dropFirst()) {
        let x = (left + right) / 2
        let y = (top + bottom) / 2
        if parts.contains(where: { $0.x <= x && x <= $0.maxX && $0.y <= y && y <= $0.maxY }) {
          covered += (right - left) * (bottom - top)
        }
      }
    }
    return covered / target.area
  }

  /// Whether the union of `regions` covers all of `target` (up to rounding in the last digits).
  static func hides(_ target: Rect, by regions: [Rect]) -> Bool {
    fraction(of: target, by: regions) >= 1 - 1e-9
  }
}

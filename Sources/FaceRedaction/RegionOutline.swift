/// A line drawn around a hidden region, just outside its mask so it covers nothing of the
/// redaction, in black or white, whichever contrasts with the redacted colours.
struct RegionOutline {
  /// Line thickness in pixels for a `width` x `height` image: 2 px, more on large images.
  static func thickness(width: Int, height: Int) -> Int {
    max(2, Int((Double(min(width, height)) / 400).rounded()))
  }

  /// The image samples, rows `rowStride` apart.
  let pixels: UnsafeMutablePointer<UInt8>
  /// Samples from one row to the next.
  let rowStride: Int
  /// Samples per pixel.
  let channels: Int
  /// Image width in pixels.
  let width: Int
  /// Image height in pixels.
  let height: Int

  /// Draws the outline of `mask`, `thickness` pixels wide, over the uncovered pixels around it.
  func draw(around mask: RedactionMask, thickness: Int) {
    let color = contrastingColor(inside: mask)
    let area = mask.bounds.expanded(by: thickness + 1, width: width, height: height)
    let reach = Double(thickness)
    for y in area.y..<area.maxY {
      let line = pixels + y * rowStride
      for x in area.x..<area.maxX {
        let distance = mask.distanceOutside(x: x, y: y)
        guard distance > 0, distance <= reach else { continue }
        let target = line + x * channels
        target[0] = color.red
        target[1] = color.green
        target[2] = color.blue
      }
    }
  }

  /// White over dark redactions, black over light ones, judged by the mean luma of the fully
  /// covered pixels.
  private func contrastingColor(inside mask: RedactionMask) -> RedactionStyle.Color {
    var luma = 0.0
    var count = 0
    for y in mask.bounds.y..<mask.bounds.maxY {
      let line = pixels + y * rowStride
      for x in mask.bounds.x..<mask.bounds.maxX where mask.alpha(x: x, y: y) == 1 {
        let sample = line + x * channels
        luma += 0.299 * Double(sample[0]) + 0.587 * Double(sample[1]) + 0.114 * Double(sample[2])
        count += 1
      }
    }
    return count > 0 && luma / Double(count) >= 128 ? .black : .white
  }
}

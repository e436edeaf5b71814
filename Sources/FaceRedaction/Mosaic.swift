import FaceGuardCore

/// A mosaic: square blocks on a grid, each filled with the mean colour of the image pixels under
/// it (clipped to the image).
struct Mosaic {
  /// Block side in pixels.
  let blockSize: Int
  /// Grid column of the pixels of `area`'s first column within its block.
  private let phaseX: Int
  /// Grid row of the pixels of `area`'s first row within its block.
  private let phaseY: Int

  /// A grid of `blockSize` blocks with a block corner at (`anchorX`, `anchorY`).
  init(blockSize: Int, anchorX: Double, anchorY: Double, area: PixelRect) {
    self.blockSize = max(blockSize, 1)
    phaseX = Self.phase(of: area.x, anchor: anchorX, blockSize: self.blockSize)
    phaseY = Self.phase(of: area.y, anchor: anchorY, blockSize: self.blockSize)
  }

  /// The offset of pixel `position` within its block, in `0..<blockSize`.
  private static func phase(of position: Int, anchor: Double, blockSize: Int) -> Int {
    guard anchor.isFinite else { return 0 }
    let remainder = (Double(position) - anchor.rounded(.down)).truncatingRemainder(
      dividingBy: Double(blockSize))
    let phase = Int(remainder < 0 ? remainder + Double(blockSize) : remainder)
    return min(max(phase, 0), blockSize - 1)
  }

  /// The pixels whose samples the mosaic of `area` reads: the blocks meeting it, clipped.
  func readBounds(of area: PixelRect, width: Int, height: Int) -> PixelRect {
    let firstX = area.x - phaseX
    let firstY = area.y - phaseY
    let lastX = firstX + (area.maxX - firstX + blockSize - 1) / blockSize * blockSize
    let lastY = firstY + (area.maxY - firstY + blockSize - 1) / blockSize * blockSize
    return PixelRect(
      left: max(firstX, 0), top: max(firstY, 0), right: min(lastX, width),
      bottom: min(lastY, height))
  }

  /// The mosaic colours of `area` computed from `source`, which must hold
  /// `readBounds(of: area, ...)`, in memory of `workspace`.
  func render(
    _ area: PixelRect, source: PixelSource, width: Int, height: Int, workspace: PatchWorkspace
  ) -> ColorPatch {
    let read = readBounds(of: area, width: width, height: height)
    let stride = area.width * 3
    workspace.reserve(patch: stride * area.height)
    let patch = workspace.patch
    var blockTop = area.y - phaseY
    while blockTop < area.maxY {
      let top = max(blockTop, read.y)
      let bottom = min(blockTop + blockSize, read.maxY)
      var blockLeft = area.x - phaseX
      while blockLeft < area.maxX {
        let left = max(blockLeft, read.x)
        let right = min(blockLeft + blockSize, read.maxX)
        let mean = Self.mean(
          of: PixelRect(left: left, top: top, right: right, bottom: bottom), source: source)
        for y in max(top, area.y)..<min(bottom, area.maxY) {
          var target = patch + (y - area.y) * stride + (max(left, area.x) - area.x) * 3
          for _ in max(left, area.x)..<min(right, area.maxX) {
            target[0] = mean.0
            target[1] = mean.1
            target[2] = mean.2
            target += 3
          }
        }
        blockLeft += blockSize
      }
      blockTop += blockSize
    }
    return ColorPatch(bounds: area, samplesPerPixel: 3, samples: patch)
  }

  /// The mean red, green and blue of the pixels of `block`.
  private static func mean(of block: PixelRect, source: PixelSource) -> (Float, Float, Float) {
    var red = 0
    var green = 0
    var blue = 0
    for y in block.y..<block.maxY {
      var sample = source.pixel(x: block.x, y: y)
      for _ in 0..<block.width {
        red += Int(sample[0])
        green += Int(sample[1])
        blue += Int(sample[2])
        sample += source.channels
      }
    }
    let count = Float(max(block.width * block.height, 1))
    return (Float(red) / count, Float(green) / count, Float(blue) / count)
  }
}

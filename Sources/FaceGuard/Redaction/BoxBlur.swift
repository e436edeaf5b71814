/// A fast approximate Gaussian blur: three passes of a box blur in each direction, each pass a
/// running sum, so the cost per pixel does not depend on the radius.
///
/// Three box passes of radius `r` approximate a Gaussian of standard deviation close to `r`
/// reaching `3 r` pixels. The vertical passes run first, over whole rows, so the slower
/// horizontal passes only run on the wanted rows; each pass only computes what the next one needs.
/// Samples beyond the image edge repeat the edge pixel.
enum BoxBlur {
  /// The box radius whose three passes approximate a Gaussian of standard deviation `sigma`.
  static func boxRadius(sigma: Double) -> Int {
    let boxWidth = (4 * sigma * sigma + 1).squareRoot()
    return max(Int(((boxWidth - 1) / 2).rounded()), 1)
  }

  /// The pixels whose samples the blur of `area` with box radius `radius` reads.
  static func readBounds(of area: PixelBounds, radius: Int, width: Int, height: Int) -> PixelBounds
  {
    area.expanded(by: 3 * radius, width: width, height: height)
  }

  /// The blurred colours of `area` computed from `source`, which must hold
  /// `readBounds(of: area, ...)`, in memory of `workspace`. Only `area` of the returned patch,
  /// which covers the read bounds, is meaningful.
  static func blur(
    _ area: PixelBounds, radius: Int, source: PixelSource, width: Int, height: Int,
    workspace: PatchWorkspace
  ) -> ColorPatch {
    let read = readBounds(of: area, radius: radius, width: width, height: height)
    let stride = read.width * 3
    workspace.reserve(stride * read.height)
    let loaded = workspace.first
    let result = workspace.second
    source.loadRGB(read, into: loaded, destinationStride: stride)
    let rows = (area.minY - read.minY)..<(area.maxY - read.minY)
    let columns = (area.minX - read.minX)..<(area.maxX - read.minX)
    let vertical = VerticalPass(rowStride: stride, radius: radius)
    let rows1 = passRange(rows, pass: 1, radius: radius, count: read.height)
    let rows2 = passRange(rows, pass: 2, radius: radius, count: read.height)
    vertical.run(loaded, into: result, valid: 0..<read.height, output: rows1)
    vertical.run(result, into: loaded, valid: rows1, output: rows2)
    vertical.run(loaded, into: result, valid: rows2, output: rows)
    blurRows(
      result, rowStride: stride, rows: rows, pixelsPerRow: read.width, output: columns,
      radius: radius)
    return ColorPatch(bounds: read, samples: result)
  }

  /// The output range of pass `pass` (1, 2 or 3) for final output `output` within `0..<count`.
  private static func passRange(_ output: Range<Int>, pass: Int, radius: Int, count: Int)
    -> Range<Int>
  {
    let margin = (3 - pass) * radius
    return max(output.lowerBound - margin, 0)..<min(output.upperBound + margin, count)
  }

  /// Blurs the rows `rows` of `buffer` horizontally in place; afterwards the pixels `output` of
  /// each of them hold the result.
  private static func blurRows(
    _ buffer: UnsafeMutablePointer<Float>, rowStride: Int, rows: Range<Int>, pixelsPerRow: Int,
    output: Range<Int>, radius: Int
  ) {
    let first = UnsafeMutablePointer<Float>.allocate(capacity: pixelsPerRow * 3)
    let second = UnsafeMutablePointer<Float>.allocate(capacity: pixelsPerRow * 3)
    defer {
      first.deallocate()
      second.deallocate()
    }
    let range1 = passRange(output, pass: 1, radius: radius, count: pixelsPerRow)
    let range2 = passRange(output, pass: 2, radius: radius, count: pixelsPerRow)
    for row in rows {
      let line = buffer + row * rowStride
      boxPassRow(line, into: first, valid: 0..<pixelsPerRow, output: range1, radius: radius)
      boxPassRow(first, into: second, valid: range1, output: range2, radius: radius)
      boxPassRow(second, into: line, valid: range2, output: output, radius: radius)
    }
  }

  /// One horizontal box pass over interleaved RGB pixels: pixel `i` of `output` becomes the mean
  /// of pixels `i - radius ... i + radius` of `source`, indices clamped to `valid`.
  @inline(__always)
  private static func boxPassRow(
    _ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>, valid: Range<Int>,
    output: Range<Int>, radius: Int
  ) {
    guard !output.isEmpty else { return }
    let last = valid.upperBound - 1
    let scale = 1 / Float(2 * radius + 1)
    var red: Float = 0
    var green: Float = 0
    var blue: Float = 0
    for index in (output.lowerBound - radius)...(output.lowerBound + radius) {
      let offset = min(max(index, valid.lowerBound), last) * 3
      red += source[offset]
      green += source[offset + 1]
      blue += source[offset + 2]
    }
    for index in output {
      let offset = index * 3
      target[offset] = red * scale
      target[offset + 1] = green * scale
      target[offset + 2] = blue * scale
      let added = min(index + radius + 1, last) * 3
      let removed = max(index - radius, valid.lowerBound) * 3
      red += source[added] - source[removed]
      green += source[added + 1] - source[removed + 1]
      blue += source[added + 2] - source[removed + 2]
    }
  }

  /// A vertical box pass over whole rows, one running sum per sample.
  private struct VerticalPass {
    let rowStride: Int
    let radius: Int

    /// Row `i` of `output` becomes the mean of rows `i - radius ... i + radius` of `source`,
    /// row indices clamped to `valid`.
    func run(
      _ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>, valid: Range<Int>,
      output: Range<Int>
    ) {
      guard !output.isEmpty else { return }
      let sums = UnsafeMutablePointer<Float>.allocate(capacity: rowStride)
      defer { sums.deallocate() }
      let last = valid.upperBound - 1
      let scale = 1 / Float(2 * radius + 1)
      sums.initialize(repeating: 0, count: rowStride)
      for row in (output.lowerBound - radius)...(output.lowerBound + radius) {
        let line = source + min(max(row, valid.lowerBound), last) * rowStride
        for index in 0..<rowStride { sums[index] += line[index] }
      }
      for row in output {
        let line = target + row * rowStride
        let added = source + min(row + radius + 1, last) * rowStride
        let removed = source + max(row - radius, valid.lowerBound) * rowStride
        for index in 0..<rowStride {
          line[index] = sums[index] * scale
          sums[index] += added[index] - removed[index]
        }
      }
    }
  }
}

/// A fast approximate Gaussian blur: three passes of a box blur in each direction, each pass a
/// running sum, so the cost per pixel does not depend on the radius.
///
/// Three box passes of radius `r` approximate a Gaussian of standard deviation close to `r`
/// reaching `3 r` pixels. Only the rows and columns that feed the wanted output are computed, and
/// samples beyond the image edge repeat the edge pixel.
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
  /// `readBounds(of: area, ...)`. The returned patch covers the read bounds; only `area` in it is
  /// meaningful.
  static func blur(
    _ area: PixelBounds, radius: Int, source: PixelSource, width: Int, height: Int
  ) -> ColorPatch {
    let read = readBounds(of: area, radius: radius, width: width, height: height)
    let stride = read.width * 3
    let columns = (area.minX - read.minX)..<(area.maxX - read.minX)
    let rows = (area.minY - read.minY)..<(area.maxY - read.minY)
    var scratch = ColorPatch(bounds: read) { _ in }
    var result = ColorPatch(bounds: read) { _ in }
    scratch.samples.withUnsafeMutableBufferPointer { scratchBuffer in
      result.samples.withUnsafeMutableBufferPointer { resultBuffer in
        guard let work = scratchBuffer.baseAddress, let output = resultBuffer.baseAddress else {
          return
        }
        source.loadRGB(read, into: work, destinationStride: stride)
        blurRows(
          work, rowCount: read.height, pixelsPerRow: read.width, output: columns, radius: radius)
        blurColumns(
          work, spare: output, rowStride: stride, rowCount: read.height,
          samples: (columns.lowerBound * 3)..<(columns.upperBound * 3), output: rows,
          radius: radius)
      }
    }
    return result
  }

  /// The output range of pass `pass` (1, 2 or 3) for final output `output` within `0..<count`.
  private static func passRange(_ output: Range<Int>, pass: Int, radius: Int, count: Int) -> Range<
    Int
  > {
    let margin = (3 - pass) * radius
    return max(output.lowerBound - margin, 0)..<min(output.upperBound + margin, count)
  }

  /// Blurs every row of `buffer` horizontally in place; afterwards the pixels `output` of each row
  /// hold the result.
  private static func blurRows(
    _ buffer: UnsafeMutablePointer<Float>, rowCount: Int, pixelsPerRow: Int, output: Range<Int>,
    radius: Int
  ) {
    let first = UnsafeMutablePointer<Float>.allocate(capacity: pixelsPerRow * 3)
    let second = UnsafeMutablePointer<Float>.allocate(capacity: pixelsPerRow * 3)
    defer {
      first.deallocate()
      second.deallocate()
    }
    let range1 = passRange(output, pass: 1, radius: radius, count: pixelsPerRow)
    let range2 = passRange(output, pass: 2, radius: radius, count: pixelsPerRow)
    for row in 0..<rowCount {
      let line = buffer + row * pixelsPerRow * 3
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

  /// Blurs the samples `samples` of every row vertically; the rows `output` of `spare` receive the
  /// result. `buffer` is overwritten on the way.
  private static func blurColumns(
    _ buffer: UnsafeMutablePointer<Float>, spare: UnsafeMutablePointer<Float>, rowStride: Int,
    rowCount: Int, samples: Range<Int>, output: Range<Int>, radius: Int
  ) {
    let sums = UnsafeMutablePointer<Float>.allocate(capacity: samples.count)
    defer { sums.deallocate() }
    let range1 = passRange(output, pass: 1, radius: radius, count: rowCount)
    let range2 = passRange(output, pass: 2, radius: radius, count: rowCount)
    let columns = Columns(rowStride: rowStride, samples: samples, sums: sums, radius: radius)
    columns.pass(buffer, into: spare, valid: 0..<rowCount, output: range1)
    columns.pass(spare, into: buffer, valid: range1, output: range2)
    columns.pass(buffer, into: spare, valid: range2, output: output)
  }

  /// The geometry of a vertical box pass over a band of samples of each row.
  private struct Columns {
    let rowStride: Int
    let samples: Range<Int>
    let sums: UnsafeMutablePointer<Float>
    let radius: Int

    /// Row `i` of `output` becomes the mean of rows `i - radius ... i + radius` of `source`,
    /// row indices clamped to `valid`; one running sum per sample.
    func pass(
      _ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>, valid: Range<Int>,
      output: Range<Int>
    ) {
      guard !output.isEmpty else { return }
      let count = samples.count
      let last = valid.upperBound - 1
      let scale = 1 / Float(2 * radius + 1)
      sums.initialize(repeating: 0, count: count)
      for row in (output.lowerBound - radius)...(output.lowerBound + radius) {
        let line = source + min(max(row, valid.lowerBound), last) * rowStride + samples.lowerBound
        for index in 0..<count { sums[index] += line[index] }
      }
      for row in output {
        let line = target + row * rowStride + samples.lowerBound
        let added = source + min(row + radius + 1, last) * rowStride + samples.lowerBound
        let removed = source + max(row - radius, valid.lowerBound) * rowStride + samples.lowerBound
        for index in 0..<count {
          line[index] = sums[index] * scale
          sums[index] += added[index] - removed[index]
        }
      }
    }
  }
}

import FaceGuardCore

/// A fast approximate Gaussian blur: three passes of a box blur in each direction, each pass a
/// running sum, so the cost per pixel does not depend on the radius.
///
/// Three box passes of radius `r` approximate a Gaussian of standard deviation close to `r`
/// reaching `3 r` pixels. The vertical passes run first, straight from the 8-bit samples, in
/// narrow strips that stay in cache; the slower horizontal passes then only run on the wanted
/// rows. Each pass computes only what the next one needs, and samples beyond the image edge repeat
/// the edge pixel. Every sample of a pixel is blurred (alpha too, which the compositor ignores).
enum BoxBlur {
  /// Samples per row handled at once by the vertical passes.
  private static let stripSamples = 384

  /// The box radius whose three passes approximate a Gaussian of standard deviation `sigma`.
  static func boxRadius(sigma: Double) -> Int {
    let boxWidth = (4 * sigma * sigma + 1).squareRoot()
    return max(Int(((boxWidth - 1) / 2).rounded()), 1)
  }

  /// The pixels whose samples the blur of `area` with box radius `radius` reads.
  static func readBounds(of area: PixelRect, radius: Int, width: Int, height: Int) -> PixelRect {
    area.expanded(by: 3 * radius, width: width, height: height)
  }

  /// The blurred colours of `area` computed from `source`, which must hold
  /// `readBounds(of: area, ...)`, in memory of `workspace`. The returned patch covers the rows of
  /// `area` across the read bounds; only `area` in it is meaningful.
  static func blur(
    _ area: PixelRect, radius: Int, source: PixelSource, width: Int, height: Int,
    workspace: PatchWorkspace
  ) -> ColorPatch {
    let read = readBounds(of: area, radius: radius, width: width, height: height)
    let channels = source.channels
    let rowSamples = read.width * channels
    let rows = (area.y - read.y)..<(area.maxY - read.y)
    let rows1 = passRange(rows, pass: 1, radius: radius, count: read.height)
    let rows2 = passRange(rows, pass: 2, radius: radius, count: read.height)
    let strip = min(stripSamples, rowSamples)
    workspace.reserve(
      patch: rowSamples * area.height, scratch: strip * (rows1.count + rows2.count + 1))
    let output = workspace.patch
    let first = workspace.scratch
    let second = first + strip * rows1.count
    let sums = second + strip * rows2.count
    let top = source.pixel(x: read.x, y: read.y)
    for start in stride(from: 0, to: rowSamples, by: strip) {
      let pass = VerticalPass(samples: min(strip, rowSamples - start), radius: radius, sums: sums)
      pass.run(
        from: Rows(base: top + start, stride: source.rowStride, firstRow: 0),
        valid: 0..<read.height,
        to: Rows(base: first, stride: strip, firstRow: rows1.lowerBound), output: rows1)
      pass.run(
        from: Rows(base: first, stride: strip, firstRow: rows1.lowerBound), valid: rows1,
        to: Rows(base: second, stride: strip, firstRow: rows2.lowerBound), output: rows2)
      pass.run(
        from: Rows(base: second, stride: strip, firstRow: rows2.lowerBound), valid: rows2,
        to: Rows(base: output + start, stride: rowSamples, firstRow: rows.lowerBound),
        output: rows)
    }
    let horizontal = HorizontalPass(pixels: read.width, channels: channels, radius: radius)
    horizontal.run(
      output, rowCount: area.height, rowStride: rowSamples,
      output: (area.x - read.x)..<(area.maxX - read.x))
    return ColorPatch(
      bounds: PixelRect(left: read.x, top: area.y, right: read.maxX, bottom: area.maxY),
      samplesPerPixel: channels, samples: output)
  }

  /// The output range of pass `pass` (1, 2 or 3) for final output `output` within `0..<count`.
  private static func passRange(_ output: Range<Int>, pass: Int, radius: Int, count: Int)
    -> Range<Int>
  {
    let margin = (3 - pass) * radius
    return max(output.lowerBound - margin, 0)..<min(output.upperBound + margin, count)
  }

  /// Rows of samples in memory: row `i` starts at `base + (i - firstRow) * stride`.
  private struct Rows<Sample> {
    let base: UnsafePointer<Sample>
    let stride: Int
    let firstRow: Int

    init(base: UnsafePointer<Sample>, stride: Int, firstRow: Int) {
      self.base = base
      self.stride = stride
      self.firstRow = firstRow
    }

    init(base: UnsafeMutablePointer<Sample>, stride: Int, firstRow: Int) {
      self.init(base: UnsafePointer(base), stride: stride, firstRow: firstRow)
    }

    @inline(__always)
    func row(_ index: Int) -> UnsafePointer<Sample> { base + (index - firstRow) * stride }

    @inline(__always)
    func mutableRow(_ index: Int) -> UnsafeMutablePointer<Sample> {
      UnsafeMutablePointer(mutating: row(index))
    }
  }

  /// A vertical box pass over a band of `samples` samples of each row, one running sum per sample.
  private struct VerticalPass {
    let samples: Int
    let radius: Int
    /// Room for `samples` running sums.
    let sums: UnsafeMutablePointer<Float>

    /// Row `i` of `output` becomes the mean of rows `i - radius ... i + radius` of `source`,
    /// row indices clamped to `valid`.
    func run<Sample: BlurSample>(
      from source: Rows<Sample>, valid: Range<Int>, to target: Rows<Float>, output: Range<Int>
    ) {
      guard !output.isEmpty else { return }
      let last = valid.upperBound - 1
      let scale = 1 / Float(2 * radius + 1)
      sums.update(repeating: 0, count: samples)
      for row in (output.lowerBound - radius)...(output.lowerBound + radius) {
        let line = source.row(min(max(row, valid.lowerBound), last))
        for index in 0..<samples { sums[index] += line[index].floatValue }
      }
      for row in output {
        let line = target.mutableRow(row)
        let added = source.row(min(row + radius + 1, last))
        let removed = source.row(max(row - radius, valid.lowerBound))
        for index in 0..<samples {
          line[index] = sums[index] * scale
          sums[index] += added[index].floatValue - removed[index].floatValue
        }
      }
    }
  }

  /// Three horizontal box passes over the red, green and blue samples of rows of `pixels` pixels
  /// of `channels` samples.
  private struct HorizontalPass {
    let pixels: Int
    let channels: Int
    let radius: Int

    /// Blurs `rowCount` rows in place; afterwards the pixels `output` of each row hold the result.
    func run(
      _ buffer: UnsafeMutablePointer<Float>, rowCount: Int, rowStride: Int, output: Range<Int>
    ) {
      let first = UnsafeMutablePointer<Float>.allocate(capacity: pixels * channels)
      let second = UnsafeMutablePointer<Float>.allocate(capacity: pixels * channels)
      defer {
        first.deallocate()
        second.deallocate()
      }
      let range1 = passRange(output, pass: 1, radius: radius, count: pixels)
      let range2 = passRange(output, pass: 2, radius: radius, count: pixels)
      for row in 0..<rowCount {
        let line = buffer + row * rowStride
        pass(line, into: first, valid: 0..<pixels, output: range1)
        pass(first, into: second, valid: range1, output: range2)
        pass(second, into: line, valid: range2, output: output)
      }
    }

    /// Pixel `i` of `output` becomes the mean of pixels `i - radius ... i + radius` of `source`,
    /// indices clamped to `valid`.
    @inline(__always)
    private func pass(
      _ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>, valid: Range<Int>,
      output: Range<Int>
    ) {
      guard !output.isEmpty else { return }
      let last = valid.upperBound - 1
      let scale = 1 / Float(2 * radius + 1)
      var red: Float = 0
      var green: Float = 0
      var blue: Float = 0
      for index in (output.lowerBound - radius)...(output.lowerBound + radius) {
        let offset = min(max(index, valid.lowerBound), last) * channels
        red += source[offset]
        green += source[offset + 1]
        blue += source[offset + 2]
      }
      for index in output {
        let offset = index * channels
        target[offset] = red * scale
        target[offset + 1] = green * scale
        target[offset + 2] = blue * scale
        let added = min(index + radius + 1, last) * channels
        let removed = max(index - radius, valid.lowerBound) * channels
        red += source[added] - source[removed]
        green += source[added + 1] - source[removed + 1]
        blue += source[added + 2] - source[removed + 2]
      }
    }
  }
}

/// A sample type the blur reads: 8-bit image samples or intermediate floats.
protocol BlurSample {
  /// The sample as a float.
  var floatValue: Float { get }
}

extension UInt8: BlurSample {
  /// The sample as a float.
  @inline(__always) var floatValue: Float { Float(self) }
}

extension Float: BlurSample {
  /// The sample itself.
  @inline(__always) var floatValue: Float { self }
}

import Dispatch

extension Image {
  /// Output rows each worker of a resize takes at a time; images with fewer rows than two such
  /// bands are resized on the calling thread.
  static let resizeBand = 64

  /// The image resampled to `width` x `height` with bilinear interpolation (pixel centres aligned,
  /// as most image tools do). Downscaling by more than 2x first averages 2x2 blocks so detail is
  /// not skipped. Bands of rows are computed on every core.
  public func resized(width: Int, height: Int) -> Image {
    guard width > 0, height > 0, width != self.width || height != self.height else { return self }
    if width * 2 <= self.width && height * 2 <= self.height {
      return halved().resized(width: width, height: height)
    }
    let channels = self.channels
    var output = [UInt8](repeating: 0, count: width * height * channels)
    let scaleX = Double(self.width) / Double(width)
    let scaleY = Double(self.height) / Double(height)
    let columns: [(Int, Int, Float)] = (0..<width).map { x in
      let source = min(max((Double(x) + 0.5) * scaleX - 0.5, 0), Double(self.width - 1))
      let left = Int(source)
      return (left, min(left + 1, self.width - 1), Float(source - Double(left)))
    }
    pixels.withUnsafeBufferPointer { source in
      output.withUnsafeMutableBufferPointer { destination in
        Self.forEachRow(height) { y in
          let sourceY = min(max((Double(y) + 0.5) * scaleY - 0.5, 0), Double(self.height - 1))
          let top = Int(sourceY)
          let bottom = min(top + 1, self.height - 1)
          let weightY = Float(sourceY - Double(top))
          let topRow = top * rowLength
          let bottomRow = bottom * rowLength
          var index = y * width * channels
          for (left, right, weightX) in columns {
            for channel in 0..<channels {
              let a = Float(source[topRow + left * channels + channel])
              let b = Float(source[topRow + right * channels + channel])
              let c = Float(source[bottomRow + left * channels + channel])
              let d = Float(source[bottomRow + right * channels + channel])
              let upper = a + (b - a) * weightX
              let lower = c + (d - c) * weightX
              destination[index] = UInt8(upper + (lower - upper) * weightY + 0.5)
              index += 1
            }
          }
        }
      }
    }
    return Image(width: width, height: height, layout: layout, pixels: output)
  }

  /// The image at half size, each pixel the mean of a 2x2 block.
  func halved() -> Image {
    let width = self.width / 2
    let height = self.height / 2
    let channels = self.channels
    var output = [UInt8](repeating: 0, count: width * height * channels)
    let rowLength = self.rowLength
    pixels.withUnsafeBufferPointer { source in
      output.withUnsafeMutableBufferPointer { destination in
        Self.forEachRow(height) { y in
          let upper = 2 * y * rowLength
          let lower = upper + rowLength
          var index = y * width * channels
          for x in 0..<width {
            let left = 2 * x * channels
            for channel in 0..<channels {
              let sum =
                Int(source[upper + left + channel]) + Int(source[upper + left + channels + channel])
                + Int(source[lower + left + channel])
                + Int(source[lower + left + channels + channel])
              destination[index] = UInt8((sum + 2) / 4)
              index += 1
            }
          }
        }
      }
    }
    return Image(width: width, height: height, layout: layout, pixels: output)
  }

  /// Runs `row` for every row in `0..<count`, bands of ``resizeBand`` rows on every core.
  /// `row` must only write its own row's pixels.
  private static func forEachRow(_ count: Int, _ row: (Int) -> Void) {
    let bands = (count + resizeBand - 1) / resizeBand
    guard bands > 1 else {
      for y in 0..<count { row(y) }
      return
    }
    withoutActuallyEscaping(row) { row in
      nonisolated(unsafe) let row = row
      DispatchQueue.concurrentPerform(iterations: bands) { band in
        for y in band * resizeBand..<min((band + 1) * resizeBand, count) { row(y) }
      }
    }
  }
}

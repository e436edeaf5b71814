import FaceGuardCore
import FaceRedaction

/// Synthetic images and measurements for the redaction tests.
enum RedactionTestSupport {
  /// A schematic face (skin-coloured ellipse, two dark eyes, a dark mouth) filling `face`, on a
  /// fine checkerboard.
  static func drawnFace(in face: Rect, width: Int, height: Int) -> Image {
    var image = Image(width: width, height: height, layout: .rgb)
    for y in 0..<height {
      for x in 0..<width {
        let px = Double(x) + 0.5 - face.midX
        let py = Double(y) + 0.5 - face.midY
        let skin = pow2(px / (face.width * 0.45)) + pow2(py / (face.height * 0.48)) < 1
        let eye = pow2(abs(px) - 20) + pow2(py + 15) < 64
        let mouth = abs(py - 25) < 4 && abs(px) < 22
        let colour: [UInt8]
        if skin && (eye || mouth) {
          colour = [20, 20, 20]
        } else if skin {
          colour = [230, 190, 160]
        } else {
          colour = (x / 3 + y / 3) % 2 == 0 ? [200, 200, 200] : [40, 40, 40]
        }
        let offset = (y * width + x) * 3
        image.pixels.replaceSubrange(offset..<(offset + 3), with: colour)
      }
    }
    return image
  }

  private static func pow2(_ value: Double) -> Double { value * value }

  /// The whole pixels a rectangle touches, clipped to the image: columns and rows, half open.
  static func pixels(touching rect: Rect, in image: Image) -> (x: Range<Int>, y: Range<Int>) {
    let left = min(max(Int(rect.x.rounded(.down)), 0), image.width)
    let right = min(max(Int(rect.maxX.rounded(.up)), left), image.width)
    let top = min(max(Int(rect.y.rounded(.down)), 0), image.height)
    let bottom = min(max(Int(rect.maxY.rounded(.up)), top), image.height)
    return (left..<right, top..<bottom)
  }

  /// Whether the centre of pixel (`x`, `y`) lies outside the mask of `face`: more than `margin`
  /// pixels outside the scaled shape and outside the pixels the face box touches.
  static func isOutsideMask(
    x: Int, y: Int, face: Rect, scale: Double, shape: MaskShape, margin: Double = 0.01
  ) -> Bool {
    let cx = Double(x) + 0.5
    let cy = Double(y) + 0.5
    if cx > face.x.rounded(.down) - margin && cx < face.maxX.rounded(.up) + margin
      && cy > face.y.rounded(.down) - margin && cy < face.maxY.rounded(.up) + margin
    {
      return false
    }
    let box = face.scaled(by: scale)
    switch shape {
    case .box:
      return cx < box.x - margin || cx > box.maxX + margin || cy < box.y - margin
        || cy > box.maxY + margin
    case .ellipse:
      let u = (cx - box.midX) / (box.width / 2 + margin)
      let v = (cy - box.midY) / (box.height / 2 + margin)
      return u * u + v * v > 1
    }
  }

  /// The red, green and blue samples of the pixels in `columns` x `rows`.
  static func rgbSamples(of image: Image, columns: Range<Int>, rows: Range<Int>) -> [Double] {
    var samples = [Double]()
    for y in rows {
      for x in columns {
        let offset = y * image.rowLength + x * image.channels
        for channel in 0..<3 { samples.append(Double(image.pixels[offset + channel])) }
      }
    }
    return samples
  }

  /// The variance of the samples of each colour channel, averaged over the channels.
  static func variance(of image: Image, columns: Range<Int>, rows: Range<Int>) -> Double {
    let samples = rgbSamples(of: image, columns: columns, rows: rows)
    var total = 0.0
    for channel in 0..<3 {
      let values = stride(from: channel, to: samples.count, by: 3).map { samples[$0] }
      let mean = values.reduce(0, +) / Double(values.count)
      total += values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
    }
    return total / 3
  }

  /// The mean squared difference between horizontally adjacent samples: the high-frequency energy
  /// left in the pixels.
  static func neighbourEnergy(of image: Image, columns: Range<Int>, rows: Range<Int>) -> Double {
    var total = 0.0
    var count = 0
    for y in rows {
      for x in columns.dropLast() {
        let offset = y * image.rowLength + x * image.channels
        for channel in 0..<3 {
          let difference =
            Double(image.pixels[offset + channel])
            - Double(image.pixels[offset + image.channels + channel])
          total += difference * difference
          count += 1
        }
      }
    }
    return count > 0 ? total / Double(count) : 0
  }

  /// The mean absolute difference of the red, green and blue samples of two images of equal size.
  static func meanAbsoluteDifference(
    _ first: Image, _ second: Image, columns: Range<Int>, rows: Range<Int>
  ) -> Double {
    let a = rgbSamples(of: first, columns: columns, rows: rows)
    let b = rgbSamples(of: second, columns: columns, rows: rows)
    return zip(a, b).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(max(a.count, 1))
  }

  /// The samples of pixel (`x`, `y`).
  static func pixel(_ image: Image, x: Int, y: Int) -> ArraySlice<UInt8> {
    let offset = y * image.rowLength + x * image.channels
    return image.pixels[offset..<(offset + image.channels)]
  }

  /// The pixels outside the mask of every face in `faces` whose samples differ between the images.
  static func changedOutsideMasks(
    _ original: Image, _ redacted: Image, faces: [Rect], scale: Double, shape: MaskShape
  ) -> Int {
    var changed = 0
    for y in 0..<original.height {
      for x in 0..<original.width
      where pixel(original, x: x, y: y) != pixel(redacted, x: x, y: y)
        && faces.allSatisfy({
          isOutsideMask(x: x, y: y, face: $0, scale: scale, shape: shape)
        })
      {
        changed += 1
      }
    }
    return changed
  }
}

import ArgumentParser
import FaceGuard
import Foundation

/// Benchmark photos composed from the sample portrait: copies of it scaled so that the faces
/// range from about 20 to 300 px, packed in rows on a grey background and encoded as JPEG.
enum GroupPhoto {
  /// Face heights placed in each photo, largest first.
  static let faceHeights: [Double] = [300, 220, 160, 120, 90, 70, 56, 44, 36, 30, 26, 22, 20]

  /// A 1920x1080 and a 3840x2160 group photo, JPEG quality 90.
  static func composedSamples(detector: any FaceDetector) throws -> [(name: String, bytes: [UInt8])]
  {
    let url = try ModelStore.standard().url(for: "astronaut.png")
    let portrait = try ImageDecoder.decode(Array(Data(contentsOf: url))).image
    guard let face = try detector.detect(in: portrait, threshold: 0.5).first else {
      throw ValidationError("no face found in the sample portrait \(url.path)")
    }
    return try [(1920, 1080), (3840, 2160)].map { width, height in
      let image = compose(
        portrait: portrait, faceHeight: face.box.height, width: width, height: height)
      let bytes = try ImageEncoder.encode(image, as: .jpeg, options: EncodeOptions(quality: 90))
      return ("group \(width)x\(height).jpg", bytes)
    }
  }

  static func compose(portrait: Image, faceHeight: Double, width: Int, height: Int) -> Image {
    var canvas = Image(width: width, height: height, layout: .rgb, repeating: 128)
    let scale = Double(height) / 2160
    var x = 0
    var y = 0
    var rowHeight = 0
    for target in faceHeights {
      let factor = target * max(scale, 0.5) / faceHeight
      let copy = portrait.resized(
        width: max(Int(Double(portrait.width) * factor), 8),
        height: max(Int(Double(portrait.height) * factor), 8))
      if x + copy.width > width {
        x = 0
        y += rowHeight
        rowHeight = 0
      }
      guard y + copy.height <= height else { break }
      paste(copy, into: &canvas, x: x, y: y)
      x += copy.width
      rowHeight = max(rowHeight, copy.height)
    }
    return canvas
  }

  static func paste(_ source: Image, into canvas: inout Image, x: Int, y: Int) {
    for row in 0..<source.height {
      for column in 0..<source.width {
        let from = (row * source.width + column) * source.channels
        let to = ((y + row) * canvas.width + x + column) * 3
        canvas.pixels[to] = source.pixels[from]
        canvas.pixels[to + 1] = source.pixels[from + 1]
        canvas.pixels[to + 2] = source.pixels[from + 2]
      }
    }
  }
}

import FaceDetection
import FaceGuardCore
import Foundation
import ImageCodecs

/// Benchmark photos composed from the seven different sample portraits (``SamplePortraits``):
/// head-and-shoulders crops scaled so that the faces range from 20 to 300 px, a third of them
/// 20-24 px as at the back of a crowd, packed in rows on a grey background, JPEG quality 90.
enum GroupPhoto {
  /// Face heights placed in each photo, largest first (repeated while the photo has room); the
  /// portraits take turns independently of the sizes, so every size shows different people.
  static let faceHeights: [Double] = [
    300, 220, 160, 120, 90, 70, 56, 44, 36, 30, 26, 24, 22, 20, 24, 21, 23, 20, 22,
  ]

  /// A composed photo and where its faces are.
  struct Sample {
    var name: String
    var bytes: [UInt8]
    var faces: [Rect]
  }

  /// A 1920x1080 and a 3840x2160 group photo.
  static func composedSamples() throws -> [Sample] {
    let portraits = try SamplePortraits.decoded()
    return try [(1920, 1080), (3840, 2160)].map { width, height in
      let (image, faces) = compose(portraits, width: width, height: height)
      let bytes = try ImageEncoder.encode(image, as: .jpeg, options: EncodeOptions(quality: 90))
      return Sample(name: "group-\(width)x\(height).jpg", bytes: bytes, faces: faces)
    }
  }

  static func compose(_ portraits: [CalibrationPortrait], width: Int, height: Int) -> (
    Image, [Rect]
  ) {
    let heads = portraits.map { portrait in
      let crop = Self.crop(around: portrait.face, in: portrait.image)
      return (image: portrait.image.cropped(to: crop), crop: crop, face: portrait.face)
    }
    var canvas = Image(width: width, height: height, layout: .rgb, repeating: 128)
    var faces: [Rect] = []
    var x = 0
    var y = 0
    var rowHeight = 0
    placing: while true {
      for target in faceHeights {
        let head = heads[faces.count % heads.count]
        let factor = target / head.face.height
        let copy = head.image.resized(
          width: Int(Double(head.image.width) * factor),
          height: Int(Double(head.image.height) * factor))
        if x + copy.width > width {
          x = 0
          y += rowHeight
          rowHeight = 0
        }
        guard y + copy.height <= height else { break placing }
        paste(copy, into: &canvas, x: x, y: y)
        faces.append(
          Rect(
            x: Double(x) + (head.face.x - Double(head.crop.x)) * factor,
            y: Double(y) + (head.face.y - Double(head.crop.y)) * factor,
            width: head.face.width * factor, height: head.face.height * factor))
        x += copy.width
        rowHeight = max(rowHeight, copy.height)
      }
    }
    return (canvas, faces)
  }

  /// The face box enlarged to head and shoulders, inside the portrait.
  static func crop(around face: Rect, in image: Image) -> PixelRect {
    let wide = face.scaled(by: 2.2)
    let left = max(Int(wide.x), 0)
    let top = max(Int(wide.y), 0)
    return PixelRect(
      x: left, y: top, width: min(Int(wide.maxX), image.width) - left,
      height: min(Int(wide.maxY), image.height) - top)
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

import FaceGuardCore
import Foundation
import ImageCodecs
import TestSupport
import Testing

/// The sample portrait and images derived from it.
enum Portrait {
  /// `models/astronaut.png` decoded and scaled to 256x256, where CenterFace still finds the face.
  static let image: Image = {
    guard let portrait = try? TestImages.portrait() else {
      Issue.record("the sample portrait is missing or unreadable; run scripts/setup.sh")
      return Image(width: 256, height: 256, layout: .rgb)
    }
    return portrait.resized(width: 256, height: 256)
  }()

  /// A `width` x `height` window of the portrait starting at (`x`, `y`).
  static func crop(x: Int, y: Int, width: Int, height: Int) -> Image {
    image.cropped(to: PixelRect(x: x, y: y, width: width, height: height))
  }

  /// The portrait mirrored left to right (a second, different good image).
  static var mirrored: Image { image.mirrored() }
}

/// The RGB samples of pixel (`x`, `y`) of `image`.
func rgbSamples(_ image: Image, _ x: Int, _ y: Int) -> [UInt8] {
  let start = (y * image.width + x) * image.channels
  return Array(image.pixels[start..<start + 3])
}

/// Encoding helpers.
enum Encoded {
  /// `image` as a JPEG at quality 90 with `metadata`.
  static func jpeg(_ image: Image, metadata: ImageMetadata = ImageMetadata()) throws -> [UInt8] {
    try ImageEncoder.encode(image, as: .jpeg, options: EncodeOptions(metadata: metadata))
  }

  /// `image` as an 8-bit PNG.
  static func png(_ image: Image) throws -> [UInt8] {
    try ImageEncoder.encode(image, as: .png, options: EncodeOptions())
  }
}

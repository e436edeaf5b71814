import CHeif
import CPNG
import CTurboJPEG
import FaceGuardCore
import Foundation
import TestSupport
import Testing

@testable import ImageCodecs

/// Images, metadata blocks and crafted files generated in code for the codec tests.
enum CodecTestFixtures {
  /// A smooth color gradient (JPEG- and WebP-friendly), RGB or RGBA with varying alpha.
  static func gradient(width: Int = 64, height: Int = 48, layout: Image.Layout = .rgb) -> Image {
    var pixels: [UInt8] = []
    pixels.reserveCapacity(width * height * layout.channels)
    for y in 0..<height {
      for x in 0..<width {
        pixels += [
          UInt8(x * 255 / (width - 1)), UInt8(y * 255 / (height - 1)), UInt8((x + y) % 256),
        ]
        if layout == .rgba { pixels.append(UInt8((x * 4 + y) % 256)) }
      }
    }
    return Image(width: width, height: height, layout: layout, pixels: pixels)
  }

  /// Pseudo-random samples: any lossy step would change them, so they test exactness.
  static func noise(width: Int = 17, height: Int = 13, layout: Image.Layout) -> Image {
    var state: UInt32 = 0x1234_5678
    let pixels = (0..<width * height * layout.channels).map { _ -> UInt8 in
      state = state &* 1_664_525 &+ 1_013_904_223
      return UInt8(truncatingIfNeeded: state >> 24)
    }
    return Image(width: width, height: height, layout: layout, pixels: pixels)
  }

  /// A minimal EXIF block: little-endian TIFF header and one IFD holding Orientation = 6.
  static let exif: [UInt8] = [
    0x49, 0x49, 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00,
  ]

  /// A small XMP packet.
  static let xmp: [UInt8] = Array(
    """
    <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\
    <rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:format="image/test"/></rdf:RDF></x:xmpmeta>
    """.utf8)

  /// A structurally valid ICC profile header padded to `size` bytes.
  static func iccProfile(size: Int = 300) -> [UInt8] { TestICCProfile.bytes(size: size) }

  /// All three metadata blocks.
  static var allMetadata: ImageMetadata {
    ImageMetadata(iccProfile: iccProfile(), exif: exif, xmp: xmp)
  }

  /// A PNG written by libpng from `samples` in a gray or color-mapped simplified-API `format`.
  static func libpngFile(
    width: Int, height: Int, format: UInt32, samples: [UInt8], colormap: [UInt8] = [],
    colormapEntries: Int = 0
  ) -> [UInt8]? {
    var image = png_image()
    image.version = UInt32(PNG_IMAGE_VERSION)
    image.width = UInt32(width)
    image.height = UInt32(height)
    image.format = format
    image.colormap_entries = UInt32(colormapEntries)
    defer { png_image_free(&image) }
    var size = 0
    let colormapPointer = colormap.isEmpty ? nil : colormap
    guard png_image_write_to_memory(&image, nil, &size, 0, samples, 0, colormapPointer) != 0 else {
      return nil
    }
    var output = [UInt8](repeating: 0, count: size)
    guard png_image_write_to_memory(&image, &output, &size, 0, samples, 0, colormapPointer) != 0
    else { return nil }
    return Array(output[..<size])
  }

  /// A PNG chunk with a correct CRC.
  static func pngChunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
    let body = Array(type.utf8) + data
    let crc = body.withUnsafeBufferPointer { CPNG.crc32(0, $0.baseAddress, UInt32($0.count)) }
    return bigEndian(data.count) + body + bigEndian(Int(crc))
  }

  /// The four big-endian bytes of `value`.
  static func bigEndian(_ value: Int) -> [UInt8] {
    (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) }
  }

  /// A PNG signature and IHDR claiming `width` x `height` RGB, and nothing else.
  static func pngHeader(width: Int, height: Int) -> [UInt8] {
    PNGChunks.signature
      + pngChunk("IHDR", bigEndian(width) + bigEndian(height) + [8, 2, 0, 0, 0])
  }

  /// SOI and a baseline frame header claiming `width` x `height` with three components.
  static func jpegHeader(width: Int, height: Int) -> [UInt8] {
    [
      0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08,
      UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8), UInt8(width & 0xFF),
      0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
    ]
  }

  /// A JPEG written by TurboJPEG from `samples` in `pixelFormat` (for CMYK, libjpeg adds the
  /// Adobe marker), or a gray JPEG with `TJSAMP_GRAY`.
  static func turboJPEG(
    width: Int, height: Int, samples: [UInt8], pixelFormat: TJPF, subsampling: TJSAMP
  ) -> [UInt8]? {
    guard let handle = tjInitCompress() else { return nil }
    defer { tjDestroy(handle) }
    var buffer: UnsafeMutablePointer<UInt8>?
    var size: UInt = 0
    defer { tjFree(buffer) }
    guard
      tjCompress2(
        handle, samples, Int32(width), 0, Int32(height), Int32(pixelFormat.rawValue), &buffer,
        &size, Int32(subsampling.rawValue), 95, 0) == 0, let buffer
    else { return nil }
    return Array(UnsafeBufferPointer(start: buffer, count: Int(size)))
  }

  /// An Adam7-interlaced 8-bit PNG of `image`, assembled chunk by chunk (libpng's simplified
  /// writer cannot interlace).
  static func interlacedPNG(of image: Image) -> [UInt8]? {
    let passes = [
      (0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2),
      (0, 1, 1, 2),
    ]
    var scanlines: [UInt8] = []
    for (x0, y0, dx, dy) in passes {
      let columns = Array(stride(from: x0, to: image.width, by: dx))
      guard !columns.isEmpty else { continue }
      for y in stride(from: y0, to: image.height, by: dy) {
        scanlines.append(0)
        for x in columns {
          let start = (y * image.width + x) * image.channels
          scanlines += image.pixels[start..<start + image.channels]
        }
      }
    }
    var capacity = compressBound(UInt(scanlines.count))
    var compressed = [UInt8](repeating: 0, count: Int(capacity))
    guard compress2(&compressed, &capacity, scanlines, UInt(scanlines.count), 6) == Z_OK else {
      return nil
    }
    let colorType: UInt8 = image.layout == .rgba ? 6 : 2
    return PNGChunks.signature
      + pngChunk(
        "IHDR", bigEndian(image.width) + bigEndian(image.height) + [8, colorType, 0, 0, 1])
      + pngChunk("IDAT", Array(compressed[..<Int(capacity)])) + pngChunk("IEND", [])
  }

  /// True when libheif has an HEVC encoder on this machine.
  static var canWriteHEIC: Bool { heif_have_encoder_for_format(heif_compression_HEVC) != 0 }

  /// A HEIC file of `image` at `bitDepth` (8 or 10) with the given metadata.
  static func heicFile(of image: Image, bitDepth: Int = 8, metadata: ImageMetadata) throws
    -> [UInt8]
  {
    try HEICTestFile.encode(image, bitDepth: bitDepth, metadata: metadata)
  }

  /// The mean absolute difference between the samples of two same-sized images.
  static func meanError(_ a: Image, _ b: Image) -> Double {
    let total = zip(a.pixels, b.pixels).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }
    return Double(total) / Double(a.pixels.count)
  }
}

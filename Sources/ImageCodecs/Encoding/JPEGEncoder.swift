import CTurboJPEG
import FaceGuardCore

/// Encodes images as baseline JPEG with TurboJPEG.
///
/// Chroma is subsampled 4:2:0 below quality 90 and kept at full resolution (4:4:4) from 90 up.
/// JPEG has no alpha channel: RGBA images are composited over white first.
enum JPEGEncoder {
  /// The JPEG bytes for `image`, with `options.metadata` embedded.
  static func encode(_ image: Image, options: EncodeOptions) throws(ImageCodecError) -> [UInt8] {
    let rgb = image.layout == .rgba ? AlphaFlattening.compositedOverWhite(image) : image.pixels
    guard let handle = tjInitCompress() else {
      throw .encodeFailed(.jpeg, detail: "the JPEG encoder could not be started")
    }
    defer { tjDestroy(handle) }
    let quality = options.clampedQuality
    let subsampling = quality < 90 ? TJSAMP_420 : TJSAMP_444
    var buffer: UnsafeMutablePointer<UInt8>?
    var size: UInt = 0
    let status = rgb.withUnsafeBufferPointer {
      tjCompress2(
        handle, $0.baseAddress, Int32(clamping: image.width), 0, Int32(clamping: image.height),
        Int32(TJPF_RGB.rawValue), &buffer, &size, Int32(subsampling.rawValue), Int32(quality),
        TJFLAG_ACCURATEDCT)
    }
    defer { tjFree(buffer) }
    guard status == 0, let buffer else {
      throw .encodeFailed(.jpeg, detail: String(cString: tjGetErrorStr2(handle)))
    }
    let jpeg = Array(UnsafeBufferPointer(start: buffer, count: Int(size)))
    return try JPEGMetadataWriter.embed(options.metadata, into: jpeg)
  }
}

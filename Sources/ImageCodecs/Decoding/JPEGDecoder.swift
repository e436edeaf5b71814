import CTurboJPEG
import FaceGuardCore

/// Decodes JPEG files with TurboJPEG into 8-bit RGB, with metadata and estimated quality.
///
/// libjpeg tolerates some damage and reports it as a warning. Benign warnings (such as stray bytes
/// between markers, common in camera files) are accepted; a file cut off inside its image data is
/// refused as truncated rather than written with its missing rows filled grey.
enum JPEGDecoder {
  /// Decodes `bytes`, checking the frame size against `limits` before allocating pixels.
  static func decode(_ bytes: [UInt8], limits: DecodeLimits) throws(ImageCodecError)
    -> DecodedImage
  {
    let structure = try JPEGStructure(parsing: bytes, limits: limits)
    guard let handle = tjInitDecompress() else {
      throw .unsupported("the JPEG decoder could not be started")
    }
    defer { tjDestroy(handle) }

    var width: Int32 = 0
    var height: Int32 = 0
    var subsampling: Int32 = 0
    var colorspace: Int32 = 0
    let headerStatus = bytes.withUnsafeBufferPointer {
      tjDecompressHeader3(
        handle, $0.baseAddress, UInt($0.count), &width, &height, &subsampling, &colorspace)
    }
    guard headerStatus == 0 else { throw failure(handle) }
    try limits.check(width: Int(width), height: Int(height), format: .jpeg)

    let isCMYK =
      colorspace == Int32(TJCS_CMYK.rawValue) || colorspace == Int32(TJCS_YCCK.rawValue)
    let pixelFormat = isCMYK ? TJPF_CMYK : TJPF_RGB
    let channels = isCMYK ? 4 : 3
    var samples = [UInt8](repeating: 0, count: Int(width) * Int(height) * channels)
    let status = bytes.withUnsafeBufferPointer { source in
      samples.withUnsafeMutableBufferPointer { destination in
        tjDecompress2(
          handle, source.baseAddress, UInt(source.count), destination.baseAddress, width, 0,
          height, Int32(pixelFormat.rawValue), TJFLAG_ACCURATEDCT | TJFLAG_LIMITSCANS)
      }
    }
    if status != 0 {
      guard tjGetErrorCode(handle) == Int32(TJERR_WARNING.rawValue) else { throw failure(handle) }
      if String(cString: tjGetErrorStr2(handle)).contains("Premature end") {
        throw .truncated(.jpeg)
      }
    }
    if isCMYK {
      samples = CMYKConversion.rgb(
        fromCMYK: samples, inverted: structure.hasAdobeMarker(in: bytes))
    }
    return DecodedImage(
      image: Image(width: Int(width), height: Int(height), layout: .rgb, pixels: samples),
      metadata: JPEGMetadataReader.read(from: structure, in: bytes),
      format: .jpeg,
      sourceBitDepth: 8,
      estimatedJPEGQuality: JPEGQualityEstimator.estimate(from: structure, in: bytes))
  }

  /// The decoder's last error as a Swift error.
  private static func failure(_ handle: tjhandle) -> ImageCodecError {
    .corrupt(.jpeg, detail: String(cString: tjGetErrorStr2(handle)))
  }
}

import FaceGuardCore

/// Writes memory images as JPEG, PNG or WebP files.
public enum ImageEncoder {
  /// The file bytes for `image` in `format`, embedding `options.metadata` as given.
  ///
  /// JPEG cannot store alpha: RGBA images are composited over white. HEIC cannot be written
  /// and throws `ImageCodecError.unsupported`.
  public static func encode(
    _ image: Image, as format: ImageFormat, options: EncodeOptions = EncodeOptions()
  ) throws(ImageCodecError) -> [UInt8] {
    switch format {
    case .jpeg: return try JPEGEncoder.encode(image, options: options)
    case .png: return try PNGEncoder.encode(image, options: options)
    case .webp: return try WebPEncoder.encode(image, options: options)
    case .heic: throw .unsupported("writing HEIC is not supported; choose JPEG, PNG or WebP")
    }
  }
}

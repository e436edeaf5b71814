/// Why an image could not be read or written. Messages do not name the file; the caller adds it.
public enum ImageCodecError: Error, CustomStringConvertible, Equatable {
  /// The file holds no bytes.
  case empty
  /// The bytes are not a JPEG, PNG, WebP or HEIC image.
  case unrecognizedFormat
  /// The file ends before the image is complete.
  case truncated(ImageFormat)
  /// The file is damaged; `detail` says how (usually the codec library's message).
  case corrupt(ImageFormat, detail: String)
  /// The image has more pixels than the decode limit allows.
  case tooLarge(width: Int, height: Int, limit: Int)
  /// The file uses a feature FaceGuard cannot handle.
  case unsupported(String)
  /// Writing the image failed.
  case encodeFailed(ImageFormat, detail: String)

  /// A sentence a user understands.
  public var description: String {
    switch self {
    case .empty:
      "the file is empty"
    case .unrecognizedFormat:
      "the file is not a JPEG, PNG, WebP or HEIC image"
    case .truncated(let format):
      "the \(format.displayName) image is cut off (the file is incomplete)"
    case .corrupt(let format, let detail):
      "the \(format.displayName) image is damaged: \(detail)"
    case .tooLarge(let width, let height, let limit):
      "the image is \(width)x\(height) pixels, more than the limit of \(limit) pixels"
    case .unsupported(let detail):
      "unsupported image: \(detail)"
    case .encodeFailed(let format, let detail):
      "could not write the \(format.displayName) image: \(detail)"
    }
  }
}

/// A still-image file format FaceGuard reads (and, except HEIC, writes).
public enum ImageFormat: String, Sendable, CaseIterable {
  /// JPEG (JFIF / Exif).
  case jpeg
  /// Portable Network Graphics.
  case png
  /// WebP, lossy or lossless.
  case webp
  /// HEIF with HEVC-coded images (HEIC); read only.
  case heic

  /// The formats FaceGuard writes.
  public static let writable: [ImageFormat] = [.jpeg, .png, .webp]

  /// The name users know the format by.
  public var displayName: String {
    switch self {
    case .jpeg: "JPEG"
    case .png: "PNG"
    case .webp: "WebP"
    case .heic: "HEIC"
    }
  }

  /// The usual file name extension, without the dot.
  public var fileExtension: String {
    switch self {
    case .jpeg: "jpg"
    case .png: "png"
    case .webp: "webp"
    case .heic: "heic"
    }
  }

  /// Detects the format from the first bytes of a file (its "magic number"); `nil` when the
  /// bytes match none of the supported formats.
  public init?(sniffing bytes: [UInt8]) {
    if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
      self = .jpeg
    } else if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
      self = .png
    } else if bytes.count >= 12, bytes[0..<4].elementsEqual(Array("RIFF".utf8)),
      bytes[8..<12].elementsEqual(Array("WEBP".utf8))
    {
      self = .webp
    } else if Self.isHEIC(bytes) {
      self = .heic
    } else {
      return nil
    }
  }

  /// Detects the format from a file name extension such as `"JPG"` or `".heif"`
  /// (case-insensitive); `nil` for unknown extensions.
  public init?(fileExtension: String) {
    var ext = fileExtension.lowercased()
    if ext.hasPrefix(".") { ext.removeFirst() }
    switch ext {
    case "jpg", "jpeg", "jpe", "jfif": self = .jpeg
    case "png": self = .png
    case "webp": self = .webp
    case "heic", "heif", "hif": self = .heic
    default: return nil
    }
  }

  /// HEVC brands of the ISO-BMFF `ftyp` box that mark a HEIC file.
  private static let heicBrands: Set<String> = [
    "heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs",
  ]

  /// True when the bytes start with an `ftyp` box naming a HEVC brand, as major or compatible brand.
  private static func isHEIC(_ bytes: [UInt8]) -> Bool {
    guard bytes.count >= 16, bytes[4..<8].elementsEqual(Array("ftyp".utf8)) else { return false }
    let boxSize = bytes.uint32BE(at: 0)
    let boxEnd = min(max(boxSize, 16), bytes.count)
    var offset = 8
    while offset + 4 <= boxEnd {
      let brand = String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
      if heicBrands.contains(brand) { return true }
      // Skip the minor version that follows the major brand.
      offset += offset == 8 ? 8 : 4
    }
    return false
  }
}

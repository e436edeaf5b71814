/// Why an EXIF payload could not be read. A photo with unreadable EXIF is still processed: its
/// orientation counts as `.up` and the EXIF is left out of the output.
public enum EXIFError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The payload is shorter than the 8-byte TIFF header.
  case truncatedHeader
  /// The payload starts with neither `II` (little-endian) nor `MM` (big-endian).
  case unknownByteOrder
  /// The TIFF header does not carry the number 42.
  case badMagicNumber(UInt16)
  /// A directory lies partly or wholly outside the payload.
  case directoryOutOfBounds(offset: Int)
  /// A directory link points back to a directory already read.
  case cyclicDirectoryLinks(offset: Int)
  /// A link to a sub-directory (Exif or GPS) is not a single offset.
  case malformedDirectoryLink(tag: UInt16)

  /// A message for the user.
  public var description: String {
    switch self {
    case .truncatedHeader:
      "EXIF data is too short to hold a TIFF header"
    case .unknownByteOrder:
      "EXIF data does not start with a TIFF byte-order mark (II or MM)"
    case .badMagicNumber(let number):
      "EXIF data has TIFF identifier \(number) instead of 42"
    case .directoryOutOfBounds(let offset):
      "EXIF directory at byte \(offset) lies outside the EXIF data"
    case .cyclicDirectoryLinks(let offset):
      "EXIF directory links loop back to the directory at byte \(offset)"
    case .malformedDirectoryLink(let tag):
      "EXIF link to a sub-directory (tag 0x\(String(tag, radix: 16, uppercase: true))) is malformed"
    }
  }
}

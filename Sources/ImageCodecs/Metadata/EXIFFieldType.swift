/// The TIFF data type of an EXIF field's value.
public enum EXIFFieldType: UInt16, Sendable, Equatable {
  /// Unsigned 8-bit integers.
  case byte = 1
  /// NUL-terminated 7-bit text.
  case ascii = 2
  /// Unsigned 16-bit integers.
  case short = 3
  /// Unsigned 32-bit integers.
  case long = 4
  /// Pairs of unsigned 32-bit integers, numerator then denominator.
  case rational = 5
  /// Signed 8-bit integers.
  case signedByte = 6
  /// Bytes with a meaning the tag defines.
  case undefined = 7
  /// Signed 16-bit integers.
  case signedShort = 8
  /// Signed 32-bit integers.
  case signedLong = 9
  /// Pairs of signed 32-bit integers, numerator then denominator.
  case signedRational = 10
  /// IEEE 754 single-precision numbers.
  case float = 11
  /// IEEE 754 double-precision numbers.
  case double = 12
  /// Unsigned 32-bit offsets of sub-directories.
  case directory = 13

  /// Bytes one value of this type takes.
  public var size: Int {
    switch self {
    case .byte, .ascii, .signedByte, .undefined: 1
    case .short, .signedShort: 2
    case .long, .signedLong, .float, .directory: 4
    case .rational, .signedRational, .double: 8
    }
  }

  /// Bytes of the smallest number inside one value that has a byte order: rationals are two
  /// 32-bit numbers.
  var byteOrderUnit: Int {
    switch self {
    case .rational, .signedRational: 4
    default: size
    }
  }
}

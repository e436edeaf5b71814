/// One field of an EXIF directory.
public struct EXIFEntry: Sendable, Equatable {
  /// The tag number (see `EXIFTag`).
  public var tag: UInt16
  /// The data type of the values.
  public var type: EXIFFieldType
  /// The number of values.
  public var count: Int
  /// The values' bytes, `count * type.size` of them, always little-endian whatever the byte order
  /// of the payload they came from.
  public var data: [UInt8]

  /// Creates a field from little-endian value bytes; `data` must hold `count * type.size` bytes.
  init(tag: UInt16, type: EXIFFieldType, count: Int, data: [UInt8]) {
    self.tag = tag
    self.type = type
    self.count = count
    self.data = data
  }

  /// The values as unsigned integers, for BYTE, SHORT, LONG and IFD fields; `nil` for others.
  public var unsignedIntegers: [UInt32]? {
    switch type {
    case .byte: return data.map(UInt32.init)
    case .short: return (0..<count).map { UInt32(data.uint16LE(at: $0 * 2)) }
    case .long, .directory: return (0..<count).map { UInt32(data.uint32LE(at: $0 * 4)) }
    default: return nil
    }
  }

  /// The values as numerator-denominator pairs, for RATIONAL fields; `nil` for others.
  public var rationals: [(numerator: UInt32, denominator: UInt32)]? {
    guard type == .rational else { return nil }
    return (0..<count).map {
      (UInt32(data.uint32LE(at: $0 * 8)), UInt32(data.uint32LE(at: $0 * 8 + 4)))
    }
  }

  /// The text of an ASCII field up to its first NUL; `nil` for other types or invalid UTF-8.
  public var text: String? {
    guard type == .ascii else { return nil }
    return String(validating: data.prefix { $0 != 0 }, as: UTF8.self)
  }
}

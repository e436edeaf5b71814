/// Bounds-checked reads of 16- and 32-bit numbers from a TIFF payload in its byte order.
struct TIFFByteReader {
  /// The payload.
  let bytes: [UInt8]
  /// Whether numbers are stored most significant byte first (`MM`).
  let isBigEndian: Bool

  /// Whether `length` bytes starting at `offset` lie inside the payload.
  func contains(offset: Int, length: Int) -> Bool {
    offset >= 0 && length >= 0 && offset <= bytes.count && length <= bytes.count - offset
  }

  /// The 16-bit number at `offset`, or `nil` if it lies outside the payload.
  func uint16(at offset: Int) -> UInt16? {
    guard contains(offset: offset, length: 2) else { return nil }
    return UInt16(isBigEndian ? bytes.uint16BE(at: offset) : bytes.uint16LE(at: offset))
  }

  /// The 32-bit number at `offset`, or `nil` if it lies outside the payload.
  func uint32(at offset: Int) -> UInt32? {
    guard contains(offset: offset, length: 4) else { return nil }
    return UInt32(isBigEndian ? bytes.uint32BE(at: offset) : bytes.uint32LE(at: offset))
  }

  /// `count` values of `type` starting at `offset`, converted to little-endian; `nil` if they lie
  /// outside the payload.
  func littleEndianValues(of type: EXIFFieldType, count: Int, at offset: Int) -> [UInt8]? {
    guard count <= bytes.count, contains(offset: offset, length: count * type.size) else {
      return nil
    }
    var values = Array(bytes[offset..<offset + count * type.size])
    let unit = type.byteOrderUnit
    if isBigEndian && unit > 1 {
      for start in stride(from: 0, to: values.count, by: unit) {
        values[start..<start + unit].reverse()
      }
    }
    return values
  }
}

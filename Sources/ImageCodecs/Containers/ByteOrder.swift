/// Reading integers of either byte order from bytes, for the JPEG, PNG, WebP, HEIF and TIFF (EXIF)
/// structures. Readers do not check bounds: the caller checks that the bytes exist.
extension Collection where Element == UInt8, Index == Int {
  /// The 16-bit big-endian value at `offset`.
  func uint16BE(at offset: Int) -> Int {
    Int(self[offset]) << 8 | Int(self[offset + 1])
  }

  /// The 32-bit big-endian value at `offset`.
  func uint32BE(at offset: Int) -> Int {
    uint16BE(at: offset) << 16 | uint16BE(at: offset + 2)
  }

  /// The 16-bit little-endian value at `offset`.
  func uint16LE(at offset: Int) -> Int {
    Int(self[offset]) | Int(self[offset + 1]) << 8
  }

  /// The 32-bit little-endian value at `offset`.
  func uint32LE(at offset: Int) -> Int {
    uint16LE(at: offset) | uint16LE(at: offset + 2) << 16
  }
}

/// Writing integers of either byte order.
extension Array where Element == UInt8 {
  /// Appends `value` as two big-endian bytes.
  mutating func appendUInt16BE(_ value: Int) {
    append(UInt8(truncatingIfNeeded: value >> 8))
    append(UInt8(truncatingIfNeeded: value))
  }

  /// Appends `value` as four big-endian bytes.
  mutating func appendUInt32BE(_ value: Int) {
    appendUInt16BE(value >> 16)
    appendUInt16BE(value)
  }

  /// Appends `value` as two little-endian bytes.
  mutating func appendUInt16LE(_ value: Int) {
    append(UInt8(truncatingIfNeeded: value))
    append(UInt8(truncatingIfNeeded: value >> 8))
  }

  /// Appends `value` as four little-endian bytes.
  mutating func appendUInt32LE(_ value: Int) {
    appendUInt16LE(value)
    appendUInt16LE(value >> 16)
  }
}

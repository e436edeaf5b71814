/// Big-endian integer reading and writing on byte arrays, for JPEG, PNG and HEIF structures.
extension Array where Element == UInt8 {
  /// The 16-bit big-endian value at `offset`; the caller checks that two bytes exist.
  func uint16BE(at offset: Int) -> Int {
    Int(self[offset]) << 8 | Int(self[offset + 1])
  }

  /// The 32-bit big-endian value at `offset`; the caller checks that four bytes exist.
  func uint32BE(at offset: Int) -> Int {
    Int(self[offset]) << 24 | Int(self[offset + 1]) << 16 | Int(self[offset + 2]) << 8
      | Int(self[offset + 3])
  }

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
}

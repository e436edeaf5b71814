/// Bounds-checked little-endian reads from the bytes of a FlatBuffers file.
///
/// Every read checks that it stays inside the file and throws ``ModelError/malformed(_:)``
/// otherwise, so damaged or hostile files can never make the reader crash.
struct FlatBuffer {
  /// The whole file.
  let bytes: [UInt8]

  /// The table the file's leading offset points to.
  func rootTable() throws -> FlatBufferTable {
    try FlatBufferTable(buffer: self, position: try offsetTarget(at: 0))
  }

  /// Checks that `count` bytes starting at `position` lie inside the file.
  func checkRange(_ position: Int, count: Int) throws {
    guard position >= 0, count >= 0, position <= bytes.count, count <= bytes.count - position
    else {
      throw ModelError.malformed(
        "\(count) bytes at offset \(position) run past the end of the \(bytes.count)-byte file")
    }
  }

  /// The unsigned little-endian integer of `size` bytes at `position`.
  func unsigned(at position: Int, size: Int) throws -> UInt64 {
    try checkRange(position, count: size)
    var result: UInt64 = 0
    for index in (0..<size).reversed() {
      result = result << 8 | UInt64(bytes[position + index])
    }
    return result
  }

  /// The 16-bit unsigned integer at `position`.
  func uint16(at position: Int) throws -> UInt16 {
    UInt16(try unsigned(at: position, size: 2))
  }

  /// The 32-bit unsigned integer at `position`.
  func uint32(at position: Int) throws -> UInt32 {
    UInt32(try unsigned(at: position, size: 4))
  }

  /// The 32-bit signed integer at `position`.
  func int32(at position: Int) throws -> Int32 {
    Int32(bitPattern: try uint32(at: position))
  }

  /// Follows the unsigned offset stored at `position`, which counts from `position` itself.
  func offsetTarget(at position: Int) throws -> Int {
    let target = position + Int(try uint32(at: position))
    try checkRange(target, count: 4)
    return target
  }
}

/// A FlatBuffers vector: a 32-bit element count followed by the elements.
///
/// The whole element range is checked against the file when the vector is opened.
struct FlatBufferVector {
  /// The file the vector lives in.
  let buffer: FlatBuffer
  /// Where the first element starts.
  let start: Int
  /// The number of elements.
  let count: Int
  /// The size of one element in bytes.
  let elementSize: Int

  /// Reads the length at `position` and checks every element lies inside the file.
  init(buffer: FlatBuffer, position: Int, elementSize: Int) throws {
    let count = Int(try buffer.uint32(at: position))
    let start = position + 4
    guard count <= (buffer.bytes.count - min(start, buffer.bytes.count)) / elementSize else {
      throw ModelError.malformed(
        "vector of \(count) elements at offset \(position) runs past the end of the file")
    }
    self.buffer = buffer
    self.start = start
    self.count = count
    self.elementSize = elementSize
  }

  /// The raw bytes of every element.
  func uint8Values() throws -> ArraySlice<UInt8> {
    try buffer.checkRange(start, count: count * elementSize)
    return buffer.bytes[start..<(start + count * elementSize)]
  }

  /// The elements of a `[ushort]` vector.
  func uint16Values() throws -> [UInt16] {
    try (0..<count).map { try buffer.uint16(at: start + 2 * $0) }
  }

  /// The elements of an `[int]` vector.
  func int32Values() throws -> [Int32] {
    try (0..<count).map { try buffer.int32(at: start + 4 * $0) }
  }

  /// The elements of a vector of tables.
  func tables() throws -> [FlatBufferTable] {
    try (0..<count).map {
      try FlatBufferTable(buffer: buffer, position: try buffer.offsetTarget(at: start + 4 * $0))
    }
  }
}

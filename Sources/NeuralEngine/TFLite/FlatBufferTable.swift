/// One table of a FlatBuffers file: a record whose fields are located through its vtable.
///
/// Fields are numbered in schema order starting at 0; absent fields read as their default.
/// A union field takes two numbers, its type tag first and then its value.
struct FlatBufferTable {
  /// The file the table lives in.
  let buffer: FlatBuffer
  /// Where the table starts in the file.
  let position: Int
  /// Where its vtable starts in the file.
  private let vtable: Int
  /// The vtable length in bytes.
  private let vtableSize: Int

  /// Reads the table header at `position` and checks its vtable lies inside the file.
  init(buffer: FlatBuffer, position: Int) throws {
    self.buffer = buffer
    self.position = position
    let vtable = position - Int(try buffer.int32(at: position))
    let vtableSize = Int(try buffer.uint16(at: vtable))
    guard vtableSize >= 4, vtableSize % 2 == 0 else {
      throw ModelError.malformed("table at offset \(position) has a vtable of \(vtableSize) bytes")
    }
    try buffer.checkRange(vtable, count: vtableSize)
    self.vtable = vtable
    self.vtableSize = vtableSize
  }

  /// Where field `field` is stored, or `nil` when the table leaves it out.
  func fieldPosition(_ field: Int) throws -> Int? {
    let entry = 4 + 2 * field
    guard entry + 2 <= vtableSize else { return nil }
    let offset = Int(try buffer.uint16(at: vtable + entry))
    return offset == 0 ? nil : position + offset
  }

  /// An unsigned scalar field of `size` bytes.
  private func unsigned(_ field: Int, size: Int, default value: UInt64) throws -> UInt64 {
    guard let position = try fieldPosition(field) else { return value }
    return try buffer.unsigned(at: position, size: size)
  }

  /// A `ubyte` or `bool` field.
  func uint8(_ field: Int, default value: UInt8 = 0) throws -> UInt8 {
    UInt8(try unsigned(field, size: 1, default: UInt64(value)))
  }

  /// A `byte` field.
  func int8(_ field: Int, default value: Int8 = 0) throws -> Int8 {
    Int8(bitPattern: try uint8(field, default: UInt8(bitPattern: value)))
  }

  /// A `bool` field.
  func bool(_ field: Int, default value: Bool = false) throws -> Bool {
    try uint8(field, default: value ? 1 : 0) != 0
  }

  /// An `int` field.
  func int32(_ field: Int, default value: Int32 = 0) throws -> Int32 {
    Int32(
      truncatingIfNeeded: try unsigned(field, size: 4, default: UInt64(UInt32(bitPattern: value))))
  }

  /// A `uint` field.
  func uint32(_ field: Int, default value: UInt32 = 0) throws -> UInt32 {
    UInt32(try unsigned(field, size: 4, default: UInt64(value)))
  }

  /// A `ulong` field.
  func uint64(_ field: Int, default value: UInt64 = 0) throws -> UInt64 {
    try unsigned(field, size: 8, default: value)
  }

  /// A table-valued field, or `nil` when absent.
  func table(_ field: Int) throws -> FlatBufferTable? {
    guard let position = try fieldPosition(field) else { return nil }
    return try FlatBufferTable(buffer: buffer, position: try buffer.offsetTarget(at: position))
  }

  /// A vector-valued field whose elements take `elementSize` bytes, or `nil` when absent.
  func vector(_ field: Int, elementSize: Int) throws -> FlatBufferVector? {
    guard let position = try fieldPosition(field) else { return nil }
    return try FlatBufferVector(
      buffer: buffer, position: try buffer.offsetTarget(at: position), elementSize: elementSize)
  }

  /// A string field decoded as UTF-8 (invalid sequences repaired), or `nil` when absent.
  func string(_ field: Int) throws -> String? {
    guard let characters = try vector(field, elementSize: 1) else { return nil }
    return String(decoding: try characters.uint8Values(), as: UTF8.self)
  }
}

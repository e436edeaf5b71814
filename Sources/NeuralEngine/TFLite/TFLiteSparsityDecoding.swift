extension TFLiteSparsity {
  /// Decodes a `SparsityParameters` table.
  init(table: FlatBufferTable) throws {
    traversalOrder = try (table.vector(0, elementSize: 4)?.int32Values() ?? []).map { Int($0) }
    blockMap = try (table.vector(1, elementSize: 4)?.int32Values() ?? []).map { Int($0) }
    dimensions = try (table.vector(2, elementSize: 4)?.tables() ?? []).map(Self.dimension(of:))
  }

  /// Decodes a `DimensionMetadata` table.
  private static func dimension(of table: FlatBufferTable) throws -> Dimension {
    switch try table.int8(0) {
    case 0:
      return .dense(size: Int(try table.int32(1)))
    case 1:
      return .sparseCSR(
        segments: try indexVector(table, typeField: 2, valueField: 3, role: "segments"),
        indices: try indexVector(table, typeField: 4, valueField: 5, role: "indices"))
    case let format:
      throw ModelError.unsupportedFeature("sparse dimension format \(format)")
    }
  }

  /// Decodes a `SparseIndexVector` union: an `Int32Vector`, `Uint16Vector` or `Uint8Vector`.
  private static func indexVector(
    _ table: FlatBufferTable, typeField: Int, valueField: Int, role: String
  ) throws -> [Int] {
    let kind = try table.uint8(typeField)
    guard let vectorTable = try table.table(valueField) else {
      throw ModelError.malformed("a sparse dimension has no array \(role)")
    }
    switch kind {
    case 1:
      return try (vectorTable.vector(0, elementSize: 4)?.int32Values() ?? []).map { Int($0) }
    case 2:
      return try (vectorTable.vector(0, elementSize: 2)?.uint16Values() ?? []).map { Int($0) }
    case 3:
      return try (vectorTable.vector(0, elementSize: 1)?.uint8Values() ?? []).map { Int($0) }
    default:
      throw ModelError.malformed("sparse dimension array \(role) has vector type \(kind)")
    }
  }
}

/// The parts of a TFLite model file the reader uses, decoded from the FlatBuffers tables of
/// `tensorflow/lite/schema/schema.fbs` (only the first subgraph, which is the one that runs).
struct TFLiteModel {
  /// One tensor of the subgraph.
  struct TensorInfo {
    /// The declared shape; empty for a scalar.
    var shape: [Int]
    /// The `TensorType` code.
    var type: Int
    /// The data of a constant tensor, empty for activations.
    var data: ArraySlice<UInt8>
    /// The tensor's name.
    var name: String
    /// The sparse encoding of `data`, for tensors stored sparsely.
    var sparsity: TFLiteSparsity?
  }

  /// One operator of the subgraph.
  struct OperatorInfo {
    /// The `BuiltinOperator` code.
    var builtinCode: Int
    /// Tensor indices read; `-1` marks an omitted optional input.
    var inputs: [Int]
    /// Tensor indices written.
    var outputs: [Int]
    /// The `BuiltinOptions` union tag, 0 when the operator has no options.
    var optionsType: Int
    /// The options table, when present.
    var options: FlatBufferTable?
  }

  /// Every tensor, by index.
  var tensors: [TensorInfo]
  /// The operators in execution order.
  var operators: [OperatorInfo]
  /// Tensor indices of the inputs.
  var inputs: [Int]
  /// Tensor indices of the outputs.
  var outputs: [Int]

  /// Decodes a model from the bytes of a `.tflite` file.
  init(bytes: [UInt8]) throws {
    let file = FlatBuffer(bytes: bytes)
    let model = try file.rootTable()
    guard let subgraph = try model.vector(2, elementSize: 4)?.tables().first else {
      throw ModelError.malformed("the model has no subgraph")
    }
    let buffers = try model.vector(4, elementSize: 4)?.tables() ?? []
    let codes = try (model.vector(1, elementSize: 4)?.tables() ?? []).map(Self.builtinCode(of:))

    tensors = try (subgraph.vector(0, elementSize: 4)?.tables() ?? []).map {
      try Self.tensor($0, buffers: buffers, file: file)
    }
    inputs = try Self.indices(subgraph, field: 1)
    outputs = try Self.indices(subgraph, field: 2)
    operators = try (subgraph.vector(3, elementSize: 4)?.tables() ?? []).map { table in
      let opcodeIndex = Int(try table.uint32(0))
      guard codes.indices.contains(opcodeIndex) else {
        throw ModelError.malformed(
          "an operator uses operator code \(opcodeIndex) of \(codes.count)")
      }
      return OperatorInfo(
        builtinCode: codes[opcodeIndex], inputs: try Self.indices(table, field: 1),
        outputs: try Self.indices(table, field: 2), optionsType: Int(try table.uint8(3)),
        options: try table.table(4))
    }
    let count = tensors.count
    for index in inputs + outputs + operators.flatMap({ $0.inputs + $0.outputs })
    where index != -1 && !(0..<count).contains(index) {
      throw ModelError.malformed("tensor index \(index) is outside the \(count) tensors")
    }
  }

  /// The builtin code of an `OperatorCode` table: the larger of the old 8-bit and the new 32-bit
  /// field, since writers fill the old one with 127 when the code does not fit.
  private static func builtinCode(of table: FlatBufferTable) throws -> Int {
    max(Int(try table.int8(0)), Int(try table.int32(3)))
  }

  /// An `[int]` field holding tensor indices.
  private static func indices(_ table: FlatBufferTable, field: Int) throws -> [Int] {
    try (table.vector(field, elementSize: 4)?.int32Values() ?? []).map { Int($0) }
  }

  /// Decodes a `Tensor` table, attaching the contents of its buffer.
  private static func tensor(
    _ table: FlatBufferTable, buffers: [FlatBufferTable], file: FlatBuffer
  ) throws -> TensorInfo {
    let name = try table.string(3) ?? ""
    let shape = try (table.vector(0, elementSize: 4)?.int32Values() ?? []).map { Int($0) }
    guard shape.allSatisfy({ $0 >= 0 }) else {
      throw ModelError.malformed("tensor \(name) has shape \(shape)")
    }
    let bufferIndex = Int(try table.uint32(2))
    guard bufferIndex == 0 || buffers.indices.contains(bufferIndex) else {
      throw ModelError.malformed("tensor \(name) uses buffer \(bufferIndex) of \(buffers.count)")
    }
    let data = bufferIndex == 0 ? [] : try bufferData(buffers[bufferIndex], file: file)
    return TensorInfo(
      shape: shape, type: Int(try table.int8(1)), data: data, name: name,
      sparsity: try table.table(6).map { try TFLiteSparsity(table: $0) })
  }

  /// The bytes of a `Buffer` table: inline, or for files over 2 GB at an offset from the start.
  private static func bufferData(
    _ table: FlatBufferTable, file: FlatBuffer
  ) throws -> ArraySlice<UInt8> {
    if let inline = try table.vector(0, elementSize: 1) { return try inline.uint8Values() }
    let offset = try table.uint64(1)
    let size = try table.uint64(2)
    guard offset > 1 else { return [] }
    guard offset <= UInt64(file.bytes.count), size <= UInt64(file.bytes.count) else {
      throw ModelError.malformed(
        "a buffer of \(size) bytes at offset \(offset) is outside the file")
    }
    try file.checkRange(Int(offset), count: Int(size))
    return file.bytes[Int(offset)..<Int(offset + size)]
  }
}

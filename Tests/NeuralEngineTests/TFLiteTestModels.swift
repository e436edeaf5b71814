import Foundation

extension TFLiteTestModelBuilder {
  /// A FlatBuffers object to serialize into a synthetic model file.
  indirect enum Object {
    /// A table; `fields[i]` is field `i`, `nil` when absent.
    case table([Field?])
    /// A vector of tables.
    case tables([Object])
    /// An `[int]` vector.
    case int32s([Int32])
    /// A `[ubyte]` vector.
    case bytes([UInt8])
    /// A string.
    case string(String)

    /// The serialized file with this object as its root table.
    func serialized() -> [UInt8] {
      var output = [UInt8](repeating: 0, count: 4)
      let root = place(into: &output)
      output.patch(UInt32(root), at: 0)
      return output
    }

    /// Appends the object, then everything it refers to, and returns where the object starts.
    private func place(into output: inout [UInt8]) -> Int {
      switch self {
      case .table(let fields):
        let vtable = output.count
        let sizes = fields.map { $0?.size ?? 0 }
        var fieldOffsets = [Int]()
        var next = 4
        for size in sizes {
          fieldOffsets.append(size == 0 ? 0 : next)
          next += size
        }
        output.appendLittleEndian(UInt64(4 + 2 * fields.count), size: 2)
        output.appendLittleEndian(UInt64(next), size: 2)
        for offset in fieldOffsets { output.appendLittleEndian(UInt64(offset), size: 2) }
        let table = output.count
        output.appendLittleEndian(UInt64(table - vtable), size: 4)
        var references = [(position: Int, object: Object)]()
        for field in fields {
          switch field {
          case nil: break
          case .scalar(let value, let size)?: output.appendLittleEndian(value, size: size)
          case .object(let object)?:
            references.append((output.count, object))
            output.appendLittleEndian(0, size: 4)
          }
        }
        for reference in references {
          let target = reference.object.place(into: &output)
          output.patch(UInt32(target - reference.position), at: reference.position)
        }
        return table
      case .tables(let elements):
        let start = output.count
        output.appendLittleEndian(UInt64(elements.count), size: 4)
        output.append(contentsOf: [UInt8](repeating: 0, count: 4 * elements.count))
        for (index, element) in elements.enumerated() {
          let slot = start + 4 + 4 * index
          output.patch(UInt32(element.place(into: &output) - slot), at: slot)
        }
        return start
      case .int32s(let values):
        let start = output.count
        output.appendLittleEndian(UInt64(values.count), size: 4)
        for value in values {
          output.appendLittleEndian(UInt64(UInt32(bitPattern: value)), size: 4)
        }
        return start
      case .bytes(let values):
        let start = output.count
        output.appendLittleEndian(UInt64(values.count), size: 4)
        output.append(contentsOf: values)
        return start
      case .string(let text):
        let start = Object.bytes(Array(text.utf8)).place(into: &output)
        output.append(0)
        return start
      }
    }
  }

  /// One field of a synthetic FlatBuffers table.
  enum Field {
    /// A little-endian scalar of `size` bytes.
    case scalar(UInt64, size: Int)
    /// An offset to another object.
    case object(Object)

    /// Bytes the field takes inside its table.
    var size: Int {
      switch self {
      case .scalar(_, let size): return size
      case .object: return 4
      }
    }

    /// An `int` field.
    static func int32(_ value: Int32) -> Field {
      .scalar(UInt64(UInt32(bitPattern: value)), size: 4)
    }

    /// A `byte` or `ubyte` field.
    static func int8(_ value: Int8) -> Field {
      .scalar(UInt64(UInt8(bitPattern: value)), size: 1)
    }
  }

}

extension [UInt8] {
  /// Appends `value` as `size` little-endian bytes.
  fileprivate mutating func appendLittleEndian(_ value: UInt64, size: Int) {
    for byte in 0..<size { append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(byte)))) }
  }

  /// Overwrites four bytes at `position` with `value`, little-endian.
  fileprivate mutating func patch(_ value: UInt32, at position: Int) {
    for byte in 0..<4 {
      self[position + byte] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(byte)))
    }
  }
}

/// Builds small single-subgraph TFLite models for tests.
struct TFLiteTestModelBuilder {
  /// `Tensor` tables so far.
  private var tensors: [Object] = []
  /// `Buffer` tables so far; buffer 0 is the empty sentinel.
  private var buffers: [Object] = [.table([])]
  /// Builtin codes of `OperatorCode` tables so far.
  private var codes: [Int32] = []
  /// `Operator` tables so far.
  private var operators: [Object] = []

  /// Adds an activation tensor and returns its index.
  mutating func activation(_ name: String, shape: [Int32]) -> Int32 {
    tensors.append(.table([.object(.int32s(shape)), .int8(0), nil, .object(.string(name))]))
    return Int32(tensors.count - 1)
  }

  /// Adds a constant tensor of `TensorType` `type` holding `data` and returns its index.
  mutating func constant(_ name: String, shape: [Int32], type: Int8, data: [UInt8]) -> Int32 {
    buffers.append(.table([.object(.bytes(data))]))
    tensors.append(
      .table([
        .object(.int32s(shape)), .int8(type), .int32(Int32(buffers.count - 1)),
        .object(.string(name)),
      ]))
    return Int32(tensors.count - 1)
  }

  /// Adds an fp32 constant.
  mutating func floats(_ name: String, shape: [Int32], _ values: [Float]) -> Int32 {
    constant(
      name, shape: shape, type: 0,
      data: values.flatMap { value in
        (0..<4).map { UInt8(truncatingIfNeeded: value.bitPattern >> (8 * $0)) }
      })
  }

  /// Adds an int32 constant.
  mutating func ints(_ name: String, shape: [Int32], _ values: [Int32]) -> Int32 {
    constant(
      name, shape: shape, type: 2,
      data: values.flatMap { value in (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
    )
  }

  /// Adds an operator with builtin code `code` and options table `options` of union type
  /// `optionsType`.
  mutating func op(
    _ code: Int32, inputs: [Int32], outputs: [Int32], optionsType: Int8 = 0,
    options: [Field?] = []
  ) {
    let index = codes.firstIndex(of: code) ?? codes.count
    if index == codes.count { codes.append(code) }
    operators.append(
      .table([
        .int32(Int32(index)), .object(.int32s(inputs)), .object(.int32s(outputs)),
        .int8(optionsType), optionsType == 0 ? nil : .object(.table(options)),
      ]))
  }

  /// The serialized model with the given graph inputs and outputs.
  func serialized(inputs: [Int32], outputs: [Int32]) -> [UInt8] {
    let operatorCodes = codes.map { code -> Object in
      .table([.int8(Int8(clamping: code)), nil, .int32(1), .int32(code)])
    }
    let subgraph = Object.table([
      .object(.tables(tensors)), .object(.int32s(inputs)), .object(.int32s(outputs)),
      .object(.tables(operators)),
    ])
    return Object.table([
      .int32(3), .object(.tables(operatorCodes)), .object(.tables([subgraph])), nil,
      .object(.tables(buffers)),
    ]).serialized()
  }
}

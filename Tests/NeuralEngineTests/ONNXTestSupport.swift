import Foundation

/// Writes protocol buffer wire format, to build small ONNX models inside tests.
struct TestProtobufWriter {
  /// The bytes written so far.
  var bytes: [UInt8] = []

  /// Appends a base-128 varint.
  mutating func appendVarint(_ value: UInt64) {
    var value = value
    while value >= 0x80 {
      bytes.append(UInt8(value & 0x7F) | 0x80)
      value >>= 7
    }
    bytes.append(UInt8(value))
  }

  /// Writes an integer field (wire type 0).
  mutating func int(_ field: Int, _ value: Int) {
    appendVarint(UInt64(field << 3))
    appendVarint(UInt64(bitPattern: Int64(value)))
  }

  /// Writes a float field (wire type 5).
  mutating func float(_ field: Int, _ value: Float) {
    appendVarint(UInt64(field << 3 | 5))
    let bits = value.bitPattern
    for shift in stride(from: 0, to: 32, by: 8) {
      bytes.append(UInt8(truncatingIfNeeded: bits >> shift))
    }
  }

  /// Writes a length-delimited field (wire type 2).
  mutating func bytes(_ field: Int, _ value: [UInt8]) {
    appendVarint(UInt64(field << 3 | 2))
    appendVarint(UInt64(value.count))
    bytes += value
  }

  /// Writes a string field.
  mutating func string(_ field: Int, _ value: String) {
    bytes(field, Array(value.utf8))
  }

  /// Writes a packed repeated integer field.
  mutating func packedInts(_ field: Int, _ values: [Int]) {
    var packed = TestProtobufWriter()
    for value in values { packed.appendVarint(UInt64(bitPattern: Int64(value))) }
    bytes(field, packed.bytes)
  }
}

/// Builders for the ONNX messages the reader tests need, following `onnx.proto`.
enum ONNXTestModel {
  /// A `TensorProto` of FLOAT elements stored as little-endian `raw_data`.
  static func tensor(_ name: String, dims: [Int], values: [Float]) -> [UInt8] {
    var writer = TestProtobufWriter()
    writer.packedInts(1, dims)
    writer.int(2, 1)
    writer.string(8, name)
    writer.bytes(
      9,
      values.flatMap { value in
        (0..<4).map { UInt8(truncatingIfNeeded: value.bitPattern >> (8 * $0)) }
      })
    return writer.bytes
  }

  /// A `TensorProto` of FLOAT elements stored in `float_data`, with unpacked dims.
  static func floatDataTensor(_ name: String, dims: [Int], values: [Float]) -> [UInt8] {
    var writer = TestProtobufWriter()
    for dim in dims { writer.int(1, dim) }
    writer.int(2, 1)
    for value in values { writer.float(4, value) }
    writer.string(8, name)
    return writer.bytes
  }

  /// A `TensorProto` of FLOAT16 elements given as bit patterns, in `raw_data` or `int32_data`.
  static func halfTensor(_ name: String, dims: [Int], bits: [UInt16], raw: Bool) -> [UInt8] {
    var writer = TestProtobufWriter()
    writer.packedInts(1, dims)
    writer.int(2, 10)
    writer.string(8, name)
    if raw {
      writer.bytes(9, bits.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
    } else {
      writer.packedInts(5, bits.map { Int($0) })
    }
    return writer.bytes
  }

  /// An `AttributeProto` holding a list of integers.
  static func ints(_ name: String, _ values: [Int]) -> [UInt8] {
    var writer = TestProtobufWriter()
    writer.string(1, name)
    writer.packedInts(8, values)
    writer.int(20, 7)
    return writer.bytes
  }

  /// An `AttributeProto` holding one integer.
  static func int(_ name: String, _ value: Int) -> [UInt8] {
    var writer = TestProtobufWriter()
    writer.string(1, name)
    writer.int(3, value)
    writer.int(20, 2)
    return writer.bytes
  }

  /// An `AttributeProto` holding one float.
  static func float(_ name: String, _ value: Float) -> [UInt8] {
    var writer = TestProtobufWriter()
    writer.string(1, name)
    writer.float(2, value)
    writer.int(20, 1)
    return writer.bytes
  }

  /// A `NodeProto`.
  static func node(
    _ operatorType: String, inputs: [String], outputs: [String], attributes: [[UInt8]] = []
  ) -> [UInt8] {
    var writer = TestProtobufWriter()
    for input in inputs { writer.string(1, input) }
    for output in outputs { writer.string(2, output) }
    writer.string(3, "\(operatorType.lowercased())_\(outputs.first ?? "")")
    writer.string(4, operatorType)
    for attribute in attributes { writer.bytes(5, attribute) }
    return writer.bytes
  }

  /// A `ValueInfoProto` of a FLOAT tensor; `nil` dimensions are written as `dim_param`.
  static func valueInfo(_ name: String, dims: [Int?]) -> [UInt8] {
    var shape = TestProtobufWriter()
    for dim in dims {
      var dimension = TestProtobufWriter()
      if let dim { dimension.int(1, dim) } else { dimension.string(2, "batch") }
      shape.bytes(1, dimension.bytes)
    }
    var tensorType = TestProtobufWriter()
    tensorType.int(1, 1)
    tensorType.bytes(2, shape.bytes)
    var type = TestProtobufWriter()
    type.bytes(1, tensorType.bytes)
    var writer = TestProtobufWriter()
    writer.string(1, name)
    writer.bytes(2, type.bytes)
    return writer.bytes
  }

  /// A complete `ModelProto` at opset 13.
  static func model(
    nodes: [[UInt8]], initializers: [[UInt8]] = [], inputs: [[UInt8]], outputs: [[UInt8]]
  ) -> [UInt8] {
    var graph = TestProtobufWriter()
    for node in nodes { graph.bytes(1, node) }
    graph.string(2, "test")
    for initializer in initializers { graph.bytes(5, initializer) }
    for input in inputs { graph.bytes(11, input) }
    for output in outputs { graph.bytes(12, output) }
    var operatorSet = TestProtobufWriter()
    operatorSet.string(1, "")
    operatorSet.int(2, 13)
    var model = TestProtobufWriter()
    model.int(1, 8)
    model.bytes(7, graph.bytes)
    model.bytes(8, operatorSet.bytes)
    return model.bytes
  }

}

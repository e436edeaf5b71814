/// Builds small TensorFlow `GraphDef`s inside tests, following `graph.proto`, `node_def.proto`,
/// `attr_value.proto` and `tensor.proto`.
struct TensorFlowTestGraph {
  private var writer = TestProtobufWriter()

  /// The serialized `GraphDef`.
  var bytes: [UInt8] { writer.bytes }

  /// Adds a `NodeDef`.
  mutating func node(
    _ name: String, _ operation: String, _ inputs: [String] = [],
    _ attributes: [String: [UInt8]] = [:]
  ) {
    var node = TestProtobufWriter()
    node.string(1, name)
    node.string(2, operation)
    for input in inputs { node.string(3, input) }
    for (key, value) in attributes.sorted(by: { $0.key < $1.key }) {
      var entry = TestProtobufWriter()
      entry.string(1, key)
      entry.bytes(2, value)
      node.bytes(5, entry.bytes)
    }
    writer.bytes(1, node.bytes)
  }

  /// Adds a `Const` node of float elements stored as `tensor_content`.
  mutating func constant(_ name: String, shape: [Int], _ values: [Float]) {
    var content: [UInt8] = []
    for value in values {
      for shift in stride(from: 0, to: 32, by: 8) {
        content.append(UInt8(truncatingIfNeeded: value.bitPattern >> shift))
      }
    }
    node(name, "Const", [], ["value": Self.tensor(type: 1, shape: shape) { $0.bytes(4, content) }])
  }

  /// Adds a `Const` node of int32 elements stored as `int_val`.
  mutating func integers(_ name: String, shape: [Int], _ values: [Int]) {
    node(
      name, "Const", [], ["value": Self.tensor(type: 3, shape: shape) { $0.packedInts(7, values) }])
  }

  /// An `AttrValue` holding a string.
  static func text(_ value: String) -> [UInt8] {
    var writer = TestProtobufWriter()
    writer.string(2, value)
    return writer.bytes
  }

  /// An `AttrValue` holding an int.
  static func int(_ value: Int) -> [UInt8] {
    var writer = TestProtobufWriter()
    writer.int(3, value)
    return writer.bytes
  }

  /// An `AttrValue` holding a float.
  static func float(_ value: Float) -> [UInt8] {
    var writer = TestProtobufWriter()
    writer.float(4, value)
    return writer.bytes
  }

  /// An `AttrValue` holding a bool.
  static func bool(_ value: Bool) -> [UInt8] {
    var writer = TestProtobufWriter()
    writer.int(5, value ? 1 : 0)
    return writer.bytes
  }

  /// An `AttrValue` holding a list of ints.
  static func ints(_ values: [Int]) -> [UInt8] {
    var list = TestProtobufWriter()
    list.packedInts(3, values)
    var writer = TestProtobufWriter()
    writer.bytes(1, list.bytes)
    return writer.bytes
  }

  /// An `AttrValue` holding a shape; `-1` for unknown dimensions.
  static func shape(_ dimensions: [Int]) -> [UInt8] {
    var writer = TestProtobufWriter()
    writer.bytes(7, shapeProto(dimensions))
    return writer.bytes
  }

  /// The attributes of an NHWC convolution with unit dilation.
  static func convolution(stride: Int, padding: String) -> [String: [UInt8]] {
    [
      "strides": ints([1, stride, stride, 1]), "dilations": ints([1, 1, 1, 1]),
      "padding": text(padding), "data_format": text("NHWC"),
    ]
  }

  private static func shapeProto(_ dimensions: [Int]) -> [UInt8] {
    var shape = TestProtobufWriter()
    for size in dimensions {
      var dimension = TestProtobufWriter()
      dimension.int(1, size)
      shape.bytes(2, dimension.bytes)
    }
    return shape.bytes
  }

  /// An `AttrValue` holding a `TensorProto` of `type` whose elements `elements` writes.
  private static func tensor(
    type: Int, shape: [Int], elements: (inout TestProtobufWriter) -> Void
  ) -> [UInt8] {
    var tensor = TestProtobufWriter()
    tensor.int(1, type)
    tensor.bytes(2, shapeProto(shape))
    elements(&tensor)
    var writer = TestProtobufWriter()
    writer.bytes(8, tensor.bytes)
    return writer.bytes
  }
}

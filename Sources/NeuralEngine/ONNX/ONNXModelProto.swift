/// The parts of an ONNX `ModelProto` the reader uses.
struct ONNXModelProto {
  /// The main graph.
  var graph: ONNXGraphProto

  /// Decodes a serialized `ModelProto`.
  init(decoding bytes: ArraySlice<UInt8>) throws {
    var reader = ProtobufReader(bytes, messageName: "ModelProto")
    var graph: ONNXGraphProto?
    var hasOperatorSet = false
    while let (number, value) = try reader.nextField() {
      switch number {
      case 7: graph = try ONNXGraphProto(decoding: value.bytes("graph", in: "ModelProto"))
      case 8:
        _ = try value.bytes("opset_import", in: "ModelProto")
        hasOperatorSet = true
      default: break
      }
    }
    guard let graph else { throw ModelError.malformed("the file contains no ONNX graph") }
    guard hasOperatorSet else {
      throw ModelError.malformed(
        "the file declares no operator set (opset_import); it may be truncated")
    }
    self.graph = graph
  }
}

/// The parts of an ONNX `GraphProto` the reader uses.
struct ONNXGraphProto {
  /// The nodes, in the order the file lists them.
  var nodes: [ONNXNodeProto] = []
  /// Constant tensors, including weights.
  var initializers: [ONNXTensorProto] = []
  /// Declared inputs; may include initializers.
  var inputs: [ONNXValueInfoProto] = []
  /// Declared outputs.
  var outputs: [ONNXValueInfoProto] = []

  /// Decodes a serialized `GraphProto`.
  init(decoding bytes: ArraySlice<UInt8>) throws {
    var reader = ProtobufReader(bytes, messageName: "GraphProto")
    while let (number, value) = try reader.nextField() {
      switch number {
      case 1: nodes.append(try ONNXNodeProto(decoding: value.bytes("node", in: "GraphProto")))
      case 5:
        initializers.append(
          try ONNXTensorProto(decoding: value.bytes("initializer", in: "GraphProto")))
      case 11:
        inputs.append(try ONNXValueInfoProto(decoding: value.bytes("input", in: "GraphProto")))
      case 12:
        outputs.append(try ONNXValueInfoProto(decoding: value.bytes("output", in: "GraphProto")))
      case 15:
        throw ModelError.unsupportedFeature("sparse initializers")
      default: break
      }
    }
  }
}

/// An ONNX `NodeProto`.
struct ONNXNodeProto {
  /// The node's name, possibly empty.
  var name = ""
  /// The operator, such as `Conv`.
  var operatorType = ""
  /// The operator set domain; empty for the default ONNX domain.
  var domain = ""
  /// Names of the values read; an empty name marks an omitted optional input.
  var inputs: [String] = []
  /// Names of the values written; an empty name marks an omitted optional output.
  var outputs: [String] = []
  /// The attributes.
  var attributes: [ONNXAttributeProto] = []

  /// Decodes a serialized `NodeProto`.
  init(decoding bytes: ArraySlice<UInt8>) throws {
    var reader = ProtobufReader(bytes, messageName: "NodeProto")
    while let (number, value) = try reader.nextField() {
      switch number {
      case 1: inputs.append(try value.string("input", in: "NodeProto"))
      case 2: outputs.append(try value.string("output", in: "NodeProto"))
      case 3: name = try value.string("name", in: "NodeProto")
      case 4: operatorType = try value.string("op_type", in: "NodeProto")
      case 5:
        attributes.append(
          try ONNXAttributeProto(decoding: value.bytes("attribute", in: "NodeProto")))
      case 7: domain = try value.string("domain", in: "NodeProto")
      default: break
      }
    }
  }

  /// How the node is named in error messages.
  var label: String {
    name.isEmpty
      ? "\(operatorType) node writing \(outputs.first ?? "nothing")"
      : "\(operatorType) node \(name)"
  }
}

/// One dimension of a declared tensor shape.
enum ONNXDimension: Equatable {
  /// A fixed size.
  case value(Int)
  /// A size that is named or not given, so it depends on the input.
  case unknown
}

/// An ONNX `ValueInfoProto`: a name and, for tensors, a declared shape.
struct ONNXValueInfoProto {
  /// The value's name.
  var name = ""
  /// The declared shape, or `nil` when the file gives none.
  var shape: [ONNXDimension]?

  /// The declared shape with `-1` for sizes that depend on the input, or `nil` when none is given.
  var sizes: [Int]? {
    shape?.map { dimension in
      if case .value(let size) = dimension { size } else { -1 }
    }
  }

  /// Decodes a serialized `ValueInfoProto`.
  init(decoding bytes: ArraySlice<UInt8>) throws {
    var reader = ProtobufReader(bytes, messageName: "ValueInfoProto")
    while let (number, value) = try reader.nextField() {
      switch number {
      case 1: name = try value.string("name", in: "ValueInfoProto")
      case 2: shape = try Self.tensorShape(inType: value.bytes("type", in: "ValueInfoProto"))
      default: break
      }
    }
  }

  /// The shape inside a `TypeProto`, when it describes a tensor with a shape.
  private static func tensorShape(inType bytes: ArraySlice<UInt8>) throws -> [ONNXDimension]? {
    var typeReader = ProtobufReader(bytes, messageName: "TypeProto")
    var shape: [ONNXDimension]?
    while let (number, value) = try typeReader.nextField() {
      guard number == 1 else { continue }
      var tensorReader = ProtobufReader(
        try value.bytes("tensor_type", in: "TypeProto"), messageName: "TypeProto.Tensor")
      while let (tensorField, tensorValue) = try tensorReader.nextField() {
        guard tensorField == 2 else { continue }
        shape = try dimensions(inShape: tensorValue.bytes("shape", in: "TypeProto.Tensor"))
      }
    }
    return shape
  }

  /// The dimensions of a `TensorShapeProto`.
  private static func dimensions(inShape bytes: ArraySlice<UInt8>) throws -> [ONNXDimension] {
    var shapeReader = ProtobufReader(bytes, messageName: "TensorShapeProto")
    var dimensions: [ONNXDimension] = []
    while let (number, value) = try shapeReader.nextField() {
      guard number == 1 else { continue }
      var dimensionReader = ProtobufReader(
        try value.bytes("dim", in: "TensorShapeProto"), messageName: "TensorShapeProto.Dimension")
      var dimension = ONNXDimension.unknown
      while let (dimensionField, dimensionValue) = try dimensionReader.nextField() {
        if dimensionField == 1 {
          let size = try dimensionValue.integer("dim_value", in: "TensorShapeProto.Dimension")
          dimension = size > 0 && size <= Int32.max ? .value(Int(size)) : .unknown
        } else if dimensionField == 2 {
          dimension = .unknown
        }
      }
      dimensions.append(dimension)
    }
    return dimensions
  }
}

/// An ONNX `AttributeProto`: a named parameter of a node.
struct ONNXAttributeProto {
  /// The kinds of attribute values (`AttributeProto.AttributeType`) the reader distinguishes.
  enum Kind: Int64 {
    /// Not given; the set field tells.
    case undefined = 0
    /// One `float`.
    case float = 1
    /// One integer.
    case int = 2
    /// One string.
    case string = 3
    /// One tensor.
    case tensor = 4
    /// A list of `float`s.
    case floats = 6
    /// A list of integers.
    case ints = 7
  }

  /// The attribute's name.
  var name = ""
  /// The declared kind; `nil` for kinds this reader does not use (graphs, strings lists, ...).
  var kind: Kind? = .undefined
  /// The `f` field.
  var float: Float?
  /// The `i` field.
  var int: Int64?
  /// The `s` field.
  var string: String?
  /// The `t` field.
  var tensor: ONNXTensorProto?
  /// The `floats` field.
  var floats: [Float] = []
  /// The `ints` field.
  var ints: [Int64] = []

  /// Decodes a serialized `AttributeProto`.
  init(decoding bytes: ArraySlice<UInt8>) throws {
    let message = "AttributeProto"
    var reader = ProtobufReader(bytes, messageName: message)
    while let (number, value) = try reader.nextField() {
      switch number {
      case 1: name = try value.string("name", in: message)
      case 2: float = try value.float("f", in: message)
      case 3: int = try value.integer("i", in: message)
      case 4: string = try value.string("s", in: message)
      case 5: tensor = try ONNXTensorProto(decoding: value.bytes("t", in: message))
      case 7: floats += try value.floats("floats", in: message)
      case 8: ints += try value.integers("ints", in: message)
      case 20: kind = Kind(rawValue: try value.integer("type", in: message))
      default: break
      }
    }
  }
}

/// One `AttrValue` of a node: the kinds of attribute the converted operators read.
struct TensorFlowAttrValue {
  /// A `bytes` value (strings such as `padding` or `data_format`).
  var text: String?
  /// An `int` value.
  var integer: Int64?
  /// A `float` value.
  var float: Float?
  /// A `bool` value.
  var boolean: Bool?
  /// A `tensor` value, the payload of `Const` nodes.
  var tensor: TensorFlowTensorProto?
  /// The integers of a `list` value (strides, dilations, explicit paddings).
  var integers: [Int64] = []
  /// The dimensions of a `shape` value; `-1` for unknown ones, `nil` when the rank is unknown.
  var shape: [Int]?

  /// An empty attribute.
  init() {}

  /// Decodes a serialized `AttrValue`.
  init(decoding bytes: ArraySlice<UInt8>) throws {
    let message = "AttrValue"
    var reader = ProtobufReader(bytes, messageName: message)
    while let (number, value) = try reader.nextField() {
      switch number {
      case 1: integers = try Self.listIntegers(try value.bytes("list", in: message))
      case 2: text = try value.string("s", in: message)
      case 3: integer = try value.integer("i", in: message)
      case 4: float = try value.float("f", in: message)
      case 5: boolean = try value.integer("b", in: message) != 0
      case 7: shape = try Self.dimensions(ofShape: try value.bytes("shape", in: message))
      case 8: tensor = try TensorFlowTensorProto(decoding: try value.bytes("tensor", in: message))
      default: break
      }
    }
  }

  /// The integers of a `ListValue`, field `i`.
  private static func listIntegers(_ bytes: ArraySlice<UInt8>) throws -> [Int64] {
    let message = "AttrValue.ListValue"
    var reader = ProtobufReader(bytes, messageName: message)
    var result: [Int64] = []
    while let (number, value) = try reader.nextField() {
      if number == 3 { result += try value.integers("i", in: message) }
    }
    return result
  }

  /// The dimensions of a `TensorShapeProto`, `nil` when it says the rank is unknown.
  static func dimensions(ofShape bytes: ArraySlice<UInt8>) throws -> [Int]? {
    let message = "TensorShapeProto"
    var reader = ProtobufReader(bytes, messageName: message)
    var dimensions: [Int] = []
    var unknownRank = false
    while let (number, value) = try reader.nextField() {
      switch number {
      case 2:
        var dimension = ProtobufReader(try value.bytes("dim", in: message), messageName: "Dim")
        var size: Int64 = -1
        while let (field, entry) = try dimension.nextField() {
          if field == 1 { size = try entry.integer("size", in: "Dim") }
        }
        guard size >= -1, size <= Int64(Int32.max) else {
          throw ModelError.malformed("\(message) has dimension \(size)")
        }
        dimensions.append(Int(size))
      case 3: unknownRank = try value.integer("unknown_rank", in: message) != 0
      default: break
      }
    }
    return unknownRank ? nil : dimensions
  }
}

/// A TensorFlow `GraphDef` (a frozen `.pb` graph) as stored in the file: its nodes, in file
/// order.
struct TensorFlowGraphDef {
  /// Every node of the graph.
  var nodes: [TensorFlowNodeDef] = []

  /// Decodes a serialized `GraphDef`.
  init(decoding bytes: ArraySlice<UInt8>) throws {
    let message = "GraphDef"
    var reader = ProtobufReader(bytes, messageName: message)
    while let (number, value) = try reader.nextField() {
      if number == 1 {
        nodes.append(try TensorFlowNodeDef(decoding: try value.bytes("node", in: message)))
      }
    }
  }
}

/// One `NodeDef`: an operation, the values it reads and its attributes.
struct TensorFlowNodeDef {
  /// The node's unique name; its first output is read as `name` or `name:0`.
  var name = ""
  /// The operation type, such as `Conv2D`.
  var operation = ""
  /// The values read, `node` or `node:k`; control dependencies (`^node`) are left out.
  var inputs: [String] = []
  /// The attributes by name.
  var attributes: [String: TensorFlowAttrValue] = [:]

  /// Decodes a serialized `NodeDef`.
  init(decoding bytes: ArraySlice<UInt8>) throws {
    let message = "NodeDef"
    var reader = ProtobufReader(bytes, messageName: message)
    while let (number, value) = try reader.nextField() {
      switch number {
      case 1: name = try value.string("name", in: message)
      case 2: operation = try value.string("op", in: message)
      case 3:
        let input = try value.string("input", in: message)
        if !input.hasPrefix("^") { inputs.append(input) }
      case 5:
        let (key, attribute) = try Self.attributeEntry(try value.bytes("attr", in: message))
        attributes[key] = attribute
      default: break
      }
    }
  }

  /// Names the node in messages: `Conv2D node 'conv1/Conv2D'`.
  var label: String { "\(operation) node '\(name)'" }

  /// Decodes one entry of the `attr` map.
  private static func attributeEntry(_ bytes: ArraySlice<UInt8>) throws -> (
    String, TensorFlowAttrValue
  ) {
    let message = "NodeDef.AttrEntry"
    var reader = ProtobufReader(bytes, messageName: message)
    var key = ""
    var attribute = TensorFlowAttrValue()
    while let (number, value) = try reader.nextField() {
      switch number {
      case 1: key = try value.string("key", in: message)
      case 2: attribute = try TensorFlowAttrValue(decoding: try value.bytes("value", in: message))
      default: break
      }
    }
    return (key, attribute)
  }
}

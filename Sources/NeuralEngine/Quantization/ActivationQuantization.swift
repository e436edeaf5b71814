/// The quantization parameters of a graph's activations, by value name: what calibration
/// produces and what ``XNNPACKRuntime`` needs to run a graph with int8 activations.
public struct ActivationQuantization: Sendable, Equatable, Codable {
  /// Parameters by ``Graph/Value/name``.
  public var parameters: [String: QuantizationParameters]
  /// The outputs, by value name, of nodes kept on fp32 although they could run on int8: those
  /// whose quantization costs the network's outputs most (``QuantizationSensitivity``). Their
  /// outputs keep parameters, so the int8 nodes that read them convert them.
  public var floatNodes: Set<String>

  /// Creates the parameters of the named values, keeping the nodes that write `floatNodes` on
  /// fp32.
  public init(parameters: [String: QuantizationParameters], floatNodes: Set<String> = []) {
    self.parameters = parameters
    self.floatNodes = floatNodes
  }

  private enum CodingKeys: String, CodingKey {
    case parameters, floatNodes
  }

  /// Decodes the parameters; a file without `floatNodes` keeps no node on fp32.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    parameters = try container.decode([String: QuantizationParameters].self, forKey: .parameters)
    floatNodes = try container.decodeIfPresent(Set<String>.self, forKey: .floatNodes) ?? []
  }

  /// Encodes the parameters, with ``floatNodes`` sorted so the same calibration gives the same
  /// file.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(parameters, forKey: .parameters)
    try container.encode(floatNodes.sorted(), forKey: .floatNodes)
  }

  /// The parameters by value index of `graph`.
  ///
  /// - Throws: ``ModelError/malformed(_:)`` when a name is not a value of the graph, or when
  ///   parameters are out of XNNPACK's range: the parameters were made for another model.
  func parametersByValue(of graph: Graph) throws -> [Int: QuantizationParameters] {
    let indices = graph.valueIndicesByName
    var result = [Int: QuantizationParameters]()
    for (name, parameters) in parameters {
      guard let index = indices[name] else {
        throw ModelError.malformed("quantization names value \(name), which the graph lacks")
      }
      guard parameters.isValid else {
        throw ModelError.malformed(
          "quantization of value \(name) has scale \(parameters.scale) and zero point "
            + "\(parameters.zeroPoint)")
      }
      result[index] = parameters
    }
    return result
  }

  /// The indices of the values of `graph` named in ``floatNodes``.
  ///
  /// - Throws: ``ModelError/malformed(_:)`` when a name is not a value of the graph.
  func floatNodeOutputs(of graph: Graph) throws -> Set<Int> {
    let indices = graph.valueIndicesByName
    return Set(
      try floatNodes.map { name in
        guard let index = indices[name] else {
          throw ModelError.malformed(
            "quantization keeps node \(name) on fp32, which the graph lacks")
        }
        return index
      })
  }
}

extension Graph {
  /// Each value's index by its name.
  fileprivate var valueIndicesByName: [String: Int] {
    var indices = [String: Int]()
    for (index, value) in values.enumerated() { indices[value.name] = index }
    return indices
  }
}

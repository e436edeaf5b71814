/// The quantization parameters of a graph's activations, by value name: what calibration
/// produces and what ``XNNPACKRuntime`` needs to run a graph with int8 activations.
public struct ActivationQuantization: Sendable, Equatable, Codable {
  /// Parameters by ``Graph/Value/name``.
  public var parameters: [String: QuantizationParameters]

  /// Creates the parameters of the named values.
  public init(parameters: [String: QuantizationParameters]) {
    self.parameters = parameters
  }

  /// The parameters by value index of `graph`.
  ///
  /// - Throws: ``ModelError/malformed(_:)`` when a name is not a value of the graph, or when
  ///   parameters are out of XNNPACK's range: the parameters were made for another model.
  func parametersByValue(of graph: Graph) throws -> [Int: QuantizationParameters] {
    var indices = [String: Int]()
    for (index, value) in graph.values.enumerated() { indices[value.name] = index }
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
}

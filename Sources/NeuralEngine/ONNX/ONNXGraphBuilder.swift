/// Turns a decoded ONNX graph into a ``Graph``: NCHW becomes NHWC, `BatchNormalization` is folded
/// into the convolution before it, an activation that alone reads a convolution or addition is
/// fused into it, and `Identity`, `Dropout` and `Constant` nodes disappear.
struct ONNXGraphBuilder {
  /// The graph being converted.
  let source: ONNXGraphProto
  /// Constant tensors by name: initializers and the outputs of `Constant` nodes.
  private var constantSources: [String: ONNXTensorProto] = [:]
  /// The value each elided node's output stands for.
  private var aliases: [String: String] = [:]
  /// For each value name, the index of the node behind each read of it (a node reading a value
  /// twice appears twice).
  private var readers: [String: [Int]] = [:]
  /// Names of the graph outputs, after aliases.
  private var graphOutputNames: Set<String> = []
  /// Nodes already converted as part of an earlier node.
  private var absorbed: Set<Int> = []

  private var values: [Graph.Value] = []
  private var valueIndices: [String: Int] = [:]
  /// The rank of each value, by index, when known.
  private var ranks: [Int: Int] = [:]
  private var constants: [Int: Tensor] = [:]
  private var constantIndices: [String: Int] = [:]
  private var nodes: [Graph.Node] = []

  /// Operators that only rename a value at inference time.
  private static let elidedOperators: Set<String> = ["Identity", "Dropout", "Constant"]

  /// Prepares the conversion of `source`.
  init(_ source: ONNXGraphProto) throws {
    self.source = source
    for initializer in source.initializers { constantSources[initializer.name] = initializer }
    try collectElidedNodes()
    for (index, node) in source.nodes.enumerated()
    where !Self.elidedOperators.contains(node.operatorType) {
      for input in node.inputs where !input.isEmpty {
        readers[resolve(input), default: []].append(index)
      }
    }
    graphOutputNames = Set(source.outputs.map { resolve($0.name) })
    try checkDropoutMasksAreUnused()
  }

  /// Converts every node.
  mutating func build() throws -> Graph {
    for input in source.inputs where constantSources[input.name] == nil {
      let shape = input.sizes.map(ONNXLayout.nhwcShape(fromNCHW:))
      _ = try addValue(named: input.name, declaredShape: shape, rank: shape?.count)
    }
    let inputs = source.inputs.compactMap { valueIndices[$0.name] }
    guard !inputs.isEmpty else { throw ModelError.malformed("the graph declares no inputs") }
    for (index, node) in source.nodes.enumerated()
    where !absorbed.contains(index) && !Self.elidedOperators.contains(node.operatorType) {
      guard node.domain.isEmpty || node.domain == "ai.onnx" else {
        throw ModelError.unsupportedOperator("\(node.domain).\(node.operatorType) (\(node.label))")
      }
      try convert(nodeAt: index)
    }
    guard !source.outputs.isEmpty else {
      throw ModelError.malformed("the graph declares no outputs")
    }
    let outputs = try source.outputs.map { output in
      let name = resolve(output.name)
      guard let index = valueIndices[name] else {
        throw ModelError.malformed("graph output \(output.name) is never written by a node")
      }
      if let sizes = output.sizes {
        values[index].declaredShape = ONNXLayout.nhwcShape(fromNCHW: sizes)
      }
      return index
    }
    return Graph(
      values: values, constants: constants, nodes: nodes, inputs: inputs, outputs: outputs)
  }

  // MARK: Reading the source graph

  /// The value `name` stands for once elided nodes are skipped.
  func resolve(_ name: String) -> String {
    aliases[name] ?? name
  }

  /// The index of the node that reads `name`, when exactly one read of it exists and it is not a
  /// graph output, so the node producing it may be merged with that reader.
  func soleReader(of name: String) -> Int? {
    guard !graphOutputNames.contains(name), let reads = readers[name], reads.count == 1 else {
      return nil
    }
    return reads[0]
  }

  /// Marks a node as converted together with an earlier one.
  mutating func absorb(_ index: Int) {
    absorbed.insert(index)
  }

  /// The constant tensor named by input `position` of `node`, or `nil` when that input is omitted.
  ///
  /// - Throws: ``ModelError/unsupportedFeature(_:)`` when the input is computed at run time.
  func optionalConstant(_ node: ONNXNodeProto, input position: Int) throws -> Tensor? {
    guard position < node.inputs.count, !node.inputs[position].isEmpty else { return nil }
    let name = resolve(node.inputs[position])
    guard let tensor = constantSources[name] else {
      throw ModelError.unsupportedFeature(
        "input \(position) (\(name)) of \(node.label) is computed at run time; only constants are supported there"
      )
    }
    return try tensor.floatTensor()
  }

  /// The constant tensor named by input `position` of `node`, which must be present.
  func constant(_ node: ONNXNodeProto, input position: Int) throws -> Tensor {
    guard let tensor = try optionalConstant(node, input: position) else {
      throw ModelError.malformed("\(node.label) lacks its input \(position)")
    }
    return tensor
  }

  /// The value read by input `position` of `node`, which must be computed by an earlier node or
  /// be a graph input.
  func activation(_ node: ONNXNodeProto, input position: Int) throws -> Int {
    guard position < node.inputs.count, !node.inputs[position].isEmpty else {
      throw ModelError.malformed("\(node.label) lacks its input \(position)")
    }
    let name = resolve(node.inputs[position])
    if let index = valueIndices[name] { return index }
    if constantSources[name] != nil {
      throw ModelError.unsupportedFeature(
        "\(node.label) reads constant \(name) where the engine needs a computed value")
    }
    throw ModelError.malformed("\(node.label) reads \(name), which no earlier node writes")
  }

  /// Whether input `position` of `node` names a constant.
  func isConstant(_ node: ONNXNodeProto, input position: Int) -> Bool {
    position < node.inputs.count && valueIndices[resolve(node.inputs[position])] == nil
      && constantSources[resolve(node.inputs[position])] != nil
  }

  /// The rank of a value, when known.
  func rank(of value: Int) -> Int? {
    ranks[value]
  }

  // MARK: Writing the engine graph

  /// Adds a value and returns its index.
  mutating func addValue(named name: String, declaredShape: [Int]? = nil, rank: Int?) throws -> Int
  {
    guard !name.isEmpty else { throw ModelError.malformed("a node writes a value with no name") }
    guard valueIndices[name] == nil else {
      throw ModelError.malformed("value \(name) is written twice")
    }
    let index = values.count
    values.append(Graph.Value(name: name, declaredShape: declaredShape))
    valueIndices[name] = index
    if let rank { ranks[index] = rank }
    return index
  }

  /// Adds a value holding `tensor`, once per name and layout.
  mutating func addConstant(named name: String, tensor: Tensor, layoutRank: Int?) -> Int {
    let key = "\(name)#\(layoutRank.map(String.init) ?? "")"
    if let index = constantIndices[key] { return index }
    let index = values.count
    values.append(Graph.Value(name: name, declaredShape: tensor.shape))
    constants[index] = tensor
    ranks[index] = tensor.shape.count
    constantIndices[key] = index
    return index
  }

  /// Adds a node writing the value `output`.
  mutating func addNode(_ operation: Operator, inputs: [Int], output: String, rank: Int?) throws {
    let index = try addValue(named: output, rank: rank)
    nodes.append(Graph.Node(operation: operation, inputs: inputs, outputs: [index]))
  }

  // MARK: Elided nodes

  /// Records what `Identity`, `Dropout` and `Constant` nodes stand for.
  private mutating func collectElidedNodes() throws {
    for node in source.nodes {
      switch node.operatorType {
      case "Identity", "Dropout":
        guard let input = node.inputs.first, !input.isEmpty, let output = node.outputs.first else {
          throw ModelError.malformed("\(node.label) needs one input and one output")
        }
        aliases[output] = resolve(input)
      case "Constant":
        try node.requireAttributes(among: ["value"])
        guard let output = node.outputs.first, let tensor = try node.tensor("value") else {
          throw ModelError.malformed("\(node.label) has no value")
        }
        constantSources[output] = tensor
      default: break
      }
    }
  }

  /// Throws when a `Dropout` node's mask output is read, since elided nodes write nothing.
  private func checkDropoutMasksAreUnused() throws {
    for node in source.nodes where node.operatorType == "Dropout" && node.outputs.count > 1 {
      let mask = node.outputs[1]
      if !mask.isEmpty && (readers[mask] != nil || graphOutputNames.contains(mask)) {
        throw ModelError.unsupportedFeature("the mask output of \(node.label)")
      }
    }
  }
}

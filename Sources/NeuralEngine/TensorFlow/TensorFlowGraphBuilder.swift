/// Turns the part of a decoded `GraphDef` that the requested outputs depend on into a ``Graph``,
/// pulling each node in when a later one reads it, so nodes land in an order where every value
/// is written before it is read.
struct TensorFlowGraphBuilder {
  /// The nodes by name.
  let nodes: [String: TensorFlowNodeDef]
  /// The `Placeholder` names the caller feeds.
  let inputNames: [String]
  /// The node names the caller receives.
  let outputNames: [String]
  /// How many converted nodes read each node's value (after `Identity` nodes are skipped).
  private(set) var readerCounts: [String: Int] = [:]

  private var values: [Graph.Value] = []
  private var valueIndices: [String: Int] = [:]
  /// The rank of each value, by index.
  private var ranks: [Int: Int] = [:]
  private var constants: [Int: Tensor] = [:]
  private var graphNodes: [Graph.Node] = []
  /// Nodes whose conversion has started, to refuse cycles.
  private var inProgress: Set<String> = []

  /// Operators converted into graph nodes, or folded into one.
  static let convertedOperators: Set<String> = [
    "Placeholder", "Const", "Identity", "Conv2D", "DepthwiseConv2dNative", "BiasAdd",
    "FusedBatchNormV3", "Relu", "Relu6", "LeakyRelu", "AddV2", "Add", "Sub", "RealDiv", "Mul",
    "ConcatV2", "Pad", "ResizeNearestNeighbor", "Reshape", "Softmax",
  ]
  /// Operators allowed where a size is computed from the shapes of values.
  static let sizeOperators: Set<String> = [
    "Const", "Identity", "Shape", "StridedSlice", "Pack", "Cast",
  ]

  /// Indexes `graphDef` and checks that every operator the outputs need is supported.
  ///
  /// - Throws: ``ModelError/unsupportedOperator(_:)`` naming every unsupported operator and a
  ///   node of each.
  init(_ graphDef: TensorFlowGraphDef, inputs: [String], outputs: [String]) throws {
    var nodes: [String: TensorFlowNodeDef] = [:]
    for node in graphDef.nodes {
      guard nodes.updateValue(node, forKey: node.name) == nil else {
        throw ModelError.malformed("two nodes are named '\(node.name)'")
      }
    }
    self.nodes = nodes
    inputNames = inputs
    outputNames = outputs
    guard !inputs.isEmpty, !outputs.isEmpty else {
      throw ModelError.malformed("a TensorFlow graph needs named inputs and outputs")
    }
    try checkOperators()
  }

  /// Converts every node the outputs need.
  mutating func build() throws -> Graph {
    for name in inputNames {
      guard let node = nodes[name], node.operation == "Placeholder" else {
        throw ModelError.malformed("graph input '\(name)' is not a Placeholder node")
      }
      let shape = node.attributes["shape"]?.shape
      _ = try addValue(named: name, declaredShape: shape, rank: shape?.count ?? 4)
    }
    let inputs = inputNames.compactMap { valueIndices[$0] }
    let outputs = try outputNames.map { try activation($0) }
    return Graph(
      values: values, constants: constants, nodes: graphNodes, inputs: inputs, outputs: outputs)
  }

  // MARK: Reading the source graph

  /// The node producing `reference` (`node`, `node:0`), `Identity` nodes skipped.
  ///
  /// - Throws: ``ModelError/malformed(_:)`` for unknown nodes,
  ///   ``ModelError/unsupportedFeature(_:)`` for reads of a node's second or later output.
  func producer(of reference: String) throws -> TensorFlowNodeDef {
    var name = try Self.nodeName(reference)
    var seen: Set<String> = []
    while true {
      guard let node = nodes[name] else {
        throw ModelError.malformed("the graph has no node named '\(name)'")
      }
      guard node.operation == "Identity" else { return node }
      guard let input = node.inputs.first, seen.insert(name).inserted else {
        throw ModelError.malformed("\(node.label) reads nothing or loops")
      }
      name = try Self.nodeName(input)
    }
  }

  /// The node name in a value reference, which must name the node's first output.
  static func nodeName(_ reference: String) throws -> String {
    guard let colon = reference.lastIndex(of: ":") else { return reference }
    guard reference[reference.index(after: colon)...] == "0" else {
      throw ModelError.unsupportedFeature(
        "'\(reference)' reads an output other than the first of its node")
    }
    return String(reference[..<colon])
  }

  /// Input `position` of `node`.
  func input(_ node: TensorFlowNodeDef, _ position: Int) throws -> String {
    guard position < node.inputs.count else {
      throw ModelError.malformed("\(node.label) lacks its input \(position)")
    }
    return node.inputs[position]
  }

  /// The tensor of the `Const` node behind input `position` of `node`.
  ///
  /// - Throws: ``ModelError/unsupportedFeature(_:)`` when the input is computed at run time.
  func constant(_ node: TensorFlowNodeDef, input position: Int) throws -> TensorFlowTensorProto {
    let source = try producer(of: input(node, position))
    guard source.operation == "Const" else {
      throw ModelError.unsupportedFeature(
        "input \(position) of \(node.label) is computed at run time; only constants are supported there"
      )
    }
    guard let tensor = source.attributes["value"]?.tensor else {
      throw ModelError.malformed("\(source.label) has no value")
    }
    return tensor
  }

  /// Whether input `position` of `node` is a `Const` node.
  func isConstant(_ node: TensorFlowNodeDef, input position: Int) -> Bool {
    guard position < node.inputs.count else { return false }
    return (try? producer(of: node.inputs[position]).operation) == "Const"
  }

  /// Whether the value of `node` may be folded into the one converted node that reads it: exactly
  /// one converted node reads it and the caller does not receive it.
  func hasSoleReader(_ node: TensorFlowNodeDef) -> Bool {
    readerCounts[node.name] == 1 && !outputNames.contains(node.name)
  }

  /// The rank of a value.
  func rank(of value: Int) -> Int? {
    ranks[value]
  }

  // MARK: Writing the engine graph

  /// The value computed by the node behind `reference`, converting that node (and what it reads)
  /// on first use.
  mutating func activation(_ reference: String) throws -> Int {
    let node = try producer(of: reference)
    if let index = valueIndices[node.name] { return index }
    guard inProgress.insert(node.name).inserted else {
      throw ModelError.malformed("\(node.label) depends on itself")
    }
    defer { inProgress.remove(node.name) }
    try convert(node)
    guard let index = valueIndices[node.name] else {
      throw ModelError.malformed("\(node.label) was not converted")
    }
    return index
  }

  /// Adds a value and returns its index.
  mutating func addValue(named name: String, declaredShape: [Int]? = nil, rank: Int?) throws -> Int
  {
    guard valueIndices[name] == nil else {
      throw ModelError.malformed("value \(name) is written twice")
    }
    let index = values.count
    values.append(Graph.Value(name: name, declaredShape: declaredShape))
    valueIndices[name] = index
    if let rank { ranks[index] = rank }
    return index
  }

  /// Adds a value named `name` holding `tensor` and returns its index.
  mutating func addConstant(named name: String, tensor: Tensor) throws -> Int {
    let index = try addValue(named: name, declaredShape: tensor.shape, rank: tensor.shape.count)
    constants[index] = tensor
    return index
  }

  /// Adds a node writing the value of `node`.
  mutating func addNode(
    _ operation: Operator, inputs: [Int], for node: TensorFlowNodeDef, rank: Int?
  ) throws {
    let index = try addValue(named: node.name, rank: rank)
    graphNodes.append(Graph.Node(operation: operation, inputs: inputs, outputs: [index]))
  }

  // MARK: Checking operators

  /// Walks back from the outputs, counting readers and collecting every operator the engine does
  /// not support (walking on through them, so all are named), then refuses the graph if there
  /// are any.
  private mutating func checkOperators() throws {
    var unsupported: [String: String] = [:]
    var visited: Set<String> = []
    var pending = try outputNames.map { (try Self.nodeName($0), false) }
    while let (name, inSize) = pending.popLast() {
      guard visited.insert("\(name)#\(inSize)").inserted else { continue }
      guard let node = nodes[name] else {
        throw ModelError.malformed("the graph has no node named '\(name)'")
      }
      let allowed = inSize ? Self.sizeOperators : Self.convertedOperators
      if !allowed.contains(node.operation) {
        unsupported[node.operation] = unsupported[node.operation] ?? node.name
      }
      if node.operation == "Placeholder" && !inputNames.contains(node.name) {
        throw ModelError.malformed("\(node.label) is read but not named as an input")
      }
      for (position, reference) in node.inputs.enumerated() {
        let readsSize =
          (inSize && node.operation != "Shape")
          || (node.operation == "ResizeNearestNeighbor" && position == 1)
        let countsAsRead = node.operation != "Identity" && (!inSize || node.operation == "Shape")
        if countsAsRead { readerCounts[try producer(of: reference).name, default: 0] += 1 }
        pending.append((try Self.nodeName(reference), readsSize))
      }
    }
    guard unsupported.isEmpty else {
      let list = unsupported.sorted { $0.key < $1.key }.map { "\($0.key) (node '\($0.value)')" }
      throw ModelError.unsupportedOperator(list.joined(separator: ", "))
    }
  }
}

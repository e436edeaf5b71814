import CXNNPACK

/// Translates a run of graph nodes into one XNNPACK subgraph and creates its runtime.
struct XNNSubgraphBuilder {
  private let subgraph: OpaquePointer
  private let graph: Graph
  private let shapes: [[Int]]
  private let weights: XNNStaticWeights
  /// XNNPACK value id of each graph value defined so far.
  private var ids: [Int: UInt32] = [:]

  /// Builds a runtime computing `nodes`, reading `inputs` and writing `outputs` in the given
  /// buffers (set up once, so invoking needs no further setup).
  ///
  /// - Returns: the `xnn_runtime_t`; the caller deletes it.
  static func makeRuntime(
    graph: Graph, shapes: [[Int]], nodes: [Int], inputs: [Int], outputs: [Int],
    buffers: [Int: AlignedFloatBuffer], weights: XNNStaticWeights, threadPool: OpaquePointer?
  ) throws -> OpaquePointer {
    let label = "nodes \(nodes.first ?? 0)...\(nodes.last ?? 0)"
    var created: OpaquePointer?
    try XNNLibrary.check(
      xnn_create_subgraph(UInt32(inputs.count + outputs.count), 0, &created),
      "xnn_create_subgraph", for: label)
    guard let subgraph = created else {
      throw ModelError.runtimeFailure("xnn_create_subgraph returned no subgraph for \(label)")
    }
    defer { xnn_delete_subgraph(subgraph) }
    var builder = XNNSubgraphBuilder(
      subgraph: subgraph, graph: graph, shapes: shapes, weights: weights)
    let externals = inputs + outputs
    for (position, value) in externals.enumerated() {
      let flags =
        position < inputs.count ? XNN_VALUE_FLAG_EXTERNAL_INPUT : XNN_VALUE_FLAG_EXTERNAL_OUTPUT
      builder.ids[value] = try builder.defineTensor(
        shape: shapes[value], data: nil, externalID: UInt32(position), flags: UInt32(flags),
        for: "value \(graph.values[value].name)")
    }
    for node in nodes { try builder.define(node: node) }

    var runtime: OpaquePointer?
    try XNNLibrary.check(
      xnn_create_runtime_v2(subgraph, threadPool, UInt32(XNN_FLAG_YIELD_WORKERS), &runtime),
      "xnn_create_runtime_v2",
      for: label)
    guard let runtime else {
      throw ModelError.runtimeFailure("xnn_create_runtime_v2 returned no runtime for \(label)")
    }
    var bindings: [xnn_external_value] = []
    for (position, value) in externals.enumerated() {
      guard let buffer = buffers[value] else {
        xnn_delete_runtime(runtime)
        throw ModelError.runtimeFailure("no buffer for value \(graph.values[value].name)")
      }
      bindings.append(
        xnn_external_value(id: UInt32(position), data: UnsafeMutableRawPointer(buffer.base)))
    }
    do {
      try XNNLibrary.check(
        xnn_setup_runtime(runtime, bindings.count, bindings), "xnn_setup_runtime", for: label)
    } catch {
      xnn_delete_runtime(runtime)
      throw error
    }
    return runtime
  }

  /// Defines an fp32 tensor value and returns its id.
  private func defineTensor(
    shape: [Int], data: UnsafeRawPointer?, externalID: UInt32, flags: UInt32, for label: String
  ) throws -> UInt32 {
    var id: UInt32 = 0
    let status = shape.withUnsafeBufferPointer { dimensions in
      xnn_define_tensor_value(
        subgraph, xnn_datatype_fp32, dimensions.count, dimensions.baseAddress, data, externalID,
        flags, &id)
    }
    try XNNLibrary.check(status, "xnn_define_tensor_value", for: label)
    return id
  }

  /// The id of a graph value, defining it on first use: constants as static data, everything
  /// else as an internal value.
  private mutating func valueID(_ index: Int) throws -> UInt32 {
    if let id = ids[index] { return id }
    let data = weights.constants[index].map { UnsafeRawPointer($0.base) }
    let id = try defineTensor(
      shape: shapes[index], data: data, externalID: XNN_INVALID_VALUE_ID, flags: 0,
      for: "value \(graph.values[index].name)")
    ids[index] = id
    return id
  }

  /// Adds one graph node to the subgraph: its values, then the static tensors of its weights,
  /// then the operator's own definition.
  private mutating func define(node index: Int) throws {
    let node = graph.nodes[index]
    let label = "\(node.operation.name) (node \(index))"
    let inputs = try node.inputs.map { try valueID($0) }
    let output = try valueID(node.outputs[0])
    guard let nodeWeights = weights.nodeWeights[index] else {
      throw ModelError.runtimeFailure("no prepared weights for \(label)")
    }
    let weightIDs = try nodeWeights.map { weight in
      try defineTensor(
        shape: weight.shape, data: UnsafeRawPointer(weight.buffer.base),
        externalID: XNN_INVALID_VALUE_ID, flags: 0, for: label)
    }
    try node.operation.definition.defineOnXNNPACK(
      XNNNode(
        subgraph: subgraph, inputs: inputs, output: output, weights: weightIDs,
        inputShapes: node.inputs.map { shapes[$0] }, outputShape: shapes[node.outputs[0]],
        label: label))
  }
}

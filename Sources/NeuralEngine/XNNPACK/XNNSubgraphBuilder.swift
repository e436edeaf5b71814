import CXNNPACK

/// Translates a run of graph nodes into one XNNPACK subgraph and creates its runtime.
///
/// External inputs and outputs are fp32. With an ``Int8Assignment``, the nodes it names read and
/// write int8 values; a value gets an fp32 and an int8 definition as its readers need, the second
/// made from the first by a convert node.
struct XNNSubgraphBuilder {
  private let subgraph: OpaquePointer
  private let graph: Graph
  private let shapes: [[Int]]
  private let weights: XNNStaticWeights
  private let int8: Int8Assignment?
  /// XNNPACK id of the fp32 definition of each graph value defined so far.
  private var ids: [Int: UInt32] = [:]
  /// XNNPACK id of the int8 definition of each graph value defined so far.
  private var int8IDs: [Int: UInt32] = [:]
  /// Values whose fp32 definition is an external output, which int8 producers convert into.
  private var externalOutputs: Set<Int> = []

  /// Builds a runtime computing `nodes`, reading `inputs` and writing `outputs` in the given
  /// buffers (set up once, so invoking needs no further setup).
  ///
  /// - Returns: the `xnn_runtime_t`; the caller deletes it.
  static func makeRuntime(
    graph: Graph, shapes: [[Int]], nodes: [Int], inputs: [Int], outputs: [Int],
    buffers: [Int: AlignedFloatBuffer], weights: XNNStaticWeights, int8: Int8Assignment?,
    threadPool: OpaquePointer?
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
      subgraph: subgraph, graph: graph, shapes: shapes, weights: weights, int8: int8)
    builder.externalOutputs = Set(outputs)
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

  /// Defines an int8 tensor value with per-tensor parameters and returns its id.
  private func defineInt8Tensor(
    shape: [Int], parameters: QuantizationParameters, for label: String
  ) throws -> UInt32 {
    var id: UInt32 = 0
    let status = shape.withUnsafeBufferPointer { dimensions in
      xnn_define_quantized_tensor_value(
        subgraph, xnn_datatype_qint8, parameters.zeroPoint, parameters.scale, dimensions.count,
        dimensions.baseAddress, nil, XNN_INVALID_VALUE_ID, 0, &id)
    }
    try XNNLibrary.check(status, "xnn_define_quantized_tensor_value", for: label)
    return id
  }

  /// Defines a per-channel quantized static tensor and returns its id.
  private func defineInt8Weight(_ weight: XNNStaticWeights.Int8Weight, for label: String) throws
    -> UInt32
  {
    let datatype: xnn_datatype
    switch weight.weight.elements {
    case .int8: datatype = xnn_datatype_qcint8
    case .int32: datatype = xnn_datatype_qcint32
    }
    var id: UInt32 = 0
    let status = weight.weight.shape.withUnsafeBufferPointer { dimensions in
      xnn_define_channelwise_quantized_tensor_value(
        subgraph, datatype, weight.scales, dimensions.count, weight.weight.channelDimension,
        dimensions.baseAddress, weight.elements, XNN_INVALID_VALUE_ID, 0, &id)
    }
    try XNNLibrary.check(status, "xnn_define_channelwise_quantized_tensor_value", for: label)
    return id
  }

  /// Adds a node converting between fp32 and int8.
  private func convert(_ input: UInt32, to output: UInt32, for label: String) throws {
    try XNNLibrary.check(
      xnn_define_convert(subgraph, input, output, 0), "xnn_define_convert", for: label)
  }

  /// The id of the fp32 definition of a graph value, defining it on first use: constants as
  /// static data, values an int8 node wrote as the conversion of their int8 definition,
  /// everything else as an internal value.
  private mutating func valueID(_ index: Int) throws -> UInt32 {
    if let id = ids[index] { return id }
    let label = "value \(graph.values[index].name)"
    let data = weights.constants[index].map { UnsafeRawPointer($0.base) }
    let id = try defineTensor(
      shape: shapes[index], data: data, externalID: XNN_INVALID_VALUE_ID, flags: 0, for: label)
    if let int8ID = int8IDs[index] { try convert(int8ID, to: id, for: label) }
    ids[index] = id
    return id
  }

  /// The id of the int8 definition of a graph value an int8 node reads, converting its fp32
  /// definition on first use.
  private mutating func int8ValueID(_ index: Int) throws -> UInt32 {
    if let id = int8IDs[index] { return id }
    let label = "value \(graph.values[index].name)"
    let id = try defineInt8Tensor(
      shape: shapes[index], parameters: try parameters(of: index), for: label)
    try convert(try valueID(index), to: id, for: label)
    int8IDs[index] = id
    return id
  }

  /// The int8 parameters of a value an int8 node reads or writes.
  private func parameters(of index: Int) throws -> QuantizationParameters {
    guard let parameters = int8?.parameters[index] else {
      throw ModelError.runtimeFailure("value \(graph.values[index].name) has no int8 parameters")
    }
    return parameters
  }

  /// Adds one graph node to the subgraph: its values, then the static tensors of its weights,
  /// then the operator's own definition; an int8 node's values and weights are int8, and an
  /// external output it writes is converted to fp32.
  private mutating func define(node index: Int) throws {
    let node = graph.nodes[index]
    let label = "\(node.operation.name) (node \(index))"
    let runsOnInt8 = int8?.nodes.contains(index) ?? false
    let inputs: [UInt32]
    let output: UInt32
    let weightIDs: [UInt32]
    if runsOnInt8 {
      let value = node.outputs[0]
      inputs = try node.inputs.map { try int8ValueID($0) }
      output = try defineInt8Tensor(
        shape: shapes[value], parameters: try parameters(of: value), for: label)
      int8IDs[value] = output
      weightIDs = try (weights.int8NodeWeights[index] ?? []).map {
        try defineInt8Weight($0, for: label)
      }
    } else {
      inputs = try node.inputs.map { try valueID($0) }
      output = try valueID(node.outputs[0])
      guard let nodeWeights = weights.nodeWeights[index] else {
        throw ModelError.runtimeFailure("no prepared weights for \(label)")
      }
      weightIDs = try nodeWeights.map { weight in
        try defineTensor(
          shape: weight.shape, data: UnsafeRawPointer(weight.buffer.base),
          externalID: XNN_INVALID_VALUE_ID, flags: 0, for: label)
      }
    }
    try node.operation.definition.defineOnXNNPACK(
      XNNNode(
        subgraph: subgraph, inputs: inputs, output: output, weights: weightIDs,
        inputShapes: node.inputs.map { shapes[$0] }, outputShape: shapes[node.outputs[0]],
        label: label))
    if runsOnInt8, externalOutputs.contains(node.outputs[0]), let external = ids[node.outputs[0]] {
      try convert(output, to: external, for: label)
    }
  }
}

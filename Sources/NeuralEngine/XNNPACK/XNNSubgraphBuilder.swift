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
    let status = xnn_setup_runtime(runtime, bindings.count, bindings)
    guard status == xnn_status_success else {
      xnn_delete_runtime(runtime)
      throw ModelError.runtimeFailure(
        "xnn_setup_runtime failed with status \(status.rawValue) for \(label)")
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

  /// Defines a static tensor holding converted weights of a node.
  private func staticTensor(_ buffer: AlignedFloatBuffer?, shape: [Int], for label: String) throws
    -> UInt32
  {
    guard let buffer else { throw ModelError.runtimeFailure("no prepared weights for \(label)") }
    return try defineTensor(
      shape: shape, data: UnsafeRawPointer(buffer.base), externalID: XNN_INVALID_VALUE_ID,
      flags: 0, for: label)
  }

  /// Adds one graph node to the subgraph.
  private mutating func define(node index: Int) throws {
    let node = graph.nodes[index]
    let label = "\(node.operation.name) (node \(index))"
    let inputs = try node.inputs.map { try valueID($0) }
    let output = try valueID(node.outputs[0])
    let inputShape = shapes[node.inputs[0]]
    let status: xnn_status
    let call: String
    switch node.operation {
    case .convolution(let convolution):
      let padding = explicitPadding(
        convolution.padding, inputShape: inputShape,
        kernel: (convolution.kernelHeight, convolution.kernelWidth),
        stride: (convolution.strideHeight, convolution.strideWidth),
        dilation: (convolution.dilationHeight, convolution.dilationWidth))
      let bounds = convolution.activation.bounds
      let filterShape =
        convolution.isDepthwise
        ? [1, convolution.kernelHeight, convolution.kernelWidth, convolution.outputChannels]
        : convolution.filter.shape
      let filter = try staticTensor(weights.filters[index], shape: filterShape, for: label)
      let bias = try staticTensor(
        weights.biases[index], shape: [convolution.outputChannels], for: label)
      if convolution.isDepthwise {
        call = "xnn_define_depthwise_convolution_2d"
        status = xnn_define_depthwise_convolution_2d(
          subgraph, padding.top, padding.right, padding.bottom, padding.left,
          UInt32(convolution.kernelHeight), UInt32(convolution.kernelWidth),
          UInt32(convolution.strideHeight), UInt32(convolution.strideWidth),
          UInt32(convolution.dilationHeight), UInt32(convolution.dilationWidth),
          UInt32(convolution.outputChannels / convolution.groups), inputShape[3], bounds.min,
          bounds.max, inputs[0], filter, bias, output, 0)
      } else {
        call = "xnn_define_convolution_2d"
        status = xnn_define_convolution_2d(
          subgraph, padding.top, padding.right, padding.bottom, padding.left,
          UInt32(convolution.kernelHeight), UInt32(convolution.kernelWidth),
          UInt32(convolution.strideHeight), UInt32(convolution.strideWidth),
          UInt32(convolution.dilationHeight), UInt32(convolution.dilationWidth),
          UInt32(convolution.groups), convolution.groupInputChannels,
          convolution.outputChannels / convolution.groups, bounds.min, bounds.max, inputs[0],
          filter, bias, output, 0)
      }
    case .deconvolution(let deconvolution):
      let padding = explicitPadding(
        deconvolution.padding, inputShape: inputShape, kernel: (1, 1), stride: (1, 1),
        dilation: (1, 1))
      let bounds = deconvolution.activation.bounds
      let filter = try staticTensor(
        weights.filters[index], shape: deconvolution.filter.shape, for: label)
      let bias = try staticTensor(
        weights.biases[index], shape: [deconvolution.outputChannels], for: label)
      call = "xnn_define_deconvolution_2d"
      status = xnn_define_deconvolution_2d(
        subgraph, padding.top, padding.right, padding.bottom, padding.left,
        UInt32(deconvolution.adjustmentHeight), UInt32(deconvolution.adjustmentWidth),
        UInt32(deconvolution.kernelHeight), UInt32(deconvolution.kernelWidth),
        UInt32(deconvolution.strideHeight), UInt32(deconvolution.strideWidth),
        UInt32(deconvolution.dilationHeight), UInt32(deconvolution.dilationWidth),
        UInt32(deconvolution.groups), deconvolution.groupInputChannels,
        deconvolution.outputChannels / deconvolution.groups, bounds.min, bounds.max, inputs[0],
        filter, bias, output, 0)
    case .add(let activation):
      let bounds = activation.bounds
      call = "xnn_define_add2"
      status = xnn_define_add2(subgraph, bounds.min, bounds.max, inputs[0], inputs[1], output, 0)
    case .multiply:
      call = "xnn_define_multiply2"
      status = xnn_define_multiply2(
        subgraph, -.infinity, .infinity, inputs[0], inputs[1], output, 0)
    case .clamp(let lower, let upper):
      call = "xnn_define_clamp"
      status = xnn_define_clamp(subgraph, lower, upper, inputs[0], output, 0)
    case .sigmoid:
      call = "xnn_define_sigmoid"
      status = xnn_define_sigmoid(subgraph, inputs[0], output, 0)
    case .pad(let before, let after, let value):
      call = "xnn_define_static_constant_pad"
      status = xnn_define_static_constant_pad(subgraph, before, after, value, inputs[0], output, 0)
    case .maxPool(let pooling):
      let padding = explicitPadding(
        pooling.padding, inputShape: inputShape,
        kernel: (pooling.kernelHeight, pooling.kernelWidth),
        stride: (pooling.strideHeight, pooling.strideWidth), dilation: (1, 1))
      call = "xnn_define_max_pooling_2d"
      status = xnn_define_max_pooling_2d(
        subgraph, padding.top, padding.right, padding.bottom, padding.left,
        UInt32(pooling.kernelHeight), UInt32(pooling.kernelWidth), UInt32(pooling.strideHeight),
        UInt32(pooling.strideWidth), 1, 1, -.infinity, .infinity, inputs[0], output, 0)
    case .resizeBilinear(let height, let width, let alignCorners, let halfPixelCenters):
      let flags =
        alignCorners
        ? UInt32(XNN_FLAG_ALIGN_CORNERS)
        : halfPixelCenters ? 0 : UInt32(XNN_FLAG_TENSORFLOW_LEGACY_MODE)
      call = "xnn_define_static_resize_bilinear_2d"
      status = xnn_define_static_resize_bilinear_2d(
        subgraph, height, width, inputs[0], output, flags)
    case .reshape:
      let shape = shapes[node.outputs[0]]
      call = "xnn_define_static_reshape"
      status = xnn_define_static_reshape(subgraph, shape.count, shape, inputs[0], output, 0)
    case .depthToSpace(let blockSize):
      call = "xnn_define_depth_to_space"
      status = xnn_define_depth_to_space(subgraph, inputs[0], output, UInt32(blockSize), 0)
    case .concatenate:
      throw ModelError.runtimeFailure("this XNNPACK version has no concatenation for \(label)")
    }
    try XNNLibrary.check(status, call, for: label)
  }

  /// Padding amounts for an NHWC input, `SAME` resolved for its size.
  private func explicitPadding(
    _ padding: Padding, inputShape: [Int], kernel: (Int, Int), stride: (Int, Int),
    dilation: (Int, Int)
  ) -> (top: UInt32, right: UInt32, bottom: UInt32, left: UInt32) {
    let vertical = padding.amounts(
      size: inputShape[1], kernel: kernel.0, stride: stride.0, dilation: dilation.0,
      vertical: true)
    let horizontal = padding.amounts(
      size: inputShape[2], kernel: kernel.1, stride: stride.1, dilation: dilation.1,
      vertical: false)
    return (
      UInt32(vertical.before), UInt32(horizontal.after), UInt32(vertical.after),
      UInt32(horizontal.before)
    )
  }
}

extension ONNXGraphBuilder {
  /// Converts one node, or throws ``ModelError/unsupportedOperator(_:)`` for operators the
  /// engine does not run.
  mutating func convert(nodeAt index: Int) throws {
    let node = source.nodes[index]
    switch node.operatorType {
    case "Conv": try convertConvolution(node)
    case "ConvTranspose": try convertDeconvolution(node)
    case "BatchNormalization":
      throw ModelError.unsupportedFeature(
        "\(node.label) cannot be folded: its input is not a convolution output read only by it")
    case "Relu":
      try node.requireAttributes(among: [])
      try convertUnary(node, .clamp(Clamp(min: 0, max: .infinity)))
    case "Clip":
      let bounds = try clipBounds(node)
      try convertUnary(node, .clamp(Clamp(min: bounds.min, max: bounds.max)))
    case "Sigmoid":
      try node.requireAttributes(among: [])
      try convertUnary(node, .sigmoid(Sigmoid()))
    case "Add":
      try node.requireAttributes(among: [])
      let (activation, output) = try fuseActivation(after: singleOutput(of: node))
      try convertBinary(node, .add(Addition(activation: activation)), output: output)
    case "Mul":
      try node.requireAttributes(among: [])
      try convertBinary(node, .multiply(Multiplication()), output: singleOutput(of: node))
    case "MaxPool": try convertMaxPool(node)
    case "Concat": try convertConcat(node)
    default:
      throw ModelError.unsupportedOperator("\(node.operatorType) (\(node.label))")
    }
  }

  /// The activation that alone reads `value`, as a fused activation, and the name of its output;
  /// `(.none, value)` when there is none.
  mutating func fuseActivation(after value: String) throws -> (FusedActivation, String) {
    guard let next = soleReader(of: value) else { return (.none, value) }
    let node = source.nodes[next]
    guard node.inputs.first.map(resolve) == value, let output = node.outputs.first else {
      return (.none, value)
    }
    let activation: FusedActivation
    switch node.operatorType {
    case "Relu" where node.attributes.isEmpty:
      activation = .relu
    case "Clip":
      switch try clipBounds(node) {
      case (0, .infinity): activation = .relu
      case (0, 6): activation = .relu6
      default: return (.none, value)
      }
    default: return (.none, value)
    }
    absorb(next)
    return (activation, output)
  }

  /// The bounds of a `Clip` node, from attributes (before opset 11) or constant inputs.
  private func clipBounds(_ node: ONNXNodeProto) throws -> (min: Float, max: Float) {
    try node.requireAttributes(among: ["min", "max"])
    var bounds = (
      min: try node.float("min", default: -.infinity),
      max: try node.float("max", default: .infinity)
    )
    for position in [1, 2] {
      guard let bound = try optionalConstant(node, input: position) else { continue }
      guard bound.count == 1 else {
        throw ModelError.unsupportedFeature("\(node.label) has a non-scalar bound")
      }
      if position == 1 { bounds.min = bound.data[0] } else { bounds.max = bound.data[0] }
    }
    return bounds
  }

  private func singleOutput(of node: ONNXNodeProto) throws -> String {
    guard node.outputs.count == 1 else {
      throw ModelError.malformed("\(node.label) must write exactly one value")
    }
    return node.outputs[0]
  }

  private mutating func convertUnary(_ node: ONNXNodeProto, _ operation: Operator) throws {
    let input = try activation(node, input: 0)
    try addNode(operation, inputs: [input], output: singleOutput(of: node), rank: rank(of: input))
  }

  /// Converts a two-input broadcasting node; constant operands become graph constants laid out
  /// to broadcast against NHWC activations.
  private mutating func convertBinary(
    _ node: ONNXNodeProto, _ operation: Operator, output: String
  ) throws {
    guard node.inputs.count == 2 else {
      throw ModelError.malformed("\(node.label) needs two inputs, has \(node.inputs.count)")
    }
    let operands = try operandValues(of: node)
    let outputRank = operands.map(rank(of:)).reduce(Optional(0)) { partial, rank in
      guard let partial, let rank else { return nil }
      return max(partial, rank)
    }
    try addNode(operation, inputs: operands, output: output, rank: outputRank)
  }

  /// The values read by every input of an elementwise or joining node, computed or constant.
  ///
  /// Constants take the layout of the computed operands: for rank-4 (NCHW) operands they are
  /// broadcast to rank 4 and moved to NHWC.
  private mutating func operandValues(of node: ONNXNodeProto) throws -> [Int] {
    let positions = Array(node.inputs.indices)
    let computed = try positions.filter { !isConstant(node, input: $0) }.map {
      try activation(node, input: $0)
    }
    let computedRanks = computed.map(rank(of:))
    let layoutRank: Int? =
      computedRanks.contains(nil) ? nil : computedRanks.compactMap { $0 }.max()
    return try positions.map { position in
      guard isConstant(node, input: position) else { return try activation(node, input: position) }
      let name = resolve(node.inputs[position])
      let tensor = try constant(node, input: position)
      let laidOut: Tensor
      switch layoutRank {
      case 4:
        guard tensor.shape.count <= 4 else {
          throw ModelError.unsupportedFeature(
            "constant \(name) of rank \(tensor.shape.count) in \(node.label)")
        }
        laidOut = ONNXLayout.nhwcBroadcastConstant(fromNCHW: tensor)
      case nil where tensor.count > 1:
        throw ModelError.unsupportedFeature(
          "\(node.label) combines constant \(name) with a value of unknown rank")
      default:
        laidOut = tensor
      }
      return addConstant(named: name, tensor: laidOut, layoutRank: layoutRank)
    }
  }

  private mutating func convertMaxPool(_ node: ONNXNodeProto) throws {
    try node.requireAttributes(
      among: [
        "auto_pad", "ceil_mode", "dilations", "kernel_shape", "pads", "storage_order", "strides",
      ])
    guard try node.int("ceil_mode", default: 0) == 0 else {
      throw ModelError.unsupportedFeature("ceil_mode of \(node.label)")
    }
    guard node.outputs.dropFirst().allSatisfy(\.isEmpty) else {
      throw ModelError.unsupportedFeature("the indices output of \(node.label)")
    }
    let window = try ONNXWindowAttributes(node, allowsSame: true)
    guard let kernel = window.kernel else {
      throw ModelError.malformed("\(node.label) has no kernel_shape")
    }
    guard window.dilation == (1, 1) else {
      throw ModelError.unsupportedFeature("dilations of \(node.label)")
    }
    let input = try activation(node, input: 0)
    if let rank = rank(of: input), rank != 4 {
      throw ModelError.unsupportedFeature("\(node.label) reads a rank-\(rank) value")
    }
    let pooling = MaxPooling2D(
      kernelHeight: kernel.height, kernelWidth: kernel.width, strideHeight: window.stride.height,
      strideWidth: window.stride.width, padding: window.padding)
    try addNode(.maxPool(pooling), inputs: [input], output: node.outputs[0], rank: 4)
  }

  private mutating func convertConcat(_ node: ONNXNodeProto) throws {
    try node.requireAttributes(among: ["axis"])
    guard node.attribute("axis") != nil else {
      throw ModelError.malformed("\(node.label) has no axis")
    }
    guard !node.inputs.isEmpty else { throw ModelError.malformed("\(node.label) has no inputs") }
    let operands = try operandValues(of: node)
    guard let rank = operands.compactMap(rank(of:)).first else {
      throw ModelError.unsupportedFeature("\(node.label) joins values of unknown rank")
    }
    let axis = try node.int("axis", default: 0)
    guard (-rank..<rank).contains(axis) else {
      throw ModelError.malformed("axis \(axis) of \(node.label) is outside rank \(rank)")
    }
    let normalized = axis < 0 ? axis + rank : axis
    let engineAxis = rank == 4 ? ONNXLayout.nhwcAxis(fromNCHW: normalized) : normalized
    try addNode(
      .concatenate(Concatenation(axis: engineAxis)), inputs: operands,
      output: singleOutput(of: node), rank: rank)
  }
}

extension TensorFlowGraphBuilder {
  /// Converts one node whose inputs are converted on demand.
  mutating func convert(_ node: TensorFlowNodeDef) throws {
    switch node.operation {
    case "Conv2D", "DepthwiseConv2dNative", "BiasAdd", "FusedBatchNormV3":
      try convertFilterChain(endingAt: node)
    case "Relu", "Relu6":
      if try filterChain(endingAt: node) != nil {
        try convertFilterChain(endingAt: node)
      } else {
        let clamp = node.operation == "Relu" ? FusedActivation.relu : .relu6
        try addUnary(
          .clamp(Clamp(min: clamp.bounds.min, max: clamp.bounds.max)), for: node)
      }
    case "LeakyRelu":
      try addUnary(.leakyReLU(LeakyReLU(slope: node.attributes["alpha"]?.float ?? 0.2)), for: node)
    case "Softmax":
      try addUnary(.softmax(Softmax()), for: node)
    case "AddV2", "Add":
      try convertBinary(node, .add(Addition()))
    case "Mul":
      try convertBinary(node, .multiply(Multiplication()))
    case "Sub":
      try convertByConstant(node, .add(Addition())) { -$0 }
    case "RealDiv":
      try convertByConstant(node, .multiply(Multiplication())) { 1 / $0 }
    case "ConcatV2":
      try convertConcatenation(node)
    case "Pad":
      try convertPad(node)
    case "ResizeNearestNeighbor":
      try convertNearestResize(node)
    case "Reshape":
      try convertReshape(node)
    case "Const":
      guard let tensor = node.attributes["value"]?.tensor else {
        throw ModelError.malformed("\(node.label) has no value")
      }
      _ = try addConstant(named: node.name, tensor: try tensor.floatTensor())
    case "Placeholder":
      throw ModelError.malformed("\(node.label) is read but not named as an input")
    default:
      throw ModelError.unsupportedOperator("\(node.operation) (node '\(node.name)')")
    }
  }

  /// Adds a one-input operation reading input 0 of `node`, keeping its rank.
  private mutating func addUnary(_ operation: Operator, for node: TensorFlowNodeDef) throws {
    let input = try activation(input(node, 0))
    try addNode(operation, inputs: [input], for: node, rank: rank(of: input))
  }

  /// Converts an elementwise node of two inputs, either of which may be a constant.
  private mutating func convertBinary(_ node: TensorFlowNodeDef, _ operation: Operator) throws {
    let left = try activation(input(node, 0))
    let right = try activation(input(node, 1))
    try addNode(
      operation, inputs: [left, right], for: node,
      rank: max(rank(of: left) ?? 0, rank(of: right) ?? 0))
  }

  /// Converts `value - constant` or `value / constant` as `operation` with the constant's
  /// elements mapped by `transform` (negated or inverted).
  private mutating func convertByConstant(
    _ node: TensorFlowNodeDef, _ operation: Operator, transform: (Float) -> Float
  ) throws {
    guard isConstant(node, input: 1), !isConstant(node, input: 0) else {
      throw ModelError.unsupportedFeature(
        "\(node.label) must compute a value minus or over a constant")
    }
    let left = try activation(input(node, 0))
    var tensor = try constant(node, input: 1).floatTensor()
    tensor.data = tensor.data.map(transform)
    if tensor.shape.isEmpty { tensor.shape = [1] }
    let right = try addConstant(named: "\(node.name)/operand", tensor: tensor)
    try addNode(operation, inputs: [left, right], for: node, rank: rank(of: left))
  }

  /// Converts `ConcatV2`: the values, then a constant axis, negative axes counted from the end.
  private mutating func convertConcatenation(_ node: TensorFlowNodeDef) throws {
    guard node.inputs.count >= 2 else {
      throw ModelError.malformed("\(node.label) has no axis input")
    }
    let axisInput = node.inputs.count - 1
    guard let axis = try constant(node, input: axisInput).integers().first else {
      throw ModelError.malformed("\(node.label) has an empty axis")
    }
    let inputs = try node.inputs.dropLast().map { try activation($0) }
    let valueRank = rank(of: inputs[0])
    let resolved = axis < 0 ? axis + (valueRank ?? 0) : axis
    guard resolved >= 0, valueRank.map({ resolved < $0 }) ?? true else {
      throw ModelError.unsupportedFeature("axis \(axis) of \(node.label)")
    }
    try addNode(
      .concatenate(Concatenation(axis: resolved)), inputs: inputs, for: node, rank: valueRank)
  }

  /// Converts `Pad`: zeros before and after each axis, from a constant `[rank, 2]` tensor.
  private mutating func convertPad(_ node: TensorFlowNodeDef) throws {
    let input = try activation(input(node, 0))
    let paddings = try constant(node, input: 1)
    let amounts = try paddings.integers()
    guard paddings.shape.count == 2, paddings.shape[1] == 2,
      rank(of: input).map({ $0 == paddings.shape[0] }) ?? true
    else {
      throw ModelError.malformed("\(node.label) has paddings of shape \(paddings.shape)")
    }
    let before = stride(from: 0, to: amounts.count, by: 2).map { amounts[$0] }
    let after = stride(from: 1, to: amounts.count, by: 2).map { amounts[$0] }
    try addNode(
      .pad(ConstantPad(before: before, after: after, value: 0)), inputs: [input], for: node,
      rank: before.count)
  }

  /// Converts `Reshape` to a constant shape.
  private mutating func convertReshape(_ node: TensorFlowNodeDef) throws {
    let input = try activation(input(node, 0))
    guard isConstant(node, input: 1) else {
      throw ModelError.unsupportedFeature(
        "\(node.label) takes its shape from values computed at run time; only constant shapes are supported (cut the graph before it)"
      )
    }
    let shape = try constant(node, input: 1).integers()
    try addNode(.reshape(Reshape(shape: shape)), inputs: [input], for: node, rank: shape.count)
  }

  /// Converts `ResizeNearestNeighbor` to a constant size, or to the height and width of another
  /// value as `Shape`, `StridedSlice` and `Pack` nodes compute them.
  private mutating func convertNearestResize(_ node: TensorFlowNodeDef) throws {
    let size = try sizeTerms(of: input(node, 1))
    let input = try activation(input(node, 0))
    let alignCorners = node.attributes["align_corners"]?.boolean ?? false
    let halfPixelCenters = node.attributes["half_pixel_centers"]?.boolean ?? false
    switch (size.first, size.last, size.count) {
    case (.constant(let height), .constant(let width), 2):
      try addNode(
        .resizeNearest(
          NearestResize(
            size: .fixed(height: height, width: width), alignCorners: alignCorners,
            halfPixelCenters: halfPixelCenters)), inputs: [input], for: node, rank: 4)
    case (.dimension(let first, 1), .dimension(let second, 2), 2) where first == second:
      let reference = try activation(first)
      try addNode(
        .resizeNearest(
          NearestResize(
            size: .matchingSecondOperand, alignCorners: alignCorners,
            halfPixelCenters: halfPixelCenters)), inputs: [input, reference], for: node, rank: 4)
    default:
      throw ModelError.unsupportedFeature(
        "the size of \(node.label) is neither constant nor another value's height and width")
    }
  }
}

/// A convolution with what follows it folded in, and the value it reads.
struct TensorFlowFilterChain {
  /// The convolution, weights adjusted by every folded node.
  var convolution: Convolution2D
  /// The reference of the value the convolution reads.
  var input: String
}

extension TensorFlowGraphBuilder {
  /// Converts a `Conv2D` or `DepthwiseConv2dNative` with the `BiasAdd`, `FusedBatchNormV3` and
  /// `Relu`/`Relu6` nodes that follow it, ending at `node`; a `BiasAdd` that follows no
  /// convolution becomes an addition.
  ///
  /// - Throws: ``ModelError/unsupportedFeature(_:)`` for a `FusedBatchNormV3` that follows no
  ///   convolution alone.
  mutating func convertFilterChain(endingAt node: TensorFlowNodeDef) throws {
    if let chain = try filterChain(endingAt: node) {
      let input = try activation(chain.input)
      try addNode(.convolution(chain.convolution), inputs: [input], for: node, rank: 4)
    } else if node.operation == "BiasAdd" {
      let input = try activation(input(node, 0))
      let bias = try addConstant(
        named: "\(node.name)/bias", tensor: try constant(node, input: 1).floatTensor())
      try addNode(.add(Addition()), inputs: [input, bias], for: node, rank: rank(of: input))
    } else {
      throw ModelError.unsupportedFeature(
        "\(node.label) does not alone follow a convolution, so it cannot be folded into one")
    }
  }

  /// The convolution ending at `node` with its followers folded in, or `nil` when `node` is not
  /// a convolution or a foldable follower of one.
  func filterChain(endingAt node: TensorFlowNodeDef) throws -> TensorFlowFilterChain? {
    switch node.operation {
    case "Conv2D", "DepthwiseConv2dNative":
      return TensorFlowFilterChain(
        convolution: try convolution(node), input: try input(node, 0))
    case "BiasAdd":
      guard var chain = try chain(below: node) else { return nil }
      try checkFormat(node)
      let bias = try constant(node, input: 1).floatTensor()
      let channels = chain.convolution.filter.shape[0]
      guard bias.count == channels else {
        throw ModelError.malformed(
          "\(node.label) has \(bias.count) biases for \(channels) channels")
      }
      let old = chain.convolution.bias?.data ?? [Float](repeating: 0, count: channels)
      chain.convolution.bias = Tensor(
        shape: [channels], data: zip(old, bias.data).map { $0 + $1 })
      return chain
    case "FusedBatchNormV3":
      guard var chain = try chain(below: node) else { return nil }
      try fold(normalization: node, into: &chain.convolution)
      return chain
    case "Relu", "Relu6":
      guard var chain = try chain(below: node) else { return nil }
      chain.convolution.activation = node.operation == "Relu" ? .relu : .relu6
      return chain
    default:
      return nil
    }
  }

  /// The chain ending at the node `node` reads, when `node` is its only reader and the chain
  /// has no activation yet.
  private func chain(below node: TensorFlowNodeDef) throws -> TensorFlowFilterChain? {
    let source = try producer(of: input(node, 0))
    guard hasSoleReader(source), let chain = try filterChain(endingAt: source),
      chain.convolution.activation == .none
    else { return nil }
    return chain
  }

  /// A `Conv2D` (filter `[kH, kW, in, out]`) or `DepthwiseConv2dNative` (filter
  /// `[kH, kW, in, multiplier]`) with its strides, dilations and padding.
  private func convolution(_ node: TensorFlowNodeDef) throws -> Convolution2D {
    try checkFormat(node)
    let weights = try constant(node, input: 1).floatTensor()
    guard weights.shape.count == 4, weights.count > 0 else {
      throw ModelError.malformed("\(node.label) has a filter of shape \(weights.shape)")
    }
    let (kernelHeight, kernelWidth, inputs, outputs) = (
      weights.shape[0], weights.shape[1], weights.shape[2], weights.shape[3]
    )
    let depthwise = node.operation == "DepthwiseConv2dNative"
    let outputChannels = depthwise ? inputs * outputs : outputs
    var filter = Tensor(
      shape: [outputChannels, kernelHeight, kernelWidth, depthwise ? 1 : inputs])
    for y in 0..<kernelHeight {
      for x in 0..<kernelWidth {
        for input in 0..<inputs {
          for output in 0..<outputs {
            let source = ((y * kernelWidth + x) * inputs + input) * outputs + output
            let destination =
              depthwise
              ? ((input * outputs + output) * kernelHeight + y) * kernelWidth + x
              : ((output * kernelHeight + y) * kernelWidth + x) * inputs + input
            filter.data[destination] = weights.data[source]
          }
        }
      }
    }
    let strides = try spatialPair(node, "strides")
    let dilations = try spatialPair(node, "dilations")
    return Convolution2D(
      filter: filter, bias: nil, strideHeight: strides.height, strideWidth: strides.width,
      dilationHeight: dilations.height, dilationWidth: dilations.width,
      padding: try padding(node), groups: depthwise ? inputs : 1)
  }

  /// Folds a `FusedBatchNormV3` (inputs: value, scale, offset, mean, variance) into the
  /// convolution it follows.
  private func fold(normalization node: TensorFlowNodeDef, into convolution: inout Convolution2D)
    throws
  {
    try checkFormat(node)
    guard node.attributes["is_training"]?.boolean != true else {
      throw ModelError.unsupportedFeature("\(node.label) is in training mode")
    }
    let channels = convolution.filter.shape[0]
    let parameters = try (1...4).map { position in
      let tensor = try constant(node, input: position).floatTensor()
      guard tensor.count == channels else {
        throw ModelError.malformed(
          "\(node.label) has \(tensor.count) values in input \(position) for \(channels) channels")
      }
      return tensor.data
    }
    let epsilon = node.attributes["epsilon"]?.float ?? 0.0001
    let (gamma, beta, mean, variance) = (parameters[0], parameters[1], parameters[2], parameters[3])
    let scale = (0..<channels).map { gamma[$0] / (variance[$0] + epsilon).squareRoot() }
    let perChannel = convolution.filter.count / channels
    for channel in 0..<channels {
      for index in channel * perChannel..<(channel + 1) * perChannel {
        convolution.filter.data[index] *= scale[channel]
      }
    }
    let old = convolution.bias?.data ?? [Float](repeating: 0, count: channels)
    convolution.bias = Tensor(
      shape: [channels],
      data: (0..<channels).map { (old[$0] - mean[$0]) * scale[$0] + beta[$0] })
  }

  /// The height and width entries of an NHWC `[1, h, w, 1]` attribute, `(1, 1)` when absent.
  private func spatialPair(_ node: TensorFlowNodeDef, _ attribute: String) throws -> (
    height: Int, width: Int
  ) {
    guard let values = node.attributes[attribute]?.integers, !values.isEmpty else { return (1, 1) }
    guard values.count == 4, values[0] == 1, values[3] == 1, values[1] > 0, values[2] > 0 else {
      throw ModelError.unsupportedFeature("\(attribute) \(values) of \(node.label)")
    }
    return (Int(values[1]), Int(values[2]))
  }

  /// The padding of a convolution: `SAME`, `VALID` or `EXPLICIT`.
  private func padding(_ node: TensorFlowNodeDef) throws -> Padding {
    switch node.attributes["padding"]?.text {
    case "SAME": return .same
    case "VALID": return .none
    case "EXPLICIT":
      let amounts = node.attributes["explicit_paddings"]?.integers.map { Int($0) } ?? []
      guard amounts.count == 8, amounts[0...1] == [0, 0], amounts[6...7] == [0, 0] else {
        throw ModelError.unsupportedFeature("explicit paddings \(amounts) of \(node.label)")
      }
      return .explicit(top: amounts[2], left: amounts[4], bottom: amounts[3], right: amounts[5])
    case let other:
      throw ModelError.unsupportedFeature("padding \(other ?? "none") of \(node.label)")
    }
  }

  /// Throws unless the node works on NHWC data.
  private func checkFormat(_ node: TensorFlowNodeDef) throws {
    if let format = node.attributes["data_format"]?.text, format != "NHWC" {
      throw ModelError.unsupportedFeature("data format \(format) of \(node.label); only NHWC")
    }
  }
}

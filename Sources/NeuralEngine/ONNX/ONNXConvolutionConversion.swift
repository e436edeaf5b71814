extension ONNXGraphBuilder {
  /// Converts a `Conv` node, folding a following `BatchNormalization` and activation into it.
  mutating func convertConvolution(_ node: ONNXNodeProto) throws {
    try node.requireAttributes(among: [
      "auto_pad", "dilations", "group", "kernel_shape", "pads", "strides",
    ])
    let input = try activation(node, input: 0)
    try requireRank4(input, of: node)
    let (weights, groups) = try groupedWeights(
      of: node, operatorKind: "convolutions", firstAxis: "output")
    let window = try ONNXWindowAttributes(node, allowsSame: true)
    try window.checkKernel(height: weights.shape[2], width: weights.shape[3], of: node)
    let bias = try self.bias(of: node, input: 2, channels: weights.shape[0])
    let folded = try foldFollowers(
      of: node, filter: ONNXLayout.convolutionFilter(fromOIHW: weights), bias: bias)
    let convolution = Convolution2D(
      filter: folded.filter, bias: folded.bias, strideHeight: window.stride.height,
      strideWidth: window.stride.width, dilationHeight: window.dilation.height,
      dilationWidth: window.dilation.width, padding: window.padding, groups: groups,
      activation: folded.activation)
    try addNode(.convolution(convolution), inputs: [input], output: folded.output, rank: 4)
  }

  /// Converts a `ConvTranspose` node, folding a following `BatchNormalization` and activation into
  /// it.
  mutating func convertDeconvolution(_ node: ONNXNodeProto) throws {
    try node.requireAttributes(
      among: [
        "auto_pad", "dilations", "group", "kernel_shape", "output_padding", "pads", "strides",
      ])
    let input = try activation(node, input: 0)
    try requireRank4(input, of: node)
    let (weights, groups) = try groupedWeights(
      of: node, operatorKind: "transposed convolutions", firstAxis: "input")
    let window = try ONNXWindowAttributes(node, allowsSame: false)
    try window.checkKernel(height: weights.shape[2], width: weights.shape[3], of: node)
    let adjustment = try node.ints("output_padding") ?? [0, 0]
    guard adjustment.count == 2, adjustment[0] >= 0, adjustment[0] < window.stride.height,
      adjustment[1] >= 0, adjustment[1] < window.stride.width
    else {
      throw ModelError.unsupportedFeature("output_padding \(adjustment) of \(node.label)")
    }
    let filter = ONNXLayout.deconvolutionFilter(fromIOHW: weights, groups: groups)
    let bias = try self.bias(of: node, input: 2, channels: filter.shape[0])
    let folded = try foldFollowers(of: node, filter: filter, bias: bias)
    let deconvolution = Deconvolution2D(
      filter: folded.filter, bias: folded.bias, strideHeight: window.stride.height,
      strideWidth: window.stride.width, dilationHeight: window.dilation.height,
      dilationWidth: window.dilation.width, padding: window.padding,
      adjustmentHeight: adjustment[0], adjustmentWidth: adjustment[1], groups: groups,
      activation: folded.activation)
    try addNode(.deconvolution(deconvolution), inputs: [input], output: folded.output, rank: 4)
  }

  /// The weights (input 1) and `group` of a `Conv` or `ConvTranspose` node, checked to be 4-D and
  /// non-empty with `group` dividing their first axis, which holds the `firstAxis` channels.
  private func groupedWeights(
    of node: ONNXNodeProto, operatorKind: String, firstAxis: String
  ) throws -> (weights: Tensor, groups: Int) {
    let weights = try constant(node, input: 1)
    guard weights.shape.count == 4, weights.count > 0 else {
      throw ModelError.unsupportedFeature(
        "\(node.label) has weights of shape \(weights.shape); only 2-D \(operatorKind) are supported"
      )
    }
    let groups = try node.int("group", default: 1)
    guard groups >= 1, weights.shape[0] % groups == 0 else {
      throw ModelError.malformed(
        "\(node.label) has group \(groups) for \(weights.shape[0]) \(firstAxis) channels")
    }
    return (weights, groups)
  }

  /// The optional bias input of a convolution, checked to hold one value per output channel.
  private func bias(of node: ONNXNodeProto, input position: Int, channels: Int) throws -> Tensor? {
    guard let bias = try optionalConstant(node, input: position) else { return nil }
    guard bias.count == channels else {
      throw ModelError.malformed(
        "\(node.label) has \(bias.count) biases for \(channels) output channels")
    }
    return Tensor(shape: [channels], data: bias.data)
  }

  private func requireRank4(_ value: Int, of node: ONNXNodeProto) throws {
    if let rank = rank(of: value), rank != 4 {
      throw ModelError.unsupportedFeature(
        "\(node.label) reads a rank-\(rank) value; only NCHW images are supported")
    }
  }

  /// Merges into a convolution the `BatchNormalization` that alone reads its output, if any, and
  /// then the activation that alone reads the result, if any.
  ///
  /// - Returns: the adjusted weights, the activation, and the name of the last merged output.
  private mutating func foldFollowers(
    of node: ONNXNodeProto, filter: Tensor, bias: Tensor?
  ) throws -> (filter: Tensor, bias: Tensor?, activation: FusedActivation, output: String) {
    guard node.outputs.count == 1 else {
      throw ModelError.malformed("\(node.label) must write exactly one value")
    }
    var filter = filter
    var bias = bias
    var output = node.outputs[0]
    if let next = soleReader(of: output), source.nodes[next].operatorType == "BatchNormalization",
      source.nodes[next].inputs.first.map(resolve) == output
    {
      let normalization = source.nodes[next]
      let (scale, shift) = try batchNormalization(normalization, channels: filter.shape[0])
      let perChannel = filter.count / filter.shape[0]
      for channel in 0..<filter.shape[0] {
        for index in channel * perChannel..<(channel + 1) * perChannel {
          filter.data[index] *= scale[channel]
        }
      }
      let oldBias = bias?.data ?? [Float](repeating: 0, count: scale.count)
      bias = Tensor(
        shape: [scale.count], data: (0..<scale.count).map { oldBias[$0] * scale[$0] + shift[$0] })
      absorb(next)
      output = normalization.outputs.first ?? output
    }
    let (activation, activationOutput) = try fuseActivation(after: output)
    return (filter, bias, activation, activationOutput)
  }

  /// The per-channel `scale` and `shift` with `normalization(x) = x * scale + shift`.
  private func batchNormalization(
    _ node: ONNXNodeProto, channels: Int
  ) throws -> (scale: [Float], shift: [Float]) {
    try node.requireAttributes(among: [
      "epsilon", "momentum", "spatial", "is_test", "training_mode",
    ])
    guard try node.int("spatial", default: 1) == 1, try node.int("training_mode", default: 0) == 0,
      node.outputs.dropFirst().allSatisfy(\.isEmpty)
    else {
      throw ModelError.unsupportedFeature("training-mode or non-spatial \(node.label)")
    }
    let epsilon = try node.float("epsilon", default: 1e-5)
    let parameters = try (1...4).map { position in
      let tensor = try constant(node, input: position)
      guard tensor.count == channels else {
        throw ModelError.malformed(
          "\(node.label) has \(tensor.count) values in input \(position) for \(channels) channels")
      }
      return tensor.data
    }
    let (gamma, beta, mean, variance) = (parameters[0], parameters[1], parameters[2], parameters[3])
    let scale = (0..<channels).map { gamma[$0] / (variance[$0] + epsilon).squareRoot() }
    let shift = (0..<channels).map { beta[$0] - mean[$0] * scale[$0] }
    return (scale, shift)
  }
}

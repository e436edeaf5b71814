extension Graph {
  /// The same network with every transposed convolution whose kernel equals its stride (and that
  /// has no padding, dilation, adjustment or groups) replaced by a 1x1 convolution producing
  /// `stride² × outputChannels` channels followed by depth-to-space.
  ///
  /// The two are exactly equivalent: each input pixel of such a deconvolution paints its own
  /// non-overlapping `stride × stride` block. The 1x1 form runs as one matrix multiplication,
  /// which XNNPACK does far faster than its general deconvolution.
  public func rewritingStridedDeconvolutions() -> Graph {
    var rewritten = self
    rewritten.nodes = []
    for node in nodes {
      guard case .deconvolution(let deconvolution) = node.operation,
        let convolution = deconvolution.equivalentPointwiseConvolution
      else {
        rewritten.nodes.append(node)
        continue
      }
      let intermediate = rewritten.values.count
      rewritten.values.append(Value(name: values[node.outputs[0]].name + "/pointwise"))
      rewritten.nodes.append(
        Node(operation: .convolution(convolution), inputs: node.inputs, outputs: [intermediate]))
      rewritten.nodes.append(
        Node(
          operation: .depthToSpace(DepthToSpace(blockSize: deconvolution.strideHeight)),
          inputs: [intermediate], outputs: node.outputs))
    }
    return rewritten
  }
}

extension Deconvolution2D {
  /// The 1x1 convolution that, followed by depth-to-space, computes this deconvolution; `nil`
  /// when no such form exists.
  var equivalentPointwiseConvolution: Convolution2D? {
    guard strideHeight == strideWidth, kernelHeight == strideHeight, kernelWidth == strideWidth,
      strideHeight > 1, dilationHeight == 1, dilationWidth == 1, groups == 1,
      adjustmentHeight == 0, adjustmentWidth == 0, padding == .none, filter.shape.count == 4
    else { return nil }
    let block = strideHeight
    let outputs = outputChannels
    let inputs = groupInputChannels
    // Depth-to-space reads channel (i * block + j) * outputs + c for the pixel at offset (i, j).
    var weights = [Float](repeating: 0, count: block * block * outputs * inputs)
    var biases: [Float]? = bias.map { _ in [Float](repeating: 0, count: block * block * outputs) }
    for i in 0..<block {
      for j in 0..<block {
        for channel in 0..<outputs {
          let target = (i * block + j) * outputs + channel
          let source = ((channel * block + i) * block + j) * inputs
          for input in 0..<inputs {
            weights[target * inputs + input] = filter.data[source + input]
          }
          if let bias { biases?[target] = bias.data[channel] }
        }
      }
    }
    return Convolution2D(
      filter: Tensor(shape: [block * block * outputs, 1, 1, inputs], data: weights),
      bias: biases.map { Tensor(shape: [$0.count], data: $0) }, activation: activation)
  }
}

extension Graph {
  /// Checks that every index and operation parameter is usable, so running the graph cannot trap
  /// on a malformed model.
  ///
  /// - Throws: ``ModelError/malformed(_:)`` for dangling indices or nonsensical parameters,
  ///   ``ModelError/unsupportedFeature(_:)`` for parameters the runtimes do not implement.
  func validateForExecution() throws {
    let valid = 0..<values.count
    for index in inputs + outputs + constants.keys where !valid.contains(index) {
      throw ModelError.malformed("graph refers to value \(index) of \(values.count)")
    }
    for (position, node) in nodes.enumerated() {
      for index in node.inputs + node.outputs where !valid.contains(index) {
        throw ModelError.malformed("node \(position) refers to value \(index) of \(values.count)")
      }
      guard node.outputs.count == 1 else {
        throw ModelError.malformed("node \(position) writes \(node.outputs.count) values, not 1")
      }
      try node.operation.validateParameters()
    }
    for (index, tensor) in constants where tensor.data.count != tensor.shape.reduce(1, *) {
      throw ModelError.malformed("constant \(values[index].name) has a wrong element count")
    }
  }

  /// Checks the caller's tensors and computes every value's shape for them.
  ///
  /// - Returns: one shape per entry of ``values``, every dimension positive.
  func shapes(forInputs tensors: [Tensor]) throws -> [[Int]] {
    guard tensors.count == inputs.count else {
      throw ModelError.invalidShape("expected \(inputs.count) inputs, got \(tensors.count)")
    }
    for tensor in tensors where tensor.data.count != tensor.shape.reduce(1, *) {
      throw ModelError.invalidShape(
        "input of shape \(tensor.shape) holds \(tensor.data.count) elements")
    }
    let shapes = try inferShapes(inputShapes: tensors.map(\.shape))
    for (index, shape) in shapes.enumerated() where shape.contains(where: { $0 <= 0 }) {
      throw ModelError.invalidShape("value \(values[index].name) would have shape \(shape)")
    }
    return shapes
  }
}

extension Operator {
  /// Throws when a parameter is out of range.
  fileprivate func validateParameters() throws {
    func require(_ condition: Bool, _ detail: @autoclosure () -> String) throws {
      if !condition { throw ModelError.malformed("\(name): \(detail())") }
    }
    func requireNonNegative(_ padding: Padding) throws {
      if case .explicit(let top, let left, let bottom, let right) = padding {
        try require(min(top, left, bottom, right) >= 0, "negative padding")
      }
    }
    switch self {
    case .convolution(let convolution):
      try validateFilter(convolution.filter, bias: convolution.bias, groups: convolution.groups)
      try require(
        min(
          convolution.strideHeight, convolution.strideWidth, convolution.dilationHeight,
          convolution.dilationWidth) > 0, "strides and dilations must be positive")
      try requireNonNegative(convolution.padding)
    case .deconvolution(let deconvolution):
      try validateFilter(
        deconvolution.filter, bias: deconvolution.bias, groups: deconvolution.groups)
      try require(
        min(
          deconvolution.strideHeight, deconvolution.strideWidth, deconvolution.dilationHeight,
          deconvolution.dilationWidth) > 0, "strides and dilations must be positive")
      try require(
        min(deconvolution.adjustmentHeight, deconvolution.adjustmentWidth) >= 0,
        "negative output adjustment")
      guard case .explicit = deconvolution.padding else {
        throw ModelError.unsupportedFeature("SAME padding on a transposed convolution")
      }
      try requireNonNegative(deconvolution.padding)
    case .maxPool(let pooling):
      try require(
        min(pooling.kernelHeight, pooling.kernelWidth, pooling.strideHeight, pooling.strideWidth)
          > 0, "window and strides must be positive")
      try requireNonNegative(pooling.padding)
      if case .explicit(let top, let left, let bottom, let right) = pooling.padding {
        try require(
          max(top, bottom) < pooling.kernelHeight && max(left, right) < pooling.kernelWidth,
          "padding must be smaller than the window")
      }
    case .resizeBilinear(let height, let width, let alignCorners, let halfPixelCenters):
      try require(height > 0 && width > 0, "output size must be positive")
      if alignCorners && halfPixelCenters {
        throw ModelError.unsupportedFeature(
          "bilinear resize with both aligned corners and half-pixel centers")
      }
    case .reshape(let target):
      try require(target.allSatisfy { $0 > 0 || $0 == -1 }, "bad target shape \(target)")
    case .clamp(let lower, let upper):
      try require(!lower.isNaN && !upper.isNaN && lower <= upper, "bad bounds \(lower)...\(upper)")
    case .add, .multiply, .sigmoid, .pad, .concatenate, .depthToSpace:
      break
    }
  }

  /// Throws unless the filter is `[outC, kH, kW, inC/groups]` with positive sizes, `outC` divisible
  /// by `groups`, and the bias has one element per output channel.
  private func validateFilter(_ filter: Tensor, bias: Tensor?, groups: Int) throws {
    guard filter.shape.count == 4, filter.shape.allSatisfy({ $0 > 0 }),
      filter.data.count == filter.shape.reduce(1, *)
    else {
      throw ModelError.malformed("\(name): filter of shape \(filter.shape) is not 4-D")
    }
    guard groups > 0, filter.shape[0] % groups == 0 else {
      throw ModelError.malformed("\(name): \(filter.shape[0]) outputs in \(groups) groups")
    }
    if let bias, bias.data.count != filter.shape[0] {
      throw ModelError.malformed(
        "\(name): \(bias.data.count) biases for \(filter.shape[0]) output channels")
    }
  }
}

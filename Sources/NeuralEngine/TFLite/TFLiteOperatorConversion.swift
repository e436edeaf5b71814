extension TFLiteGraphBuilder {
  /// `BuiltinOperator` codes of the supported operators.
  private enum Code {
    static let add = 0
    static let concatenation = 2
    static let conv2D = 3
    static let depthwiseConv2D = 4
    static let depthToSpace = 5
    static let dequantize = 6
    static let logistic = 14
    static let maxPool2D = 17
    static let relu = 19
    static let reluMinusOneToOne = 20
    static let relu6 = 21
    static let reshape = 22
    static let resizeBilinear = 23
    static let pad = 34
    static let padV2 = 60
    static let densify = 124
  }

  /// `BuiltinOptions` union tags of the options tables read here.
  private enum OptionsType {
    static let pool2D = 5
    static let concatenation = 10
    static let add = 11
    static let resizeBilinear = 15
    static let reshape = 17
    static let depthToSpace = 94
  }

  /// Converts one operator into nodes, or folds it into a constant.
  mutating func convert(_ op: TFLiteModel.OperatorInfo) throws {
    let name = TFLiteBuiltinOperatorName.of(op.builtinCode)
    var output: Int {
      get throws {
        guard op.outputs.count == 1 else {
          throw ModelError.malformed("\(name) writes \(op.outputs.count) tensors instead of one")
        }
        return op.outputs[0]
      }
    }
    switch op.builtinCode {
    case Code.conv2D:
      try emit(
        .convolution(try convolution(op, name: name)), inputs: [try operand(op, 0)],
        output: try output)
    case Code.depthwiseConv2D:
      try emit(
        .convolution(try depthwiseConvolution(op, name: name)), inputs: [try operand(op, 0)],
        output: try output)
    case Code.add:
      let options = try TFLiteOptions(of: op, type: OptionsType.add, operatorName: name)
      try emit(
        .add(Addition(activation: try options.activation(0))),
        inputs: [try operand(op, 0), try operand(op, 1)], output: try output)
    case Code.relu:
      try emit(
        .clamp(Clamp(min: 0, max: .infinity)), inputs: [try operand(op, 0)], output: try output)
    case Code.relu6:
      try emit(.clamp(Clamp(min: 0, max: 6)), inputs: [try operand(op, 0)], output: try output)
    case Code.reluMinusOneToOne:
      try emit(.clamp(Clamp(min: -1, max: 1)), inputs: [try operand(op, 0)], output: try output)
    case Code.logistic:
      try emit(.sigmoid(Sigmoid()), inputs: [try operand(op, 0)], output: try output)
    case Code.pad, Code.padV2:
      try emit(try pad(op, name: name), inputs: [try operand(op, 0)], output: try output)
    case Code.maxPool2D:
      let options = try TFLiteOptions(of: op, type: OptionsType.pool2D, operatorName: name)
      let pooling = MaxPooling2D(
        kernelHeight: try options.positive(4, meaning: "filter height"),
        kernelWidth: try options.positive(3, meaning: "filter width"),
        strideHeight: try options.positive(2, meaning: "stride height"),
        strideWidth: try options.positive(1, meaning: "stride width"),
        padding: try options.padding(0))
      try emit(
        .maxPool(pooling), inputs: [try operand(op, 0)], output: try output,
        activation: try options.activation(5))
    case Code.reshape:
      try emit(
        .reshape(Reshape(shape: try reshapeTarget(op, output: try output, name: name))),
        inputs: [try operand(op, 0)], output: try output)
    case Code.concatenation:
      let options = try TFLiteOptions(of: op, type: OptionsType.concatenation, operatorName: name)
      let rank = try tensor(try output).shape.count
      let axis = try options.int(0)
      guard (-rank..<rank).contains(axis) else {
        throw ModelError.malformed("\(name) on axis \(axis) of rank-\(rank) tensors")
      }
      try emit(
        .concatenate(Concatenation(axis: axis < 0 ? axis + rank : axis)),
        inputs: try op.inputs.map { try value(reading: $0) }, output: try output,
        activation: try options.activation(1))
    case Code.resizeBilinear:
      let options = try TFLiteOptions(of: op, type: OptionsType.resizeBilinear, operatorName: name)
      let size = try integers(try input(op, 1), role: "size", of: name)
      guard size.count == 2, size.allSatisfy({ $0 >= 1 }) else {
        throw ModelError.malformed("\(name) to size \(size)")
      }
      try emit(
        .resizeBilinear(
          BilinearResize(
            height: size[0], width: size[1], alignCorners: try options.bool(2),
            halfPixelCenters: try options.bool(3))),
        inputs: [try operand(op, 0)], output: try output)
    case Code.depthToSpace:
      let options = try TFLiteOptions(of: op, type: OptionsType.depthToSpace, operatorName: name)
      try emit(
        .depthToSpace(DepthToSpace(blockSize: try options.positive(0, meaning: "block size"))),
        inputs: [try operand(op, 0)], output: try output)
    case Code.dequantize:
      let source = try input(op, 0)
      guard let constant = try constant(source) else {
        throw ModelError.unsupportedFeature("\(name) of a tensor computed at run time")
      }
      try fold(try output, into: constant)
    case Code.densify:
      try fold(try output, into: try densify(try tensor(try input(op, 0)), name: name))
    default:
      throw ModelError.unsupportedOperator(name)
    }
  }

  /// The tensor index of input `position`, which must be present.
  func input(_ op: TFLiteModel.OperatorInfo, _ position: Int) throws -> Int {
    guard position < op.inputs.count, op.inputs[position] >= 0 else {
      let name = TFLiteBuiltinOperatorName.of(op.builtinCode)
      throw ModelError.malformed("\(name) lacks input \(position + 1)")
    }
    return op.inputs[position]
  }

  /// The graph value of input `position`.
  private mutating func operand(_ op: TFLiteModel.OperatorInfo, _ position: Int) throws -> Int {
    try value(reading: try input(op, position))
  }

  /// The IR pad of `PAD` (paddings `[rank, 2]`) or `PADV2` (plus a scalar fill value).
  private func pad(_ op: TFLiteModel.OperatorInfo, name: String) throws -> Operator {
    let rank = try tensor(try input(op, 0)).shape.count
    let paddings = try integers(try input(op, 1), role: "paddings", of: name)
    guard paddings.count == 2 * rank else {
      throw ModelError.malformed("\(name) has \(paddings.count) paddings for rank \(rank)")
    }
    guard paddings.allSatisfy({ $0 >= 0 }) else {
      throw ModelError.unsupportedFeature("\(name) with negative paddings \(paddings)")
    }
    guard paddings.allSatisfy({ $0 <= Int(Int32.max) }) else {
      throw ModelError.malformed("\(name) has paddings \(paddings)")
    }
    var fill: Float = 0
    if op.inputs.count > 2, op.inputs[2] >= 0 {
      let value = try requiredConstant(op.inputs[2], role: "fill value", of: name)
      guard value.count == 1 else {
        throw ModelError.malformed("\(name) fill value has \(value.count) elements")
      }
      fill = value.data[0]
    }
    return .pad(
      ConstantPad(
        before: stride(from: 0, to: paddings.count, by: 2).map { paddings[$0] },
        after: stride(from: 1, to: paddings.count, by: 2).map { paddings[$0] }, value: fill))
  }

  /// The target shape of `RESHAPE`: its constant shape operand, else its options, else the
  /// shape the file declares for its output.
  private func reshapeTarget(
    _ op: TFLiteModel.OperatorInfo, output: Int, name: String
  ) throws -> [Int] {
    var target: [Int]
    if op.inputs.count > 1, op.inputs[1] >= 0, !(try tensor(op.inputs[1])).data.isEmpty {
      target = try integers(op.inputs[1], role: "shape", of: name)
    } else if let shape = try TFLiteOptions(of: op, type: OptionsType.reshape, operatorName: name)
      .ints(0)
    {
      target = shape
    } else {
      target = try tensor(output).shape
    }
    guard target.allSatisfy({ $0 >= -1 }),
      (try? TFLiteConstantDecoding.elementCount(target.filter { $0 != -1 })) != nil
    else {
      throw ModelError.malformed("\(name) to shape \(target)")
    }
    return target
  }

  /// The dense fp32 contents of the sparse constant a `DENSIFY` reads.
  private func densify(_ source: TFLiteModel.TensorInfo, name: String) throws -> Tensor {
    guard let sparsity = source.sparsity, !source.data.isEmpty else {
      throw ModelError.unsupportedFeature(
        "\(name) of \(source.name), which is not a sparse constant")
    }
    let values = try TFLiteConstantDecoding.floats(
      source.data, type: source.type, tensor: source.name)
    return Tensor(shape: source.shape, data: try sparsity.densify(values, shape: source.shape))
  }
}

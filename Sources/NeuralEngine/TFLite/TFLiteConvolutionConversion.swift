extension TFLiteGraphBuilder {
  /// `BuiltinOptions` union tag of `Conv2DOptions`.
  private static let conv2DOptionsType = 1
  /// `BuiltinOptions` union tag of `DepthwiseConv2DOptions`.
  private static let depthwiseOptionsType = 2

  /// The IR convolution of a `CONV_2D`, whose filter is already `[outC, kH, kW, inC / groups]`.
  func convolution(_ op: TFLiteModel.OperatorInfo, name: String) throws -> Convolution2D {
    let filter = try requiredConstant(try input(op, 1), role: "filter", of: name)
    guard filter.shape.count == 4, filter.shape.allSatisfy({ $0 >= 1 }) else {
      throw ModelError.malformed("\(name) has filter shape \(filter.shape)")
    }
    let inputChannels = try channels(of: try input(op, 0), name: name)
    guard inputChannels % filter.shape[3] == 0 else {
      throw ModelError.malformed(
        "\(name) filter of \(filter.shape[3]) channels does not divide \(inputChannels) channels")
    }
    let options = try TFLiteOptions(of: op, type: Self.conv2DOptionsType, operatorName: name)
    return Convolution2D(
      filter: filter, bias: try bias(op, channels: filter.shape[0], name: name),
      strideHeight: try options.positive(2, meaning: "stride height"),
      strideWidth: try options.positive(1, meaning: "stride width"),
      dilationHeight: try options.positive(5, default: 1, meaning: "dilation height"),
      dilationWidth: try options.positive(4, default: 1, meaning: "dilation width"),
      padding: try options.padding(0), groups: inputChannels / filter.shape[3],
      activation: try options.activation(3))
  }

  /// The IR convolution of a `DEPTHWISE_CONV_2D`: the filter `[1, kH, kW, outC]` becomes
  /// `[outC, kH, kW, 1]` and there is one group per input channel.
  func depthwiseConvolution(_ op: TFLiteModel.OperatorInfo, name: String) throws -> Convolution2D {
    let filter = try requiredConstant(try input(op, 1), role: "filter", of: name)
    guard filter.shape.count == 4, filter.shape[0] == 1, filter.shape.allSatisfy({ $0 >= 1 }) else {
      throw ModelError.malformed("\(name) has filter shape \(filter.shape)")
    }
    let (kernelHeight, kernelWidth, outputChannels) = (
      filter.shape[1], filter.shape[2], filter.shape[3]
    )
    let inputChannels = try channels(of: try input(op, 0), name: name)
    let options = try TFLiteOptions(of: op, type: Self.depthwiseOptionsType, operatorName: name)
    let multiplier = try options.int(3)
    guard outputChannels % inputChannels == 0,
      multiplier == 0 || multiplier * inputChannels == outputChannels
    else {
      throw ModelError.malformed(
        "\(name) maps \(inputChannels) channels to \(outputChannels) with multiplier \(multiplier)")
    }
    var weights = [Float](repeating: 0, count: filter.count)
    for channel in 0..<outputChannels {
      for tap in 0..<(kernelHeight * kernelWidth) {
        weights[channel * kernelHeight * kernelWidth + tap] =
          filter.data[tap * outputChannels + channel]
      }
    }
    return Convolution2D(
      filter: Tensor(shape: [outputChannels, kernelHeight, kernelWidth, 1], data: weights),
      bias: try bias(op, channels: outputChannels, name: name),
      strideHeight: try options.positive(2, meaning: "stride height"),
      strideWidth: try options.positive(1, meaning: "stride width"),
      dilationHeight: try options.positive(6, default: 1, meaning: "dilation height"),
      dilationWidth: try options.positive(5, default: 1, meaning: "dilation width"),
      padding: try options.padding(0), groups: inputChannels,
      activation: try options.activation(4))
  }

  /// The channel count the file declares for the NHWC activation at tensor `index`.
  private func channels(of index: Int, name: String) throws -> Int {
    let shape = try tensor(index).shape
    guard shape.count == 4, shape[3] >= 1 else {
      throw ModelError.malformed("\(name) input has shape \(shape), expected NHWC")
    }
    return shape[3]
  }

  /// The optional bias (input 3) as a `[channels]` tensor.
  private func bias(_ op: TFLiteModel.OperatorInfo, channels: Int, name: String) throws -> Tensor? {
    guard op.inputs.count > 2, op.inputs[2] >= 0 else { return nil }
    let bias = try requiredConstant(op.inputs[2], role: "bias", of: name)
    guard bias.count == channels else {
      throw ModelError.malformed("\(name) has \(bias.count) biases for \(channels) channels")
    }
    return Tensor(shape: [channels], data: bias.data)
  }
}

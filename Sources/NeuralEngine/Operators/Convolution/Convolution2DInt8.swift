extension Convolution2D {
  /// XNNPACK convolves int8 activations with per-channel int8 filters (`qc8`), depthwise too.
  var int8Role: Int8Role { .requantizing }

  /// The filter quantized per output channel, in XNNPACK's layout (`[1, kH, kW, outC]` with the
  /// channel last when depthwise, `[outC, kH, kW, inC / groups]` otherwise), then the int32 bias.
  func xnnpackInt8Weights(input: QuantizationParameters) -> [ChannelwiseQuantizedWeight] {
    let quantized = QuantizedFilter(self, input: input)
    let filter = ChannelwiseQuantizedWeight(
      shape: isDepthwise ? [1, kernelHeight, kernelWidth, outputChannels] : self.filter.shape,
      channelDimension: isDepthwise ? 3 : 0, scales: quantized.scales,
      elements: .int8(quantized.xnnpackLayout(for: self)))
    let bias = ChannelwiseQuantizedWeight(
      shape: [outputChannels], channelDimension: 0, scales: quantized.biasScales,
      elements: .int32(quantized.bias))
    return [filter, bias]
  }
}

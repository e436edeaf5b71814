/// A convolution's weights for int8 inference: the filter as symmetric int8 per output channel
/// (XNNPACK's `qcint8`), and the bias as int32 in steps of input scale × channel scale
/// (`qcint32`).
struct QuantizedFilter: Sendable, Equatable {
  /// The filter in the convolution's `[outC, kH, kW, inC / groups]` layout.
  let values: [Int8]
  /// The real value of one step of each output channel's weights.
  let scales: [Float]
  /// One bias per output channel, in steps of ``biasScales``.
  let bias: [Int32]
  /// The real value of one step of each output channel's bias: the input scale times
  /// ``scales``.
  let biasScales: [Float]

  /// The largest bias magnitude in steps: the largest float below `Int32.max`.
  static let largestBias = Float(Int32.max).nextDown

  /// Quantizes the weights of `convolution` for an input quantized with `input`.
  init(_ convolution: Convolution2D, input: QuantizationParameters) {
    let channels = convolution.outputChannels
    let perChannel = convolution.filter.data.count / channels
    let weights = convolution.filter.data
    var values = [Int8](repeating: 0, count: weights.count)
    var scales = [Float](repeating: 1, count: channels)
    for channel in 0..<channels {
      let slice = weights[(channel * perChannel)..<((channel + 1) * perChannel)]
      let largest = slice.map(abs).max() ?? 0
      // A channel of zeros keeps scale 1: XNNPACK needs a positive scale and every step is 0.
      let scale = largest > 0 ? largest / 127 : 1
      scales[channel] = scale
      for index in slice.indices {
        values[index] = Int8(min(max((weights[index] / scale).rounded(), -127), 127))
      }
    }
    let biasScales = scales.map { $0 * input.scale }
    let biases = convolution.bias?.data ?? [Float](repeating: 0, count: channels)
    self.values = values
    self.scales = scales
    self.biasScales = biasScales
    self.bias = zip(biases, biasScales).map { bias, scale in
      Int32(min(max((bias / scale).rounded(), -Self.largestBias), Self.largestBias))
    }
  }

  /// The filter in XNNPACK's layout for `convolution`: `[1, kH, kW, outC]` when depthwise,
  /// unchanged otherwise.
  func xnnpackLayout(for convolution: Convolution2D) -> [Int8] {
    guard convolution.isDepthwise else { return values }
    let channels = convolution.outputChannels
    let taps = convolution.kernelHeight * convolution.kernelWidth
    var result = [Int8](repeating: 0, count: values.count)
    for channel in 0..<channels {
      for tap in 0..<taps {
        result[tap * channels + channel] = values[channel * taps + tap]
      }
    }
    return result
  }
}

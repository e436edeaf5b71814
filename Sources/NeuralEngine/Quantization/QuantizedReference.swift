/// The int8 operators XNNPACK runs, computed with plain Swift loops on int8 tensors: the yardstick
/// XNNPACK's int8 kernels are tested against (they may round differently by one step).
enum QuantizedReference {
  /// An int8 activation: NHWC steps and their parameters.
  struct Activation: Equatable {
    /// The shape, NHWC for rank 4.
    var shape: [Int]
    /// The steps, `shape.reduce(1, *)` of them.
    var steps: [Int8]
    /// What the steps stand for.
    var parameters: QuantizationParameters

    /// The real values the steps stand for.
    var dequantized: Tensor {
      Tensor(shape: shape, data: steps.map(parameters.dequantize))
    }
  }

  /// `convolution` on an int8 input with its per-channel int8 filter and int32 bias: each output
  /// is the integer sum of `(input − zero point) × weight` plus the bias, scaled by
  /// `input scale × channel scale / output scale`, rounded, offset by the output zero point and
  /// clamped to the fused activation and to −128...127.
  static func convolution(
    _ convolution: Convolution2D, input: Activation, output parameters: QuantizationParameters
  ) throws -> Activation {
    let outputShape = try convolution.outputShape(operands: [input.shape])
    let filter = QuantizedFilter(convolution, input: input.parameters)
    let (height, width, inputChannels) = (input.shape[1], input.shape[2], input.shape[3])
    let (outputHeight, outputWidth, outputChannels) = (
      outputShape[1], outputShape[2], outputShape[3]
    )
    let groupInputs = convolution.groupInputChannels
    let groupOutputs = outputChannels / convolution.groups
    let padding = convolution.window.paddingAmounts(inputShape: input.shape)
    let bounds = parameters.integerBounds(of: convolution.activation.bounds)
    let inputZero = Int32(input.parameters.zeroPoint)
    var steps = [Int8](repeating: 0, count: outputShape.reduce(1, *))
    for batch in 0..<outputShape[0] {
      for outputY in 0..<outputHeight {
        for outputX in 0..<outputWidth {
          for channel in 0..<outputChannels {
            var sum = filter.bias[channel]
            let group = channel / groupOutputs
            for kernelY in 0..<convolution.kernelHeight {
              let inputY =
                outputY * convolution.strideHeight - padding.top
                + kernelY * convolution.dilationHeight
              guard inputY >= 0, inputY < height else { continue }
              for kernelX in 0..<convolution.kernelWidth {
                let inputX =
                  outputX * convolution.strideWidth - padding.left
                  + kernelX * convolution.dilationWidth
                guard inputX >= 0, inputX < width else { continue }
                let inputBase =
                  ((batch * height + inputY) * width + inputX) * inputChannels + group * groupInputs
                let filterBase =
                  ((channel * convolution.kernelHeight + kernelY) * convolution.kernelWidth
                    + kernelX) * groupInputs
                for offset in 0..<groupInputs {
                  sum +=
                    (Int32(input.steps[inputBase + offset]) - inputZero)
                    * Int32(filter.values[filterBase + offset])
                }
              }
            }
            let scale = filter.biasScales[channel] / parameters.scale
            let index =
              ((batch * outputHeight + outputY) * outputWidth + outputX) * outputChannels
              + channel
            steps[index] = requantize(Float(sum) * scale, parameters, bounds)
          }
        }
      }
    }
    return Activation(shape: outputShape, steps: steps, parameters: parameters)
  }

  /// The int8 sum of two int8 tensors of one shape, clamped to `activation`.
  static func addition(
    _ left: Activation, _ right: Activation, output parameters: QuantizationParameters,
    activation: FusedActivation = .none
  ) -> Activation {
    let bounds = parameters.integerBounds(of: activation.bounds)
    let steps = zip(left.steps, right.steps).map { leftStep, rightStep in
      let sum =
        left.parameters.dequantize(leftStep) + right.parameters.dequantize(rightStep)
      return requantize(sum / parameters.scale, parameters, bounds)
    }
    return Activation(shape: left.shape, steps: steps, parameters: parameters)
  }

  /// A real value already divided by the output scale, as an output step: rounded to nearest,
  /// offset by the zero point, clamped to `bounds`.
  private static func requantize(
    _ scaled: Float, _ parameters: QuantizationParameters, _ bounds: ClosedRange<Int32>
  ) -> Int8 {
    let step = Int32(scaled.rounded()) + parameters.zeroPoint
    return Int8(min(max(step, bounds.lowerBound), bounds.upperBound))
  }
}

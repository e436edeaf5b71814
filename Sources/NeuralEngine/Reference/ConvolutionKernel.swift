extension ReferenceKernels {
  /// A grouped, dilated 2-D convolution of an NHWC tensor, bias and activation included.
  static func convolve(_ input: Tensor, with convolution: Convolution2D, outputShape: [Int])
    -> Tensor
  {
    let (batches, height, width, inputChannels) = (
      input.shape[0], input.shape[1], input.shape[2], input.shape[3]
    )
    let (outputHeight, outputWidth, outputChannels) = (
      outputShape[1], outputShape[2], outputShape[3]
    )
    let kernelHeight = convolution.kernelHeight
    let kernelWidth = convolution.kernelWidth
    let groupInputChannels = convolution.groupInputChannels
    let groupOutputChannels = outputChannels / convolution.groups
    let vertical = convolution.padding.amounts(
      size: height, kernel: kernelHeight, stride: convolution.strideHeight,
      dilation: convolution.dilationHeight, vertical: true)
    let horizontal = convolution.padding.amounts(
      size: width, kernel: kernelWidth, stride: convolution.strideWidth,
      dilation: convolution.dilationWidth, vertical: false)
    let bounds = convolution.activation.bounds
    let filter = convolution.filter.data
    let bias = convolution.bias?.data
    var output = [Float](repeating: 0, count: outputShape.reduce(1, *))
    for batch in 0..<batches {
      for outputY in 0..<outputHeight {
        for outputX in 0..<outputWidth {
          for outputChannel in 0..<outputChannels {
            let group = outputChannel / groupOutputChannels
            var sum = bias?[outputChannel] ?? 0
            for kernelY in 0..<kernelHeight {
              let inputY =
                outputY * convolution.strideHeight - vertical.before
                + kernelY * convolution.dilationHeight
              guard inputY >= 0, inputY < height else { continue }
              for kernelX in 0..<kernelWidth {
                let inputX =
                  outputX * convolution.strideWidth - horizontal.before
                  + kernelX * convolution.dilationWidth
                guard inputX >= 0, inputX < width else { continue }
                let inputBase =
                  ((batch * height + inputY) * width + inputX) * inputChannels
                  + group * groupInputChannels
                let filterBase =
                  ((outputChannel * kernelHeight + kernelY) * kernelWidth + kernelX)
                  * groupInputChannels
                for channel in 0..<groupInputChannels {
                  sum += input.data[inputBase + channel] * filter[filterBase + channel]
                }
              }
            }
            let index =
              ((batch * outputHeight + outputY) * outputWidth + outputX) * outputChannels
              + outputChannel
            output[index] = min(max(sum, bounds.min), bounds.max)
          }
        }
      }
    }
    return Tensor(shape: outputShape, data: output)
  }
}

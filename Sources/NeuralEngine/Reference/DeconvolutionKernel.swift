extension ReferenceKernels {
  /// A grouped, dilated 2-D transposed convolution of an NHWC tensor (ONNX `ConvTranspose`):
  /// every input pixel scatters its kernel-weighted contribution into the full-size output, which
  /// is then cropped by the padding.
  static func deconvolve(_ input: Tensor, with deconvolution: Deconvolution2D, outputShape: [Int])
    -> Tensor
  {
    let (batches, height, width, inputChannels) = (
      input.shape[0], input.shape[1], input.shape[2], input.shape[3]
    )
    let (outputHeight, outputWidth, outputChannels) = (
      outputShape[1], outputShape[2], outputShape[3]
    )
    let kernelHeight = deconvolution.kernelHeight
    let kernelWidth = deconvolution.kernelWidth
    let groupInputChannels = deconvolution.groupInputChannels
    let groupOutputChannels = outputChannels / deconvolution.groups
    var cropTop = 0
    var cropLeft = 0
    if case .explicit(let top, let left, _, _) = deconvolution.padding {
      cropTop = top
      cropLeft = left
    }
    let filter = deconvolution.filter.data
    var output = [Float](repeating: 0, count: outputShape.reduce(1, *))
    for batch in 0..<batches {
      for outputY in 0..<outputHeight {
        for outputX in 0..<outputWidth {
          for outputChannel in 0..<outputChannels {
            output[
              ((batch * outputHeight + outputY) * outputWidth + outputX) * outputChannels
                + outputChannel] =
              deconvolution.bias?.data[outputChannel] ?? 0
          }
        }
      }
      for inputY in 0..<height {
        for inputX in 0..<width {
          for kernelY in 0..<kernelHeight {
            let outputY =
              inputY * deconvolution.strideHeight + kernelY * deconvolution.dilationHeight - cropTop
            guard outputY >= 0, outputY < outputHeight else { continue }
            for kernelX in 0..<kernelWidth {
              let outputX =
                inputX * deconvolution.strideWidth + kernelX * deconvolution.dilationWidth
                - cropLeft
              guard outputX >= 0, outputX < outputWidth else { continue }
              for outputChannel in 0..<outputChannels {
                let group = outputChannel / groupOutputChannels
                let inputBase =
                  ((batch * height + inputY) * width + inputX) * inputChannels
                  + group * groupInputChannels
                let filterBase =
                  ((outputChannel * kernelHeight + kernelY) * kernelWidth + kernelX)
                  * groupInputChannels
                var sum: Float = 0
                for channel in 0..<groupInputChannels {
                  sum += input.data[inputBase + channel] * filter[filterBase + channel]
                }
                output[
                  ((batch * outputHeight + outputY) * outputWidth + outputX) * outputChannels
                    + outputChannel] += sum
              }
            }
          }
        }
      }
    }
    let bounds = deconvolution.activation.bounds
    return Tensor(shape: outputShape, data: output.map { min(max($0, bounds.min), bounds.max) })
  }
}

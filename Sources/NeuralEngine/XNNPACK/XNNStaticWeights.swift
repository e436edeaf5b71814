/// Filters, biases and constants in the layouts XNNPACK reads, alive as long as any XNNPACK
/// runtime that points at them.
final class XNNStaticWeights {
  /// Filter of each convolution and deconvolution node, by node index.
  private(set) var filters: [Int: AlignedFloatBuffer] = [:]
  /// Bias of each convolution and deconvolution node (zeros when the graph has none).
  private(set) var biases: [Int: AlignedFloatBuffer] = [:]
  /// Every graph constant, by value index.
  private(set) var constants: [Int: AlignedFloatBuffer] = [:]

  /// Converts the weights of a graph that passed ``Graph/validateForExecution()``.
  init(graph: Graph) {
    for (index, node) in graph.nodes.enumerated() {
      switch node.operation {
      case .convolution(let convolution):
        filters[index] = AlignedFloatBuffer(
          copying: convolution.isDepthwise
            ? depthwiseLayout(convolution.filter) : convolution.filter.data)
        biases[index] = AlignedFloatBuffer(
          copying: convolution.bias?.data
            ?? [Float](repeating: 0, count: convolution.outputChannels))
      case .deconvolution(let deconvolution):
        filters[index] = AlignedFloatBuffer(copying: deconvolution.filter.data)
        biases[index] = AlignedFloatBuffer(
          copying: deconvolution.bias?.data
            ?? [Float](repeating: 0, count: deconvolution.outputChannels))
      default:
        break
      }
    }
    for (index, tensor) in graph.constants {
      constants[index] = AlignedFloatBuffer(copying: tensor.data)
    }
  }

  deinit {
    for buffer in filters.values { buffer.deallocate() }
    for buffer in biases.values { buffer.deallocate() }
    for buffer in constants.values { buffer.deallocate() }
  }

  /// Reorders a depthwise filter from `[outC, kH, kW, 1]` to XNNPACK's `[1, kH, kW, outC]`.
  private func depthwiseLayout(_ filter: Tensor) -> [Float] {
    let outputChannels = filter.shape[0]
    let taps = filter.shape[1] * filter.shape[2]
    var result = [Float](repeating: 0, count: filter.data.count)
    for channel in 0..<outputChannels {
      for tap in 0..<taps {
        result[tap * outputChannels + channel] = filter.data[channel * taps + tap]
      }
    }
    return result
  }
}

extension Convolution2D {
  /// Whether XNNPACK runs this as a depthwise convolution: one input channel per group and more
  /// than one group.
  var isDepthwise: Bool { groupInputChannels == 1 && groups > 1 }
}

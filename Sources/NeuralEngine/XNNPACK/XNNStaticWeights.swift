/// Operator weights and graph constants in the layouts XNNPACK reads, alive as long as any
/// XNNPACK runtime that points at them. Nothing changes them after creation, so runtimes on
/// several threads may read them at once.
final class XNNStaticWeights: @unchecked Sendable {
  /// One static tensor of a node: its XNNPACK shape and its storage.
  struct Weight {
    /// The shape XNNPACK is told.
    let shape: [Int]
    /// The elements.
    let buffer: AlignedFloatBuffer
  }

  /// One per-channel quantized static tensor of an int8 node, in storage XNNPACK may point at
  /// (it keeps the address of the scales until runtimes are created).
  struct Int8Weight {
    /// The tensor this storage holds.
    let weight: ChannelwiseQuantizedWeight
    /// The elements.
    let elements: UnsafeMutableRawPointer
    /// The scale of each channel.
    let scales: UnsafeMutablePointer<Float>
  }

  /// Each node's ``GraphOperator/xnnpackWeights``, by node index.
  private(set) var nodeWeights: [Int: [Weight]] = [:]
  /// Each int8 node's ``GraphOperator/xnnpackInt8Weights(input:)``, by node index.
  private(set) var int8NodeWeights: [Int: [Int8Weight]] = [:]
  /// Every graph constant, by value index.
  private(set) var constants: [Int: AlignedFloatBuffer] = [:]

  /// Converts the weights of a graph that passed ``Graph/validateForExecution()``, and the int8
  /// weights of the nodes `int8` runs on int8 values.
  init(graph: Graph, int8: Int8Assignment? = nil) {
    for (index, node) in graph.nodes.enumerated() {
      nodeWeights[index] = node.operation.definition.xnnpackWeights.map {
        Weight(shape: $0.shape, buffer: AlignedFloatBuffer(copying: $0.data))
      }
    }
    for (index, tensor) in graph.constants {
      constants[index] = AlignedFloatBuffer(copying: tensor.data)
    }
    guard let int8 else { return }
    for index in int8.nodes {
      let node = graph.nodes[index]
      guard let input = int8.parameters[node.inputs[0]] else { continue }
      int8NodeWeights[index] = node.operation.definition.xnnpackInt8Weights(input: input).map(
        Self.store)
    }
  }

  deinit {
    for weights in nodeWeights.values {
      for weight in weights { weight.buffer.deallocate() }
    }
    for weights in int8NodeWeights.values {
      for weight in weights {
        weight.elements.deallocate()
        weight.scales.deallocate()
      }
    }
    for buffer in constants.values { buffer.deallocate() }
  }

  /// Copies a quantized tensor into aligned storage with XNNPACK's spare bytes.
  private static func store(_ weight: ChannelwiseQuantizedWeight) -> Int8Weight {
    let elements: UnsafeMutableRawPointer
    switch weight.elements {
    case .int8(let values): elements = copy(values)
    case .int32(let values): elements = copy(values)
    }
    let scales = UnsafeMutablePointer<Float>.allocate(capacity: weight.scales.count)
    scales.initialize(from: weight.scales, count: weight.scales.count)
    return Int8Weight(weight: weight, elements: elements, scales: scales)
  }

  /// A zero-padded aligned copy of `values`.
  private static func copy<Element>(_ values: [Element]) -> UnsafeMutableRawPointer {
    let byteCount = values.count * MemoryLayout<Element>.stride
    let raw = UnsafeMutableRawPointer.allocate(
      byteCount: byteCount + XNNLibrary.extraBytes, alignment: 64)
    raw.initializeMemory(as: UInt8.self, repeating: 0, count: byteCount + XNNLibrary.extraBytes)
    values.withUnsafeBytes { bytes in
      if let base = bytes.baseAddress { raw.copyMemory(from: base, byteCount: byteCount) }
    }
    return raw
  }
}

extension Graph {
  /// The multiply-accumulates one run of the network performs on inputs of the given shapes, as
  /// the model defines it: every convolution and transposed convolution (depthwise and grouped
  /// ones by their own filter size); the elementwise and pooling operations are not counted.
  ///
  /// - Throws: ``ModelError`` when the shapes do not fit the graph.
  public func multiplyAccumulates(inputShapes: [[Int]]) throws -> Int {
    let shapes = try inferShapes(inputShapes: inputShapes)
    return nodes.reduce(0) { $0 + multiplyAccumulates(of: $1, shapes: shapes) }
  }

  /// The multiply-accumulates of one node given every value's shape, counted as
  /// ``multiplyAccumulates(inputShapes:)`` counts them.
  func multiplyAccumulates(of node: Node, shapes: [[Int]]) -> Int {
    switch node.operation {
    case .convolution(let convolution):
      return shapes[node.outputs[0]].dropLast().reduce(1, *) * convolution.filter.data.count
    case .deconvolution(let deconvolution):
      return shapes[node.inputs[0]].dropLast().reduce(1, *) * deconvolution.filter.data.count
    default:
      return 0
    }
  }
}

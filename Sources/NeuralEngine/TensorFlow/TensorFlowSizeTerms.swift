/// One element of a small integer vector computed from the shapes of values, as TensorFlow
/// graphs compute the target sizes of resizes.
enum TensorFlowSizeTerm: Equatable {
  /// A number known when the graph is read.
  case constant(Int)
  /// Dimension `axis` of the value computed by node `node`, known only per run.
  case dimension(node: String, axis: Int)
}

extension TensorFlowGraphBuilder {
  /// The elements of the integer vector behind `reference`, computed by `Const`, `Shape`,
  /// `StridedSlice` (one axis, unit stride), `Pack` and `Cast` nodes.
  ///
  /// - Throws: ``ModelError/unsupportedFeature(_:)`` for other computations.
  mutating func sizeTerms(of reference: String) throws -> [TensorFlowSizeTerm] {
    let node = try producer(of: reference)
    switch node.operation {
    case "Const":
      guard let tensor = node.attributes["value"]?.tensor else {
        throw ModelError.malformed("\(node.label) has no value")
      }
      return try tensor.integers().map { .constant($0) }
    case "Cast":
      return try sizeTerms(of: input(node, 0))
    case "Shape":
      let value = try activation(input(node, 0))
      guard let rank = rank(of: value) else {
        throw ModelError.unsupportedFeature("\(node.label) reads a value of unknown rank")
      }
      let source = try producer(of: input(node, 0)).name
      return (0..<rank).map { .dimension(node: source, axis: $0) }
    case "Pack":
      guard (node.attributes["axis"]?.integer ?? 0) == 0 else {
        throw ModelError.unsupportedFeature("\(node.label) packs along an axis other than 0")
      }
      return try node.inputs.flatMap { reference in
        let terms = try sizeTerms(of: reference)
        guard terms.count == 1 else {
          throw ModelError.unsupportedFeature("\(node.label) packs vectors, not scalars")
        }
        return terms
      }
    case "StridedSlice":
      return try slice(try sizeTerms(of: input(node, 0)), by: node)
    default:
      throw ModelError.unsupportedFeature(
        "\(node.label) computes a size; only Const, Shape, StridedSlice, Pack and Cast may")
    }
  }

  /// `terms[begin..<end]` as a one-axis, unit-stride `StridedSlice` with constant bounds takes
  /// it, or the single element `terms[begin]` when the axis is shrunk.
  private func slice(_ terms: [TensorFlowSizeTerm], by node: TensorFlowNodeDef) throws
    -> [TensorFlowSizeTerm]
  {
    let begin = try constant(node, input: 1).integers()
    let end = try constant(node, input: 2).integers()
    let strides = try constant(node, input: 3).integers()
    let masks = ["begin_mask", "end_mask", "shrink_axis_mask", "ellipsis_mask", "new_axis_mask"]
      .map { node.attributes[$0]?.integer ?? 0 }
    guard begin.count == 1, end.count == 1, strides == [1], masks[3] == 0, masks[4] == 0 else {
      throw ModelError.unsupportedFeature("\(node.label) slices more than one axis by one")
    }
    func resolve(_ index: Int) -> Int { index < 0 ? index + terms.count : index }
    let lower = masks[0] & 1 == 1 ? 0 : resolve(begin[0])
    if masks[2] & 1 == 1 {
      guard terms.indices.contains(lower) else {
        throw ModelError.malformed("\(node.label) takes element \(begin[0]) of \(terms.count)")
      }
      return [terms[lower]]
    }
    let upper = masks[1] & 1 == 1 ? terms.count : min(resolve(end[0]), terms.count)
    guard lower >= 0, lower <= upper else {
      throw ModelError.malformed("\(node.label) slices \(begin[0])..<\(end[0]) of \(terms.count)")
    }
    return Array(terms[lower..<upper])
  }
}

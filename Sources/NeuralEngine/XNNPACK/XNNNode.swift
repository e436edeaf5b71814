import CXNNPACK

/// A graph node being added to an XNNPACK subgraph: what an operator's
/// ``GraphOperator/defineOnXNNPACK(_:)`` reads and defines into.
struct XNNNode {
  /// The `xnn_subgraph_t` being built.
  let subgraph: OpaquePointer
  /// XNNPACK value ids of the node's inputs, in order.
  let inputs: [UInt32]
  /// XNNPACK value id of the node's output.
  let output: UInt32
  /// XNNPACK value ids of the static tensors holding the operator's
  /// ``GraphOperator/xnnpackWeights``, in order.
  let weights: [UInt32]
  /// The shapes of the inputs, in order.
  let inputShapes: [[Int]]
  /// The shape of the output.
  let outputShape: [Int]
  /// Names the node in error messages.
  let label: String

  /// Throws ``ModelError/runtimeFailure(_:)`` naming `call` and the node unless `status` is a
  /// success.
  func check(_ status: xnn_status, _ call: String) throws {
    try XNNLibrary.check(status, call, for: label)
  }
}

extension PaddingAmounts {
  /// The amounts as XNNPACK's `top, right, bottom, left` arguments.
  var xnnpackArguments: (top: UInt32, right: UInt32, bottom: UInt32, left: UInt32) {
    (UInt32(top), UInt32(right), UInt32(bottom), UInt32(left))
  }
}

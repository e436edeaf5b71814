/// Something that runs a ``Graph`` on input tensors.
public protocol InferenceRuntime: Sendable {
  /// Runs the graph once.
  ///
  /// - Parameter inputs: one tensor per graph input, NHWC for images.
  /// - Returns: one tensor per graph output, in the graph's order.
  func run(_ inputs: [Tensor]) throws -> [Tensor]
}

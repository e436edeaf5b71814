/// A dense fp32 tensor in row-major order.
///
/// Activations of rank 4 are laid out NHWC (batch, height, width, channels) everywhere in the
/// engine; readers convert other layouts when they load a model.
public struct Tensor: Sendable, Equatable {
  /// The size of each dimension, outermost first.
  public var shape: [Int]
  /// The elements, `shape.reduce(1, *)` of them.
  public var data: [Float]

  /// Creates a tensor; `data.count` must equal the product of `shape`.
  public init(shape: [Int], data: [Float]) {
    precondition(
      shape.reduce(1, *) == data.count,
      "tensor data has \(data.count) elements, shape \(shape) needs \(shape.reduce(1, *))")
    self.shape = shape
    self.data = data
  }

  /// Creates a tensor of the given shape filled with `value`.
  public init(shape: [Int], repeating value: Float = 0) {
    self.shape = shape
    self.data = [Float](repeating: value, count: shape.reduce(1, *))
  }

  /// The number of elements.
  public var count: Int { data.count }
}

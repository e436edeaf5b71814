/// A neural network as a small intermediate representation shared by every model reader and
/// every runtime.
///
/// Values are numbered; a node reads values and writes values; constants hold tensors that are
/// known at load time (weights of convolutions live inside their operation instead). Rank-4
/// activations are NHWC. Nodes are stored in an order where every value is written before it is
/// read.
public struct Graph: Sendable {
  /// A value flowing through the graph.
  public struct Value: Sendable, Equatable {
    /// The name the model file gave it, for error messages.
    public var name: String
    /// The shape the model file declares, NHWC for rank 4; `-1` marks a dimension that depends on
    /// the input size. `nil` when the file does not say.
    public var declaredShape: [Int]?

    /// Creates a value description.
    public init(name: String, declaredShape: [Int]? = nil) {
      self.name = name
      self.declaredShape = declaredShape
    }
  }

  /// One operation applied to values.
  public struct Node: Sendable, Equatable {
    /// What the node computes.
    public var operation: Operator
    /// Indices into ``Graph/values`` of what it reads.
    public var inputs: [Int]
    /// Indices into ``Graph/values`` of what it writes.
    public var outputs: [Int]

    /// Creates a node.
    public init(operation: Operator, inputs: [Int], outputs: [Int]) {
      self.operation = operation
      self.inputs = inputs
      self.outputs = outputs
    }
  }

  /// Every value, by index.
  public var values: [Value]
  /// Values known at load time, by value index.
  public var constants: [Int: Tensor]
  /// The nodes in execution order.
  public var nodes: [Node]
  /// The values the caller provides, in order.
  public var inputs: [Int]
  /// The values the caller receives, in order.
  public var outputs: [Int]

  /// Creates a graph.
  public init(
    values: [Value], constants: [Int: Tensor] = [:], nodes: [Node], inputs: [Int], outputs: [Int]
  ) {
    self.values = values
    self.constants = constants
    self.nodes = nodes
    self.inputs = inputs
    self.outputs = outputs
  }
}

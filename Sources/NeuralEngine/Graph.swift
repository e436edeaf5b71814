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

/// Padding of a windowed operation (convolution, pooling).
public enum Padding: Sendable, Equatable {
  /// Fixed zero padding on each side, in pixels.
  case explicit(top: Int, left: Int, bottom: Int, right: Int)
  /// TensorFlow's `SAME`: the output has `ceil(input / stride)` pixels and the padding needed for
  /// that is split with the smaller half at the top and left.
  case same

  /// No padding.
  public static let none = Padding.explicit(top: 0, left: 0, bottom: 0, right: 0)
}

/// An activation fused into the output of an operation, as a clamp.
public enum FusedActivation: Sendable, Equatable {
  /// No clamp.
  case none
  /// `max(x, 0)`.
  case relu
  /// `min(max(x, 0), 6)`.
  case relu6

  /// The clamp bounds this activation stands for.
  public var bounds: (min: Float, max: Float) {
    switch self {
    case .none: return (-Float.infinity, Float.infinity)
    case .relu: return (0, Float.infinity)
    case .relu6: return (0, 6)
    }
  }
}

/// A 2-D convolution, grouped or depthwise (`groups == inputChannels`).
public struct Convolution2D: Sendable, Equatable {
  /// Weights laid out `[outputChannels, kernelHeight, kernelWidth, inputChannels / groups]`.
  public var filter: Tensor
  /// One bias per output channel, or `nil` for none.
  public var bias: Tensor?
  /// Vertical stride.
  public var strideHeight: Int
  /// Horizontal stride.
  public var strideWidth: Int
  /// Vertical dilation.
  public var dilationHeight: Int
  /// Horizontal dilation.
  public var dilationWidth: Int
  /// Input padding.
  public var padding: Padding
  /// Number of channel groups; input and output channels are divisible by it.
  public var groups: Int
  /// Activation applied to the output.
  public var activation: FusedActivation

  /// Creates a convolution.
  public init(
    filter: Tensor, bias: Tensor?, strideHeight: Int = 1, strideWidth: Int = 1,
    dilationHeight: Int = 1, dilationWidth: Int = 1, padding: Padding = .none, groups: Int = 1,
    activation: FusedActivation = .none
  ) {
    self.filter = filter
    self.bias = bias
    self.strideHeight = strideHeight
    self.strideWidth = strideWidth
    self.dilationHeight = dilationHeight
    self.dilationWidth = dilationWidth
    self.padding = padding
    self.groups = groups
    self.activation = activation
  }

  /// Output channels.
  public var outputChannels: Int { filter.shape[0] }
  /// Kernel height.
  public var kernelHeight: Int { filter.shape[1] }
  /// Kernel width.
  public var kernelWidth: Int { filter.shape[2] }
  /// Input channels per group.
  public var groupInputChannels: Int { filter.shape[3] }
}

/// A 2-D transposed convolution ("deconvolution"), as ONNX `ConvTranspose` defines it.
public struct Deconvolution2D: Sendable, Equatable {
  /// Weights laid out `[outputChannels, kernelHeight, kernelWidth, inputChannels / groups]`.
  public var filter: Tensor
  /// One bias per output channel, or `nil` for none.
  public var bias: Tensor?
  /// Vertical stride (upsampling factor).
  public var strideHeight: Int
  /// Horizontal stride.
  public var strideWidth: Int
  /// Vertical dilation.
  public var dilationHeight: Int
  /// Horizontal dilation.
  public var dilationWidth: Int
  /// Pixels cropped from each side of the full output.
  public var padding: Padding
  /// Extra pixels added at the bottom (ONNX `output_padding`).
  public var adjustmentHeight: Int
  /// Extra pixels added at the right.
  public var adjustmentWidth: Int
  /// Number of channel groups.
  public var groups: Int
  /// Activation applied to the output.
  public var activation: FusedActivation

  /// Creates a transposed convolution.
  public init(
    filter: Tensor, bias: Tensor?, strideHeight: Int, strideWidth: Int, dilationHeight: Int = 1,
    dilationWidth: Int = 1, padding: Padding = .none, adjustmentHeight: Int = 0,
    adjustmentWidth: Int = 0, groups: Int = 1, activation: FusedActivation = .none
  ) {
    self.filter = filter
    self.bias = bias
    self.strideHeight = strideHeight
    self.strideWidth = strideWidth
    self.dilationHeight = dilationHeight
    self.dilationWidth = dilationWidth
    self.padding = padding
    self.adjustmentHeight = adjustmentHeight
    self.adjustmentWidth = adjustmentWidth
    self.groups = groups
    self.activation = activation
  }

  /// Output channels.
  public var outputChannels: Int { filter.shape[0] }
  /// Kernel height.
  public var kernelHeight: Int { filter.shape[1] }
  /// Kernel width.
  public var kernelWidth: Int { filter.shape[2] }
  /// Input channels per group.
  public var groupInputChannels: Int { filter.shape[3] }
}

/// A 2-D pooling window.
public struct Pooling2D: Sendable, Equatable {
  /// Window height.
  public var kernelHeight: Int
  /// Window width.
  public var kernelWidth: Int
  /// Vertical stride.
  public var strideHeight: Int
  /// Horizontal stride.
  public var strideWidth: Int
  /// Input padding; padded pixels never win a maximum.
  public var padding: Padding

  /// Creates a pooling window.
  public init(
    kernelHeight: Int, kernelWidth: Int, strideHeight: Int, strideWidth: Int,
    padding: Padding = .none
  ) {
    self.kernelHeight = kernelHeight
    self.kernelWidth = kernelWidth
    self.strideHeight = strideHeight
    self.strideWidth = strideWidth
    self.padding = padding
  }
}

/// The operations the engine runs. Inputs and outputs are listed per case.
public enum Operator: Sendable, Equatable {
  /// Input: NHWC activation. Output: NHWC.
  case convolution(Convolution2D)
  /// Input: NHWC activation. Output: NHWC.
  case deconvolution(Deconvolution2D)
  /// Two inputs, NumPy-style broadcasting; output clamped by the activation.
  case add(FusedActivation)
  /// Two inputs, NumPy-style broadcasting.
  case multiply
  /// One input, elementwise `min(max(x, min), max)`; covers ReLU and ReLU6.
  case clamp(min: Float, max: Float)
  /// One input, elementwise `1 / (1 + exp(-x))`.
  case sigmoid
  /// One input; pads every dimension with `value` (`before[i]` and `after[i]` elements on axis i).
  case pad(before: [Int], after: [Int], value: Float)
  /// One NHWC input.
  case maxPool(Pooling2D)
  /// One NHWC input resized to `height` x `width`.
  case resizeBilinear(height: Int, width: Int, alignCorners: Bool, halfPixelCenters: Bool)
  /// One input given a new shape with the same element count; at most one `-1` is inferred.
  case reshape([Int])
  /// Any number of inputs joined along `axis`.
  case concatenate(axis: Int)
  /// One NHWC input; moves `blockSize`² channel blocks into space (TensorFlow order).
  case depthToSpace(blockSize: Int)
}

/// The operations the engine runs, one case per operator, each carrying the operator's
/// parameters. Inputs and outputs are listed per case; what each operator computes is documented,
/// validated and implemented in its payload's type (see ``GraphOperator``).
public enum Operator: Sendable, Equatable {
  /// Input: NHWC activation. Output: NHWC.
  case convolution(Convolution2D)
  /// Input: NHWC activation. Output: NHWC.
  case deconvolution(Deconvolution2D)
  /// Two inputs, NumPy-style broadcasting; output clamped by the activation.
  case add(Addition)
  /// Two inputs, NumPy-style broadcasting.
  case multiply(Multiplication)
  /// One input, elementwise; covers ReLU and ReLU6.
  case clamp(Clamp)
  /// One input, elementwise.
  case sigmoid(Sigmoid)
  /// One input, elementwise.
  case leakyReLU(LeakyReLU)
  /// One input of any rank, normalized along its last axis.
  case softmax(Softmax)
  /// One input of any rank, padded on every axis.
  case pad(ConstantPad)
  /// One NHWC input.
  case maxPool(MaxPooling2D)
  /// One NHWC input.
  case resizeBilinear(BilinearResize)
  /// One NHWC input, and a second one whose size it takes when the size is not fixed.
  case resizeNearest(NearestResize)
  /// One input given a new shape with the same element count.
  case reshape(Reshape)
  /// Any number of inputs joined along one axis.
  case concatenate(Concatenation)
  /// One NHWC input.
  case depthToSpace(DepthToSpace)

  /// The operator's parameters, which implement every concern of it.
  var definition: any GraphOperator {
    switch self {
    case .convolution(let convolution): convolution
    case .deconvolution(let deconvolution): deconvolution
    case .add(let addition): addition
    case .multiply(let multiplication): multiplication
    case .clamp(let clamp): clamp
    case .sigmoid(let sigmoid): sigmoid
    case .leakyReLU(let leakyReLU): leakyReLU
    case .softmax(let softmax): softmax
    case .pad(let pad): pad
    case .maxPool(let pooling): pooling
    case .resizeBilinear(let resize): resize
    case .resizeNearest(let resize): resize
    case .reshape(let reshape): reshape
    case .concatenate(let concatenation): concatenation
    case .depthToSpace(let depthToSpace): depthToSpace
    }
  }

  /// The shape this operation produces from operands of the given shapes.
  ///
  /// - Throws: ``ModelError`` when the operands do not fit the operation.
  public func outputShape(operands: [[Int]]) throws -> [Int] {
    try definition.outputShape(operands: operands)
  }

  /// A short name for messages.
  public var name: String { definition.name }
}

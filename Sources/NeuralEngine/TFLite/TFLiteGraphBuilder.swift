/// Builds a ``Graph`` from a decoded TFLite model: keeps track of which tensors became graph
/// values, which are constants, and emits nodes.
///
/// Constants are decoded on demand; `DEQUANTIZE` and `DENSIFY` of constants are folded at load
/// time, so their results are plain fp32 constants. Only tensors that a node or the caller uses
/// become graph values.
struct TFLiteGraphBuilder {
  /// The model being converted.
  let model: TFLiteModel
  /// Constants computed at load time, by tensor index.
  private var folded: [Int: Tensor] = [:]
  /// The graph value standing for each tensor, by tensor index.
  private var valueOfTensor: [Int: Int] = [:]
  /// The graph's values so far.
  private var values: [Graph.Value] = []
  /// The graph's constants so far, by value index.
  private var constants: [Int: Tensor] = [:]
  /// The graph's nodes so far.
  private var nodes: [Graph.Node] = []

  /// Prepares to convert `model`.
  init(model: TFLiteModel) {
    self.model = model
  }

  /// Converts every operator and returns the finished graph.
  mutating func build() throws -> Graph {
    let inputs = try model.inputs.map { try defineValue(writing: $0) }
    for op in model.operators { try convert(op) }
    let outputs = try model.outputs.map { try value(reading: $0) }
    return Graph(
      values: values, constants: constants, nodes: nodes, inputs: inputs, outputs: outputs)
  }

  /// The tensor at `index`; `-1`, the mark of an omitted optional operand, is refused.
  func tensor(_ index: Int) throws -> TFLiteModel.TensorInfo {
    guard model.tensors.indices.contains(index) else {
      throw ModelError.malformed("an operator leaves out a tensor it needs")
    }
    return model.tensors[index]
  }

  /// The graph value for a tensor an operator reads, adding it as a graph constant if needed.
  mutating func value(reading index: Int) throws -> Int {
    if let value = valueOfTensor[index] { return value }
    guard let constant = try constant(index) else {
      let name = try tensor(index).name
      throw ModelError.malformed("tensor \(name) is read before anything writes it")
    }
    let value = try defineValue(writing: index, isConstant: true)
    constants[value] = constant
    return value
  }

  /// Creates the graph value of a tensor an operator (or the caller) writes.
  mutating func defineValue(writing index: Int, isConstant: Bool = false) throws -> Int {
    let info = try tensor(index)
    guard valueOfTensor[index] == nil, isConstant || (info.data.isEmpty && folded[index] == nil)
    else {
      throw ModelError.malformed("tensor \(info.name) is written more than once")
    }
    values.append(Graph.Value(name: info.name, declaredShape: info.shape))
    valueOfTensor[index] = values.count - 1
    return values.count - 1
  }

  /// Records the value of a constant computed at load time.
  mutating func fold(_ index: Int, into constant: Tensor) throws {
    let info = try tensor(index)
    guard valueOfTensor[index] == nil, folded[index] == nil, info.data.isEmpty else {
      throw ModelError.malformed("tensor \(info.name) is written more than once")
    }
    folded[index] = constant
  }

  /// The fp32 contents of a constant tensor, or `nil` when it is computed at run time.
  func constant(_ index: Int) throws -> Tensor? {
    if let constant = folded[index] { return constant }
    let info = try tensor(index)
    guard !info.data.isEmpty else { return nil }
    guard info.sparsity == nil else {
      throw ModelError.unsupportedFeature("sparse tensor \(info.name) read without DENSIFY")
    }
    let data = try TFLiteConstantDecoding.floats(info.data, type: info.type, tensor: info.name)
    guard data.count == (try TFLiteConstantDecoding.elementCount(info.shape)) else {
      throw ModelError.malformed(
        "constant \(info.name) holds \(data.count) values for shape \(info.shape)")
    }
    return Tensor(shape: info.shape, data: data)
  }

  /// The contents of a constant tensor that must exist, such as a filter.
  func requiredConstant(_ index: Int, role: String, of operatorName: String) throws -> Tensor {
    guard let constant = try constant(index) else {
      throw ModelError.unsupportedFeature("\(operatorName) whose \(role) is computed at run time")
    }
    return constant
  }

  /// The contents of a constant integer tensor, such as paddings or a shape.
  func integers(_ index: Int, role: String, of operatorName: String) throws -> [Int] {
    let info = try tensor(index)
    guard !info.data.isEmpty else {
      throw ModelError.unsupportedFeature("\(operatorName) whose \(role) is computed at run time")
    }
    let numbers = try TFLiteConstantDecoding.integers(info.data, type: info.type, tensor: info.name)
    guard numbers.count == (try TFLiteConstantDecoding.elementCount(info.shape)) else {
      throw ModelError.malformed(
        "constant \(info.name) holds \(numbers.count) values for shape \(info.shape)")
    }
    return numbers
  }

  /// Appends a node computing `operation` into tensor `output`, followed by a clamp when the
  /// TFLite operator fuses an activation the IR operation cannot express.
  mutating func emit(
    _ operation: Operator, inputs: [Int], output: Int, activation: FusedActivation = .none
  ) throws {
    let result = try defineValue(writing: output)
    guard activation != .none else {
      nodes.append(Graph.Node(operation: operation, inputs: inputs, outputs: [result]))
      return
    }
    values.append(
      Graph.Value(
        name: values[result].name + "/before_activation",
        declaredShape: values[result].declaredShape))
    let intermediate = values.count - 1
    nodes.append(Graph.Node(operation: operation, inputs: inputs, outputs: [intermediate]))
    let bounds = activation.bounds
    nodes.append(
      Graph.Node(
        operation: .clamp(Clamp(min: bounds.min, max: bounds.max)), inputs: [intermediate],
        outputs: [result]))
  }
}

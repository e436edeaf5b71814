/// Which nodes of a graph run on int8 values and with which parameters each int8 value is
/// stored, decided once per runtime from the calibrated parameters.
///
/// A node runs on int8 when its operator has an ``Int8Role`` other than
/// ``Int8Role/floatOnly``, it reads no constant, it writes no graph output (outputs stay fp32 as
/// the detectors decode them), it is not one calibration keeps on fp32
/// (``ActivationQuantization/floatNodes``), and every value it reads has parameters. A
/// ``Int8Role/requantizing`` node also needs parameters for its output; a
/// ``Int8Role/keepingParameters`` node passes its input's parameters on. Values between two int8
/// nodes stay int8 inside an XNNPACK subgraph; elsewhere convert nodes change the type.
struct Int8Assignment: Sendable {
  /// The parameters of every value an int8 node reads or writes, by value index.
  let parameters: [Int: QuantizationParameters]
  /// The nodes, by index, that run on int8 values.
  let nodes: Set<Int>

  /// Assigns the nodes of `graph` given calibrated parameters by value index and the outputs of
  /// the nodes to keep on fp32.
  init(
    graph: Graph, calibrated: [Int: QuantizationParameters], floatNodeOutputs: Set<Int> = []
  ) {
    var parameters = calibrated
    var nodes = Set<Int>()
    let graphOutputs = Set(graph.outputs)
    for (index, node) in graph.nodes.enumerated() {
      let output = node.outputs[0]
      guard node.outputs.count == 1, !graphOutputs.contains(output),
        !floatNodeOutputs.contains(output),
        node.inputs.allSatisfy({ graph.constants[$0] == nil && parameters[$0] != nil })
      else { continue }
      switch node.operation.definition.int8Role {
      case .floatOnly:
        continue
      case .requantizing:
        guard calibrated[output] != nil else { continue }
      case .keepingParameters:
        parameters[output] = parameters[node.inputs[0]]
      }
      nodes.insert(index)
    }
    self.parameters = parameters
    self.nodes = nodes
  }
}

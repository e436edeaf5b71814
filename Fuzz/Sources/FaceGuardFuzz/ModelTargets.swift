@testable import FaceDetection
@testable import NeuralEngine

/// Targets for NeuralEngine's model readers: bytes to a graph, then its shapes for a small
/// input.
enum ModelTargets {
  /// Reads an ONNX model.
  static func onnx(_ bytes: [UInt8]) -> Bool {
    if let graph = try? ONNXReader.read(bytes) { inferShapes(of: graph) }
    return true
  }

  /// Reads a TensorFlow Lite model.
  static func tflite(_ bytes: [UInt8]) -> Bool {
    if let graph = try? TFLiteReader.read(bytes) { inferShapes(of: graph) }
    return true
  }

  /// Reads a frozen TensorFlow graph twice: cut at RetinaFace's input and heads (the names the
  /// detector uses), and cut at the graph's own first `Placeholder` and last node.
  static func graphDef(_ bytes: [UInt8]) -> Bool {
    let retinaFaceOutputs = RetinaFaceLevel.all.flatMap(\.headNames)
    if let graph = try? TensorFlowReader.read(
      bytes, inputs: [RetinaFace.inputName], outputs: retinaFaceOutputs)
    {
      inferShapes(of: graph)
    }
    guard let graphDef = try? TensorFlowGraphDef(decoding: bytes[...]),
      let input = graphDef.nodes.first(where: { $0.operation == "Placeholder" }),
      let output = graphDef.nodes.last
    else { return true }
    if let graph = try? TensorFlowReader.read(
      bytes, inputs: [input.name], outputs: [output.name])
    {
      inferShapes(of: graph)
    }
    return true
  }

  /// Runs shape inference and the cost count for small inputs: each declared dimension that is
  /// unknown or over 64 becomes 8 (an undeclared input is a 1x16x16x3 image).
  private static func inferShapes(of graph: Graph) {
    let shapes = graph.inputs.map { index in
      guard graph.values.indices.contains(index) else { return [1, 16, 16, 3] }
      return (graph.values[index].declaredShape ?? [1, 16, 16, 3]).map {
        (1...64).contains($0) ? $0 : 8
      }
    }
    guard shapes.allSatisfy({ $0.count <= 6 }) else { return }
    _ = try? graph.inferShapes(inputShapes: shapes)
    _ = try? graph.multiplyAccumulates(inputShapes: shapes)
  }
}

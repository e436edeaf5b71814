import Foundation

/// Reads ONNX models (`.onnx` files) into the engine's ``Graph``.
///
/// The protocol buffer encoding is decoded here directly. Weights are converted to the engine's
/// NHWC layouts, `BatchNormalization` is folded into the convolution before it, and ReLU-style
/// activations that alone follow a convolution or addition are fused into it.
public enum ONNXReader {
  /// Reads a model from the bytes of an ONNX file.
  ///
  /// - Throws: ``ModelError/malformed(_:)`` for bytes that are not a complete ONNX model,
  ///   ``ModelError/unsupportedOperator(_:)`` naming an operator the engine does not run, and
  ///   ``ModelError/unsupportedFeature(_:)`` for attributes or layouts it does not handle.
  public static func read(_ bytes: [UInt8]) throws -> Graph {
    let model = try ONNXModelProto(decoding: bytes[...])
    var builder = try ONNXGraphBuilder(model.graph)
    return try builder.build()
  }

  /// Reads a model from an ONNX file.
  ///
  /// - Throws: the errors of ``read(_:)``, or the file system's error when the file cannot be read.
  public static func read(contentsOf url: URL) throws -> Graph {
    try read([UInt8](Data(contentsOf: url)))
  }
}

import Foundation

/// Reads TensorFlow Lite (`.tflite`) models into the engine's ``Graph``.
///
/// The FlatBuffers file is decoded directly with bounds checks on every read, so damaged files
/// fail with ``ModelError`` instead of crashing. Only the main subgraph is read. Weights stored as
/// fp16 or as sparse tensors are expanded to dense fp32 at load time (`DEQUANTIZE` and `DENSIFY`
/// of constants are folded), and convolution weights end up inside ``Convolution2D``.
///
/// Supported operators: `CONV_2D`, `DEPTHWISE_CONV_2D`, `ADD`, `RELU`, `RELU6`, `RELU_N1_TO_1`,
/// `LOGISTIC`, `PAD`, `PADV2`, `MAX_POOL_2D`, `RESHAPE`, `CONCATENATION`, `RESIZE_BILINEAR`,
/// `DEPTH_TO_SPACE`, and `DEQUANTIZE` / `DENSIFY` of constants.
public enum TFLiteReader {
  /// Converts the bytes of a `.tflite` file into a graph.
  ///
  /// - Throws: ``ModelError/malformed(_:)`` for damaged files,
  ///   ``ModelError/unsupportedOperator(_:)`` naming an operator the engine lacks, and
  ///   ``ModelError/unsupportedFeature(_:)`` for unsupported uses of known operators.
  public static func read(_ bytes: [UInt8]) throws -> Graph {
    var builder = TFLiteGraphBuilder(model: try TFLiteModel(bytes: bytes))
    return try builder.build()
  }

  /// Reads the `.tflite` file at `url` and converts it into a graph.
  ///
  /// - Throws: ``ModelError/malformed(_:)`` when the file cannot be read, otherwise as
  ///   ``read(_:)``.
  public static func read(contentsOf url: URL) throws -> Graph {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw ModelError.malformed("cannot read \(url.path): \(error.localizedDescription)")
    }
    return try read([UInt8](data))
  }
}

import Foundation

/// Reads frozen TensorFlow graphs (`GraphDef` `.pb` files) into the engine's ``Graph``.
///
/// Only the part of the graph the named outputs depend on is imported, so a graph can be cut
/// before the post-processing it carries (prior boxes, decoding, non-maximum suppression), which
/// callers then do themselves. `FusedBatchNormV3`, `BiasAdd` and a `Relu` or `Relu6` that alone
/// read a convolution are folded into it; `Identity` and `Const` nodes disappear.
///
/// Supported operators: `Placeholder`, `Const`, `Identity`, `Conv2D`, `DepthwiseConv2dNative`,
/// `BiasAdd`, `FusedBatchNormV3`, `Relu`, `Relu6`, `LeakyRelu`, `AddV2`, `Add`, `Sub` and
/// `RealDiv` by a constant, `Mul`, `ConcatV2`, `Pad`, `ResizeNearestNeighbor` (to a constant
/// size or to the size of another value, given by `Shape`, `StridedSlice` and `Pack`), `Reshape`
/// (to a constant shape) and `Softmax`.
public enum TensorFlowReader {
  /// Reads the part of a graph that computes `outputs` from `inputs`.
  ///
  /// - Parameters:
  ///   - bytes: a serialized `GraphDef`.
  ///   - inputs: names of the `Placeholder` nodes the caller feeds, NHWC images.
  ///   - outputs: names of the nodes whose first outputs the caller receives, in order.
  /// - Throws: ``ModelError/malformed(_:)`` for bytes that are not a complete graph or names it
  ///   lacks, ``ModelError/unsupportedOperator(_:)`` naming every operator the outputs need that
  ///   the engine does not run, and ``ModelError/unsupportedFeature(_:)`` for attributes it does
  ///   not handle.
  public static func read(_ bytes: [UInt8], inputs: [String], outputs: [String]) throws -> Graph {
    let graphDef = try TensorFlowGraphDef(decoding: bytes[...])
    var builder = try TensorFlowGraphBuilder(graphDef, inputs: inputs, outputs: outputs)
    return try builder.build()
  }

  /// Reads the part of the graph in the file at `url` that computes `outputs` from `inputs`.
  ///
  /// - Throws: ``ModelError/malformed(_:)`` when the file cannot be read, otherwise as
  ///   ``read(_:inputs:outputs:)``.
  public static func read(contentsOf url: URL, inputs: [String], outputs: [String]) throws
    -> Graph
  {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw ModelError.malformed("cannot read \(url.path): \(error.localizedDescription)")
    }
    return try read([UInt8](data), inputs: inputs, outputs: outputs)
  }
}

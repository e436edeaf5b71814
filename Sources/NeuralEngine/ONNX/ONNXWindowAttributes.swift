/// The sliding-window attributes shared by `Conv`, `ConvTranspose` and `MaxPool`.
struct ONNXWindowAttributes {
  /// Kernel height and width from `kernel_shape`, when given.
  var kernel: (height: Int, width: Int)?
  /// `strides`, default 1.
  var stride: (height: Int, width: Int)
  /// `dilations`, default 1.
  var dilation: (height: Int, width: Int)
  /// `pads` or `auto_pad`.
  var padding: Padding

  /// The largest stride, dilation, kernel size or padding accepted, far above any real model.
  private static let limit = 1 << 16

  /// Reads the attributes of a 2-D windowed node.
  ///
  /// - Parameter allowsSame: whether `auto_pad = SAME_UPPER` may be turned into ``Padding/same``.
  init(_ node: ONNXNodeProto, allowsSame: Bool) throws {
    func pair(_ name: String, minimum: Int) throws -> (height: Int, width: Int)? {
      guard let values = try node.ints(name) else { return nil }
      guard values.count == 2, values.allSatisfy({ (minimum...Self.limit).contains($0) }) else {
        throw ModelError.unsupportedFeature(
          "\(name) \(values) of \(node.label); only 2-D windows are supported")
      }
      return (values[0], values[1])
    }
    kernel = try pair("kernel_shape", minimum: 1)
    stride = try pair("strides", minimum: 1) ?? (1, 1)
    dilation = try pair("dilations", minimum: 1) ?? (1, 1)
    switch try node.string("auto_pad", default: "NOTSET") {
    case "NOTSET", "":
      let pads = try node.ints("pads") ?? [0, 0, 0, 0]
      guard pads.count == 4, pads.allSatisfy({ (0...Self.limit).contains($0) }) else {
        throw ModelError.unsupportedFeature("pads \(pads) of \(node.label)")
      }
      padding = .explicit(top: pads[0], left: pads[1], bottom: pads[2], right: pads[3])
    case "VALID":
      padding = .none
    case "SAME_UPPER" where allowsSame:
      padding = .same
    case let mode:
      throw ModelError.unsupportedFeature("auto_pad \(mode) of \(node.label)")
    }
  }

  /// Throws unless `kernel_shape`, when given, matches the weights.
  func checkKernel(height: Int, width: Int, of node: ONNXNodeProto) throws {
    if let kernel, kernel != (height, width) {
      throw ModelError.malformed(
        "kernel_shape \(kernel) of \(node.label) does not match its \(height)x\(width) weights")
    }
  }
}

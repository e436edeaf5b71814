/// A TensorFlow `TensorProto`, the value of a `Const` node; elements are decoded on demand.
struct TensorFlowTensorProto {
  /// `DT_FLOAT`.
  static let float32Type: Int64 = 1
  /// `DT_INT32`.
  static let int32Type: Int64 = 3
  /// `DT_INT64`.
  static let int64Type: Int64 = 9
  /// `DT_HALF`.
  static let float16Type: Int64 = 19

  /// The `DataType` code.
  var dataType: Int64 = 0
  /// The dimensions, outermost first.
  var shape: [Int] = []
  /// Elements as little-endian bytes, when the file uses `tensor_content`.
  var content: ArraySlice<UInt8>?
  /// Elements of `float_val`.
  var floatValues: [Float] = []
  /// Elements of `int_val`, `int64_val` and `half_val` (bit patterns).
  var integerValues: [Int64] = []

  /// Decodes a serialized `TensorProto`.
  init(decoding bytes: ArraySlice<UInt8>) throws {
    let message = "TensorProto"
    var reader = ProtobufReader(bytes, messageName: message)
    while let (number, value) = try reader.nextField() {
      switch number {
      case 1: dataType = try value.integer("dtype", in: message)
      case 2:
        guard
          let dimensions = try TensorFlowAttrValue.dimensions(
            ofShape: try value.bytes("tensor_shape", in: message)),
          dimensions.allSatisfy({ $0 >= 0 })
        else { throw ModelError.malformed("\(message) has an unknown shape") }
        shape = dimensions
      case 4: content = try value.bytes("tensor_content", in: message)
      case 5: floatValues += try value.floats("float_val", in: message)
      case 7, 10, 13: integerValues += try value.integers("int_val", in: message)
      default: break
      }
    }
  }

  /// The number of elements the shape holds, checked to fit in memory.
  func elementCount() throws -> Int {
    var count = 1
    for dimension in shape {
      let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
      guard !overflow, product <= Int(Int32.max) else {
        throw ModelError.malformed("tensor of shape \(shape) has too many elements")
      }
      count = product
    }
    return count
  }

  /// The elements as 32-bit floats (from float, half or integer tensors). As TensorFlow does, a
  /// value list shorter than the shape repeats its last element.
  func floatTensor() throws -> Tensor {
    let count = try elementCount()
    let values: [Float]
    switch dataType {
    case Self.float32Type:
      values =
        try content.map { try Self.littleEndian($0, width: 4, count: count) }?
        .map { Float(bitPattern: UInt32($0)) } ?? floatValues
    case Self.float16Type:
      values = try
        (content.map { try Self.littleEndian($0, width: 2, count: count) }
        ?? integerValues.map(UInt64.init(truncatingIfNeeded:)))
        .map { HalfPrecision.widen(UInt16(truncatingIfNeeded: $0)) }
    case Self.int32Type, Self.int64Type:
      values = try integers().map { Float($0) }
    default:
      throw ModelError.unsupportedFeature(
        "tensor of element type \(dataType); only float, half, int32 and int64 are supported")
    }
    return Tensor(shape: shape, data: try Self.filled(values, count: count))
  }

  /// The elements of an int32 or int64 tensor.
  func integers() throws -> [Int] {
    let count = try elementCount()
    let values: [Int]
    switch dataType {
    case Self.int32Type:
      values =
        try content.map {
          try Self.littleEndian($0, width: 4, count: count).map {
            Int(Int32(truncatingIfNeeded: $0))
          }
        } ?? integerValues.map { Int(Int32(truncatingIfNeeded: $0)) }
    case Self.int64Type:
      values =
        try content.map {
          try Self.littleEndian($0, width: 8, count: count).map { Int(Int64(bitPattern: $0)) }
        } ?? integerValues.map { Int($0) }
    default:
      throw ModelError.unsupportedFeature(
        "tensor of element type \(dataType) where integers are needed")
    }
    return try Self.filled(values, count: count)
  }

  /// `values` stretched to `count` by repeating the last one, as TensorFlow reads short lists.
  private static func filled<Element>(_ values: [Element], count: Int) throws -> [Element] {
    if values.count == count { return values }
    guard let last = values.last, values.count < count else {
      throw ModelError.malformed("tensor stores \(values.count) elements for \(count)")
    }
    return values + [Element](repeating: last, count: count - values.count)
  }

  /// `count` unsigned little-endian integers of `width` bytes.
  private static func littleEndian(_ bytes: ArraySlice<UInt8>, width: Int, count: Int) throws
    -> [UInt64]
  {
    guard bytes.count == width * count else {
      throw ModelError.malformed("tensor content of \(bytes.count) bytes for \(count) elements")
    }
    var result = [UInt64](repeating: 0, count: count)
    var position = bytes.startIndex
    for index in 0..<count {
      var value: UInt64 = 0
      for offset in 0..<width { value |= UInt64(bytes[position + offset]) << (8 * UInt64(offset)) }
      result[index] = value
      position += width
    }
    return result
  }
}

/// Turns the raw little-endian bytes of TFLite constant buffers into numbers.
enum TFLiteConstantDecoding {
  /// `TensorType` codes the reader understands.
  enum ElementType: Int {
    case float32 = 0
    case float16 = 1
    case int32 = 2
    case int64 = 4
  }

  /// The number of elements of `shape`, refusing negative sizes and overflow.
  static func elementCount(_ shape: [Int]) throws -> Int {
    var count = 1
    for size in shape {
      let (product, overflow) = count.multipliedReportingOverflow(by: size)
      guard size >= 0, !overflow, product <= Int(Int32.max) else {
        throw ModelError.malformed("shape \(shape) has too many elements")
      }
      count = product
    }
    return count
  }

  /// The element type for a `TensorType` code.
  static func elementType(_ code: Int, tensor name: String) throws -> ElementType {
    guard let type = ElementType(rawValue: code) else {
      throw ModelError.unsupportedFeature("constant \(name) has tensor type \(code)")
    }
    return type
  }

  /// Splits `data` into `size`-byte little-endian words, checking it holds a whole number of them.
  private static func words(
    _ data: ArraySlice<UInt8>, size: Int, tensor name: String
  ) throws -> [UInt64] {
    guard data.count % size == 0 else {
      throw ModelError.malformed("constant \(name) has \(data.count) bytes, not whole elements")
    }
    var result = [UInt64]()
    result.reserveCapacity(data.count / size)
    var index = data.startIndex
    while index < data.endIndex {
      var word: UInt64 = 0
      for byte in (0..<size).reversed() { word = word << 8 | UInt64(data[index + byte]) }
      result.append(word)
      index += size
    }
    return result
  }

  /// The elements of a floating-point constant as fp32.
  static func floats(_ data: ArraySlice<UInt8>, type code: Int, tensor name: String) throws
    -> [Float]
  {
    switch try elementType(code, tensor: name) {
    case .float32:
      return try words(data, size: 4, tensor: name).map { Float(bitPattern: UInt32($0)) }
    case .float16:
      return try words(data, size: 2, tensor: name).map { HalfPrecision.widen(UInt16($0)) }
    case .int32, .int64:
      throw ModelError.unsupportedFeature("integer constant \(name) used as weights")
    }
  }

  /// The elements of an integer constant.
  static func integers(_ data: ArraySlice<UInt8>, type code: Int, tensor name: String) throws
    -> [Int]
  {
    switch try elementType(code, tensor: name) {
    case .int32:
      return try words(data, size: 4, tensor: name).map { Int(Int32(bitPattern: UInt32($0))) }
    case .int64:
      return try words(data, size: 8, tensor: name).map { Int(Int64(bitPattern: $0)) }
    case .float32, .float16:
      throw ModelError.malformed("constant \(name) should hold integers")
    }
  }

}

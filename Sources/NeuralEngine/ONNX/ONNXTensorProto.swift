/// An ONNX `TensorProto` as stored in the file; its elements are decoded on demand by
/// ``floatTensor()``.
struct ONNXTensorProto {
  /// `TensorProto.DataType.FLOAT`.
  static let float32Type: Int64 = 1
  /// `TensorProto.DataType.FLOAT16`.
  static let float16Type: Int64 = 10

  /// The tensor's name.
  var name = ""
  /// The size of each dimension, outermost first.
  var dimensions: [Int64] = []
  /// The `TensorProto.DataType` code.
  var dataType: Int64 = 0
  /// Elements stored as little-endian bytes, when the file uses `raw_data`.
  var rawData: ArraySlice<UInt8>?
  /// Elements stored in `float_data`.
  var floatData: [Float] = []
  /// Elements stored in `int32_data` (also used for the bit patterns of 16-bit floats).
  var int32Data: [Int64] = []
  /// Whether the elements live in a separate file.
  var isExternal = false

  /// Decodes a serialized `TensorProto`.
  init(decoding bytes: ArraySlice<UInt8>) throws {
    let message = "TensorProto"
    var reader = ProtobufReader(bytes, messageName: message)
    while let (number, value) = try reader.nextField() {
      switch number {
      case 1: dimensions += try value.integers("dims", in: message)
      case 2: dataType = try value.integer("data_type", in: message)
      case 4: floatData += try value.floats("float_data", in: message)
      case 5: int32Data += try value.integers("int32_data", in: message)
      case 8: name = try value.string("name", in: message)
      case 9: rawData = try value.bytes("raw_data", in: message)
      case 13: isExternal = true
      case 14: isExternal = try value.integer("data_location", in: message) == 1
      default: break
      }
    }
  }

  /// The shape, checked to be non-negative with an element count that fits in memory.
  func shape() throws -> [Int] {
    var count = 1
    for dimension in dimensions {
      guard dimension >= 0, dimension <= Int32.max else {
        throw ModelError.malformed("tensor \(name) has dimension \(dimension)")
      }
      let (product, overflow) = count.multipliedReportingOverflow(by: Int(dimension))
      guard !overflow, product <= Int(Int32.max) else {
        throw ModelError.malformed("tensor \(name) has too many elements")
      }
      count = product
    }
    return dimensions.map { Int($0) }
  }

  /// The elements as 32-bit floats, widening 16-bit floats.
  ///
  /// - Throws: ``ModelError/unsupportedFeature(_:)`` for other element types or external data,
  ///   ``ModelError/malformed(_:)`` when the stored element count does not match the shape.
  func floatTensor() throws -> Tensor {
    guard !isExternal else {
      throw ModelError.unsupportedFeature("tensor \(name) keeps its data in an external file")
    }
    let shape = try shape()
    let count = shape.reduce(1, *)
    let data: [Float]
    switch dataType {
    case Self.float32Type:
      if let rawData {
        guard rawData.count == count * 4 else {
          throw sizeMismatch(count, stored: rawData.count / 4)
        }
        data = Self.littleEndianFloats(rawData)
      } else {
        guard floatData.count == count else { throw sizeMismatch(count, stored: floatData.count) }
        data = floatData
      }
    case Self.float16Type:
      if let rawData {
        guard rawData.count == count * 2 else {
          throw sizeMismatch(count, stored: rawData.count / 2)
        }
        data = stride(from: rawData.startIndex, to: rawData.endIndex, by: 2).map {
          HalfPrecision.widen(UInt16(rawData[$0]) | UInt16(rawData[$0 + 1]) << 8)
        }
      } else {
        guard int32Data.count == count else { throw sizeMismatch(count, stored: int32Data.count) }
        data = int32Data.map { HalfPrecision.widen(UInt16(truncatingIfNeeded: $0)) }
      }
    default:
      throw ModelError.unsupportedFeature(
        "tensor \(name) has element type \(dataType); only FLOAT (1) and FLOAT16 (10) are supported"
      )
    }
    return Tensor(shape: shape, data: data)
  }

  private func sizeMismatch(_ expected: Int, stored: Int) -> ModelError {
    ModelError.malformed(
      "tensor \(name) has shape \(dimensions) (\(expected) elements) but stores \(stored) elements")
  }

  /// Decodes little-endian IEEE 754 single-precision floats; `bytes.count` is a multiple of 4.
  private static func littleEndianFloats(_ bytes: ArraySlice<UInt8>) -> [Float] {
    [Float](unsafeUninitializedCapacity: bytes.count / 4) { buffer, initialized in
      var source = bytes.startIndex
      for index in 0..<bytes.count / 4 {
        let bits =
          UInt32(bytes[source]) | UInt32(bytes[source + 1]) << 8 | UInt32(bytes[source + 2]) << 16
          | UInt32(bytes[source + 3]) << 24
        buffer[index] = Float(bitPattern: bits)
        source += 4
      }
      initialized = bytes.count / 4
    }
  }

}

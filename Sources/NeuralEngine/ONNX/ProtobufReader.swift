/// One field of a protocol buffer message as it appears on the wire.
enum ProtobufFieldValue {
  /// Wire type 0: an integer, boolean or enum.
  case varint(UInt64)
  /// Wire type 1: eight little-endian bytes.
  case fixed64(UInt64)
  /// Wire type 2: a string, bytes, an embedded message or a packed repeated field.
  case lengthDelimited(ArraySlice<UInt8>)
  /// Wire type 5: four little-endian bytes.
  case fixed32(UInt32)
}

/// Reads the protocol buffer wire format field by field. Every read is bounds-checked and
/// throws ``ModelError/malformed(_:)`` instead of reading past the end.
struct ProtobufReader {
  private let bytes: ArraySlice<UInt8>
  private var position: Int
  /// The message being read, for error messages.
  let messageName: String

  /// Creates a reader over the bytes of one message.
  init(_ bytes: ArraySlice<UInt8>, messageName: String) {
    self.bytes = bytes
    self.position = bytes.startIndex
    self.messageName = messageName
  }

  /// Whether every byte has been read.
  var isAtEnd: Bool { position >= bytes.endIndex }

  /// Reads the next field, or returns `nil` at the end of the message.
  mutating func nextField() throws -> (number: Int, value: ProtobufFieldValue)? {
    guard position < bytes.endIndex else { return nil }
    let key = try readVarint()
    let number = key >> 3
    guard number > 0, number <= 536_870_911 else {
      throw malformed("invalid field number \(number)")
    }
    switch key & 7 {
    case 0: return (Int(number), .varint(try readVarint()))
    case 1: return (Int(number), .fixed64(try readFixed64()))
    case 2:
      let length = try readVarint()
      guard length <= UInt64(bytes.endIndex - position) else {
        throw malformed(
          "field \(number) claims \(length) bytes but only \(bytes.endIndex - position) remain")
      }
      let start = position
      position += Int(length)
      return (Int(number), .lengthDelimited(bytes[start..<position]))
    case 5: return (Int(number), .fixed32(try readFixed32()))
    default:
      throw malformed("field \(number) has unsupported wire type \(key & 7)")
    }
  }

  /// Reads a base-128 varint of at most ten bytes.
  mutating func readVarint() throws -> UInt64 {
    var result: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      guard position < bytes.endIndex else { throw malformed("truncated varint") }
      let byte = bytes[position]
      position += 1
      guard shift < 63 || byte <= 1 else { throw malformed("varint longer than 64 bits") }
      result |= UInt64(byte & 0x7F) << shift
      if byte & 0x80 == 0 { return result }
      shift += 7
    }
  }

  /// Reads four little-endian bytes.
  mutating func readFixed32() throws -> UInt32 {
    UInt32(try readLittleEndian(byteCount: 4))
  }

  /// Reads eight little-endian bytes.
  mutating func readFixed64() throws -> UInt64 {
    try readLittleEndian(byteCount: 8)
  }

  /// Reads an unsigned little-endian integer of `byteCount` bytes, at most eight.
  private mutating func readLittleEndian(byteCount: Int) throws -> UInt64 {
    guard bytes.endIndex - position >= byteCount else {
      throw malformed("truncated \(8 * byteCount)-bit field")
    }
    var result: UInt64 = 0
    for offset in 0..<byteCount {
      result |= UInt64(bytes[position + offset]) << (8 * UInt64(offset))
    }
    position += byteCount
    return result
  }

  /// An error naming the message being read.
  func malformed(_ detail: String) -> ModelError {
    ModelError.malformed("\(messageName): \(detail)")
  }
}

extension ProtobufFieldValue {
  /// The value of a scalar integer field (`int32`, `int64`, `uint64`, enums), two's complement.
  func integer(_ field: String, in message: String) throws -> Int64 {
    guard case .varint(let raw) = self else { throw wrongType(field, in: message) }
    return Int64(bitPattern: raw)
  }

  /// The value of a `float` field.
  func float(_ field: String, in message: String) throws -> Float {
    guard case .fixed32(let raw) = self else { throw wrongType(field, in: message) }
    return Float(bitPattern: raw)
  }

  /// The bytes of a `bytes` field or an embedded message.
  func bytes(_ field: String, in message: String) throws -> ArraySlice<UInt8> {
    guard case .lengthDelimited(let raw) = self else { throw wrongType(field, in: message) }
    return raw
  }

  /// The text of a `string` field; invalid UTF-8 is replaced rather than rejected.
  func string(_ field: String, in message: String) throws -> String {
    String(decoding: try bytes(field, in: message), as: UTF8.self)
  }

  /// The elements of a repeated integer field, packed or not.
  func integers(_ field: String, in message: String) throws -> [Int64] {
    switch self {
    case .varint(let raw): return [Int64(bitPattern: raw)]
    case .lengthDelimited(let raw):
      var reader = ProtobufReader(raw, messageName: "\(message).\(field)")
      var result: [Int64] = []
      while !reader.isAtEnd { result.append(Int64(bitPattern: try reader.readVarint())) }
      return result
    default: throw wrongType(field, in: message)
    }
  }

  /// The elements of a repeated `float` field, packed or not.
  func floats(_ field: String, in message: String) throws -> [Float] {
    switch self {
    case .fixed32(let raw): return [Float(bitPattern: raw)]
    case .lengthDelimited(let raw):
      guard raw.count % 4 == 0 else {
        throw ModelError.malformed("\(message).\(field): packed floats of \(raw.count) bytes")
      }
      var reader = ProtobufReader(raw, messageName: "\(message).\(field)")
      var result: [Float] = []
      result.reserveCapacity(raw.count / 4)
      while !reader.isAtEnd { result.append(Float(bitPattern: try reader.readFixed32())) }
      return result
    default: throw wrongType(field, in: message)
    }
  }

  private func wrongType(_ field: String, in message: String) -> ModelError {
    ModelError.malformed("\(message).\(field) has the wrong wire type")
  }
}

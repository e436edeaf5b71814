/// The chunk layout of a PNG file, read without decoding pixels, and chunk serialization.
struct PNGChunks {
  /// The eight bytes every PNG file starts with.
  static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

  /// One chunk: its four-letter type and where its data, and the whole chunk, lie in the file.
  struct Chunk {
    /// Chunk type such as `"IHDR"`.
    var type: String
    /// The chunk's data bytes.
    var data: Range<Int>
    /// The whole chunk: length, type, data and CRC.
    var whole: Range<Int>
  }

  /// Width from IHDR.
  var width: Int
  /// Height from IHDR.
  var height: Int
  /// Bits per sample from IHDR (1, 2, 4, 8 or 16).
  var bitDepth: Int
  /// All complete chunks, in file order.
  var chunks: [Chunk]
  /// False when the file ends inside a chunk or before IEND.
  var isComplete: Bool

  /// Reads the chunk list; throws when the signature or IHDR is missing or cut off.
  init(parsing bytes: [UInt8]) throws(ImageCodecError) {
    guard bytes.starts(with: Self.signature) else { throw .unrecognizedFormat }
    var chunks: [Chunk] = []
    var offset = Self.signature.count
    var isComplete = false
    while offset + 12 <= bytes.count {
      let length = bytes.uint32BE(at: offset)
      let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
      let dataStart = offset + 8
      guard length <= bytes.count - dataStart - 4 else { break }
      let chunk = Chunk(
        type: type, data: dataStart..<dataStart + length, whole: offset..<dataStart + length + 4)
      chunks.append(chunk)
      offset = chunk.whole.upperBound
      if type == "IEND" {
        isComplete = true
        break
      }
    }
    guard let header = chunks.first else { throw .truncated(.png) }
    guard header.type == "IHDR", header.data.count == 13 else {
      throw .corrupt(.png, detail: "the file does not start with an image header")
    }
    self.width = bytes.uint32BE(at: header.data.lowerBound)
    self.height = bytes.uint32BE(at: header.data.lowerBound + 4)
    self.bitDepth = Int(bytes[header.data.lowerBound + 8])
    self.chunks = chunks
    self.isComplete = isComplete
  }

  /// The data of every chunk of `type`, in file order.
  func data(of type: String, in bytes: [UInt8]) -> [ArraySlice<UInt8>] {
    chunks.filter { $0.type == type }.map { bytes[$0.data] }
  }

  /// A serialized chunk: length, type, data and CRC-32.
  static func serialize(type: String, data: [UInt8]) -> [UInt8] {
    var chunk: [UInt8] = []
    chunk.appendUInt32BE(data.count)
    chunk += Array(type.utf8) + data
    chunk.appendUInt32BE(Int(Zlib.crc32(chunk[4...])))
    return chunk
  }
}

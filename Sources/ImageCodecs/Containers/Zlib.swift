import CPNG

/// zlib compression and CRC-32, for PNG chunks that libpng's simplified API does not handle.
enum Zlib {
  /// The inflated form of a zlib stream, or `nil` when it is damaged, incomplete, or would
  /// exceed `maxOutput` bytes.
  static func inflate(_ compressed: ArraySlice<UInt8>, maxOutput: Int) -> [UInt8]? {
    var input = Array(compressed)
    var stream = z_stream()
    guard inflateInit_(&stream, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
      return nil
    }
    defer { inflateEnd(&stream) }
    var output: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    return input.withUnsafeMutableBufferPointer { inputBuffer -> [UInt8]? in
      stream.next_in = inputBuffer.baseAddress
      stream.avail_in = UInt32(inputBuffer.count)
      while true {
        let status = chunk.withUnsafeMutableBufferPointer { chunkBuffer -> Int32 in
          stream.next_out = chunkBuffer.baseAddress
          stream.avail_out = UInt32(chunkBuffer.count)
          return CPNG.inflate(&stream, Z_NO_FLUSH)
        }
        let produced = chunk.count - Int(stream.avail_out)
        guard output.count + produced <= maxOutput else { return nil }
        output += chunk[..<produced]
        if status == Z_STREAM_END { return output }
        guard status == Z_OK, produced > 0 || stream.avail_in > 0 else { return nil }
      }
    }
  }

  /// The zlib stream (default compression level) for `data`, or `nil` if zlib fails.
  static func deflate(_ data: [UInt8]) -> [UInt8]? {
    var capacity = compressBound(UInt(data.count))
    var output = [UInt8](repeating: 0, count: Int(capacity))
    let status = output.withUnsafeMutableBufferPointer { destination in
      data.withUnsafeBufferPointer { source in
        compress2(
          destination.baseAddress, &capacity, source.baseAddress, UInt(source.count),
          Z_DEFAULT_COMPRESSION)
      }
    }
    guard status == Z_OK else { return nil }
    return Array(output[..<Int(capacity)])
  }

  /// The CRC-32 of `bytes`, as PNG chunks use it.
  static func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
    let value = bytes.withUnsafeBufferPointer {
      CPNG.crc32(0, $0.baseAddress, UInt32($0.count))
    }
    return UInt32(truncatingIfNeeded: value)
  }
}

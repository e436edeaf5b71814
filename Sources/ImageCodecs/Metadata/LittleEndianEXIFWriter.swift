/// Builds a little-endian TIFF-structured EXIF payload with IFD0 and, when it has fields, an Exif
/// IFD linked from IFD0. No GPS IFD and no thumbnail IFD are ever written.
struct LittleEndianEXIFWriter {
  /// Fields of IFD0; the link to the Exif IFD is added by the writer.
  var imageEntries: [EXIFEntry]
  /// Fields of the Exif IFD.
  var exifEntries: [EXIFEntry]

  /// The payload: header, IFD0 with its values, then the Exif IFD with its values.
  func payload() -> [UInt8] {
    var image = imageEntries.filter { $0.tag != EXIFTag.exifDirectory }
    let exif = exifEntries.sorted { $0.tag < $1.tag }
    let headerSize = 8
    if !exif.isEmpty {
      let link = EXIFEntry(tag: EXIFTag.exifDirectory, type: .long, count: 1, data: [0, 0, 0, 0])
      image.append(link)
      let exifOffset = headerSize + Self.blockSize(of: image)
      var offsetBytes: [UInt8] = []
      offsetBytes.appendUInt32LE(exifOffset)
      image[image.count - 1].data = offsetBytes
    }
    image.sort { $0.tag < $1.tag }

    var bytes: [UInt8] = [0x49, 0x49, 42, 0]
    bytes.appendUInt32LE(headerSize)
    Self.append(image, to: &bytes)
    if !exif.isEmpty { Self.append(exif, to: &bytes) }
    return bytes
  }

  /// Bytes a directory with `entries` takes: count, fields, next-directory link, then the values
  /// too long to sit inside their field, each padded to an even length.
  private static func blockSize(of entries: [EXIFEntry]) -> Int {
    2 + entries.count * 12 + 4
      + entries.map { $0.data.count > 4 ? paddedLength($0.data) : 0 }.reduce(0, +)
  }

  /// Appends a directory with no next directory, followed by its long values.
  private static func append(_ entries: [EXIFEntry], to bytes: inout [UInt8]) {
    var valueOffset = bytes.count + 2 + entries.count * 12 + 4
    var values: [UInt8] = []
    bytes.appendUInt16LE(entries.count)
    for entry in entries {
      bytes.appendUInt16LE(Int(entry.tag))
      bytes.appendUInt16LE(Int(entry.type.rawValue))
      bytes.appendUInt32LE(entry.count)
      if entry.data.count <= 4 {
        bytes += entry.data + [UInt8](repeating: 0, count: 4 - entry.data.count)
      } else {
        bytes.appendUInt32LE(valueOffset)
        values += entry.data
        if entry.data.count % 2 == 1 { values.append(0) }
        valueOffset += paddedLength(entry.data)
      }
    }
    bytes.appendUInt32LE(0)
    bytes += values
  }

  /// The length of `data` rounded up to an even number, as TIFF wants values on word boundaries.
  private static func paddedLength(_ data: [UInt8]) -> Int {
    data.count + data.count % 2
  }
}

import FaceGuardCore

/// A parsed EXIF payload: the TIFF structure of `ImageMetadata.exif`, in either byte order.
///
/// Reads IFD0 (the main image), the Exif IFD (tag 0x8769), the GPS IFD (tag 0x8825) and IFD1 (the
/// thumbnail). Every offset is bounds-checked and directory links that loop are rejected, so any
/// byte sequence either parses or throws an `EXIFError`. A field whose type is unknown or whose
/// values lie outside the payload is skipped rather than failing the whole payload.
public struct EXIF: Sendable, Equatable {
  /// IFD0, the fields of the main image.
  public var imageDirectory: EXIFDirectory
  /// The Exif IFD: exposure, dates, lens and camera details.
  public var exifDirectory: EXIFDirectory
  /// The GPS IFD: location.
  public var gpsDirectory: EXIFDirectory
  /// IFD1, the fields of the embedded thumbnail.
  public var thumbnailDirectory: EXIFDirectory

  /// The prefix JPEG APP1 segments put before the TIFF structure; tolerated and skipped.
  private static let jpegSegmentPrefix: [UInt8] = Array("Exif\0\0".utf8)

  /// Parses a TIFF-structured EXIF payload.
  public init(parsing payload: [UInt8]) throws(EXIFError) {
    let bytes =
      payload.starts(with: Self.jpegSegmentPrefix)
      ? Array(payload.dropFirst(Self.jpegSegmentPrefix.count)) : payload
    guard bytes.count >= 8 else { throw .truncatedHeader }
    let isBigEndian: Bool
    switch (bytes[0], bytes[1]) {
    case (0x49, 0x49): isBigEndian = false
    case (0x4D, 0x4D): isBigEndian = true
    default: throw .unknownByteOrder
    }
    let reader = TIFFByteReader(bytes: bytes, isBigEndian: isBigEndian)
    guard let magic = reader.uint16(at: 2), let firstOffset = reader.uint32(at: 4) else {
      throw .truncatedHeader
    }
    guard magic == 42 else { throw .badMagicNumber(magic) }

    var parser = DirectoryParser(reader: reader)
    let (image, thumbnailOffset) = try parser.directory(at: Int(firstOffset))
    imageDirectory = image
    exifDirectory = try parser.subdirectory(linkedBy: EXIFTag.exifDirectory, in: image)
    gpsDirectory = try parser.subdirectory(linkedBy: EXIFTag.gpsDirectory, in: image)
    thumbnailDirectory =
      thumbnailOffset == 0 ? EXIFDirectory() : try parser.directory(at: thumbnailOffset).directory
  }

  /// The orientation tag of IFD0, or `nil` if it is missing or not a value from 1 to 8.
  public var orientation: Orientation? {
    imageDirectory[EXIFTag.orientation]?.unsignedIntegers?.first.flatMap {
      Orientation(rawValue: Int($0))
    }
  }
}

/// Reads directories from a payload, remembering where it has been to reject loops.
private struct DirectoryParser {
  /// The payload.
  let reader: TIFFByteReader
  /// Offsets of the directories read so far.
  var visited: Set<Int> = []

  /// The directory at `offset` and the offset of the next directory in its chain (0 for none).
  mutating func directory(at offset: Int) throws(EXIFError) -> (
    directory: EXIFDirectory, next: Int
  ) {
    guard offset >= 8, let count = reader.uint16(at: offset),
      reader.contains(offset: offset + 2, length: Int(count) * 12)
    else { throw .directoryOutOfBounds(offset: offset) }
    guard visited.insert(offset).inserted else { throw .cyclicDirectoryLinks(offset: offset) }

    var entries: [EXIFEntry] = []
    var tags: Set<UInt16> = []
    for index in 0..<Int(count) {
      if let entry = entry(at: offset + 2 + index * 12), tags.insert(entry.tag).inserted {
        entries.append(entry)
      }
    }
    let next = reader.uint32(at: offset + 2 + Int(count) * 12).map(Int.init) ?? 0
    return (EXIFDirectory(entries: entries), next)
  }

  /// The directory linked from `parent` by `tag`, empty if there is no such link.
  mutating func subdirectory(
    linkedBy tag: UInt16, in parent: EXIFDirectory
  ) throws(EXIFError) -> EXIFDirectory {
    guard let link = parent[tag] else { return EXIFDirectory() }
    guard link.type == .long || link.type == .directory, link.count == 1,
      let offset = link.unsignedIntegers?.first
    else { throw .malformedDirectoryLink(tag: tag) }
    return try directory(at: Int(offset)).directory
  }

  /// The 12-byte field at `offset`, or `nil` if its type is unknown or its values lie outside the
  /// payload.
  private func entry(at offset: Int) -> EXIFEntry? {
    guard let tag = reader.uint16(at: offset),
      let typeCode = reader.uint16(at: offset + 2),
      let type = EXIFFieldType(rawValue: typeCode),
      let rawCount = reader.uint32(at: offset + 4)
    else { return nil }
    let count = Int(rawCount)
    guard count <= reader.bytes.count else { return nil }
    let valueOffset: Int
    if count * type.size <= 4 {
      valueOffset = offset + 8
    } else {
      guard let pointer = reader.uint32(at: offset + 8) else { return nil }
      valueOffset = Int(pointer)
    }
    guard let data = reader.littleEndianValues(of: type, count: count, at: valueOffset) else {
      return nil
    }
    return EXIFEntry(tag: tag, type: type, count: count, data: data)
  }
}

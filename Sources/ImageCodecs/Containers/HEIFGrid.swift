/// The output size of a HEIF file whose primary image is a grid of tiles, read from the grid
/// descriptor (ISO/IEC 23008-12, 6.6.2.3) without libheif.
///
/// libheif 1.15 reports a grid image's size from its `ispe` property but allocates the output at
/// the size the descriptor gives, so a 2 kB file claiming 64x64 could make it allocate 1.6 GB
/// (found by fuzzing). The decoder checks this size against its limits too.
enum HEIFGrid {
  /// The grid's output width and height, or `nil` when the primary image is no grid or the boxes
  /// that describe it cannot be read (libheif reports those itself).
  static func size(in bytes: [UInt8]) -> (width: Int, height: Int)? {
    guard let meta = Boxes(bytes, in: 0..<bytes.count).first("meta"), meta.count >= 4,
      case let children = Boxes(bytes, in: meta.lowerBound + 4..<meta.upperBound),
      let primary = primaryItem(bytes, children),
      isGrid(primary, bytes, children),
      let descriptor = data(of: primary, bytes, children, count: 8)
    else { return nil }
    // Flag bit 0 selects 32-bit fields: version, flags, rows - 1, columns - 1, width, height.
    guard descriptor[descriptor.startIndex + 1] & 1 == 1 else {
      return (
        descriptor.uint16BE(at: descriptor.startIndex + 4),
        descriptor.uint16BE(at: descriptor.startIndex + 6)
      )
    }
    guard let large = data(of: primary, bytes, children, count: 12) else { return nil }
    return (large.uint32BE(at: large.startIndex + 4), large.uint32BE(at: large.startIndex + 8))
  }

  /// The item ID in the `pitm` box.
  private static func primaryItem(_ bytes: [UInt8], _ children: Boxes) -> Int? {
    guard let pitm = children.first("pitm"), pitm.count >= 6 else { return nil }
    return bytes[pitm.lowerBound] == 0
      ? bytes.uint16BE(at: pitm.lowerBound + 4) : bytes.uint32BE(at: pitm.lowerBound + 4)
  }

  /// Whether the `infe` entry of `item` has the type `grid`.
  private static func isGrid(_ item: Int, _ bytes: [UInt8], _ children: Boxes) -> Bool {
    guard let iinf = children.first("iinf"), iinf.count >= 6 else { return false }
    let entries = iinf.lowerBound + (bytes[iinf.lowerBound] == 0 ? 6 : 8)
    guard entries <= iinf.upperBound else { return false }
    for infe in Boxes(bytes, in: entries..<iinf.upperBound).all("infe") where infe.count >= 12 {
      let version = bytes[infe.lowerBound]
      guard version >= 2 else { continue }
      let idSize = version == 2 ? 2 : 4
      guard infe.count >= 4 + idSize + 2 + 4 else { continue }
      let id =
        idSize == 2
        ? bytes.uint16BE(at: infe.lowerBound + 4) : bytes.uint32BE(at: infe.lowerBound + 4)
      let type = infe.lowerBound + 4 + idSize + 2
      if id == item { return bytes[type..<type + 4].elementsEqual("grid".utf8) }
    }
    return false
  }

  /// The first `count` bytes of `item`'s data, from its first `iloc` extent (in the file or in
  /// the `idat` box).
  private static func data(of item: Int, _ bytes: [UInt8], _ children: Boxes, count: Int)
    -> ArraySlice<UInt8>?
  {
    guard let iloc = children.first("iloc") else { return nil }
    var reader = FieldReader(bytes: bytes, range: iloc)
    guard let version = reader.read(1), reader.read(3) != nil,
      let sizes = reader.read(1), let moreSizes = reader.read(1),
      let itemCount = reader.read(version < 2 ? 2 : 4)
    else { return nil }
    let hasMethod = version == 1 || version == 2
    let indexSize = hasMethod ? moreSizes & 0x0F : 0
    for _ in 0..<itemCount {
      guard let id = reader.read(version < 2 ? 2 : 4),
        let method = hasMethod ? reader.read(2).map({ $0 & 0x0F }) : 0,
        reader.read(2) != nil, let base = reader.read(moreSizes >> 4),
        let extentCount = reader.read(2)
      else { return nil }
      var first: Int?
      // Extents of no bytes at all would not advance through the box: all start at the base.
      if indexSize + (sizes >> 4) + (sizes & 0x0F) == 0, extentCount > 0 { first = base }
      for _ in 0..<(first == nil ? extentCount : 0) {
        guard reader.read(indexSize) != nil, let offset = reader.read(sizes >> 4),
          reader.read(sizes & 0x0F) != nil
        else { return nil }
        if first == nil { first = base + offset }
      }
      guard id == item, let start = first else { continue }
      let origin: Range<Int>
      switch method {
      case 0: origin = 0..<bytes.count
      case 1:
        guard let idat = children.first("idat") else { return nil }
        origin = idat
      default: return nil
      }
      guard start >= 0, start <= origin.count - count else { return nil }
      return bytes[origin.lowerBound + start..<origin.lowerBound + start + count]
    }
    return nil
  }

  /// Big-endian fields read one after another from a box, each at most 8 bytes.
  private struct FieldReader {
    let bytes: [UInt8]
    let range: Range<Int>
    var cursor: Int

    init(bytes: [UInt8], range: Range<Int>) {
      self.bytes = bytes
      self.range = range
      self.cursor = range.lowerBound
    }

    /// The next `size` bytes as a number; `nil` past the box or for a number over 56 bits.
    mutating func read(_ size: Int) -> Int? {
      guard size <= 7, size <= range.upperBound - cursor else { return nil }
      let value = bytes[cursor..<cursor + size].reduce(0) { $0 << 8 | Int($1) }
      cursor += size
      return value
    }
  }

  /// The payloads of the boxes in a range of the file, up to the first malformed box.
  private struct Boxes {
    let bytes: [UInt8]
    let range: Range<Int>

    init(_ bytes: [UInt8], in range: Range<Int>) {
      self.bytes = bytes
      self.range = range
    }

    /// The payload of the first box of `type`.
    func first(_ type: String) -> Range<Int>? { all(type).first }

    /// The payloads of every box of `type`, in file order.
    func all(_ type: String) -> [Range<Int>] {
      var found: [Range<Int>] = []
      var offset = range.lowerBound
      while offset + 8 <= range.upperBound {
        var header = 8
        var size = bytes.uint32BE(at: offset)
        if size == 1 {
          guard offset + 16 <= range.upperBound, bytes.uint32BE(at: offset + 8) == 0 else { break }
          size = bytes.uint32BE(at: offset + 12)
          header = 16
        } else if size == 0 {
          size = range.upperBound - offset
        }
        guard size >= header, size <= range.upperBound - offset else { break }
        if bytes[offset + 4..<offset + 8].elementsEqual(type.utf8) {
          found.append(offset + header..<offset + size)
        }
        offset += size
      }
      return found
    }
  }
}

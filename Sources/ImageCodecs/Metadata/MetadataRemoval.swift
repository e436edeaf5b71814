extension MetadataPolicy {
  /// What of `metadata` an output written under this policy does not carry, by name only (never
  /// a value), for the audit log: the EXIF fields that identify the camera, its owner, the
  /// moment or the software by their EXIF names (`Make`, `BodySerialNumber`, `DateTimeOriginal`),
  /// the count of the other EXIF fields dropped (`12 other EXIF fields`), `GPS`, `EXIF
  /// thumbnail`, `XMP`, `XMP face regions` (MWG, Microsoft People or Apple face tags), and the
  /// other blocks the decoder found (``ImageMetadata/otherBlocks``). The ICC profile is always
  /// kept; the orientation is applied to the pixels, so it is not listed.
  public func removedItems(from metadata: ImageMetadata) -> [String] {
    var removed: [String] = []
    if let payload = metadata.exif {
      if let exif = try? EXIF(parsing: payload) {
        removed += Self.removedEXIFItems(exif, kept: sanitize(metadata).exif)
      } else {
        removed.append("EXIF (unreadable)")
      }
    }
    if let xmp = metadata.xmp {
      removed.append("XMP")
      if Self.faceRegionNamespaces.contains(where: { xmp.containsBytes(of: $0) }) {
        removed.append("XMP face regions")
      }
    }
    return removed + metadata.otherBlocks
  }

  /// The namespaces of XMP tags that mark faces and name the people in them.
  private static let faceRegionNamespaces = [
    "http://www.metadataworkinggroup.com/schemas/regions/",
    "http://ns.microsoft.com/photo/1.2/t/RegionInfo#",
    "http://ns.apple.com/faceinfo/1.0/",
  ]

  /// Tags that link directories or describe the pixels as stored, never listed.
  private static let structuralTags: Set<UInt16> = [
    EXIFTag.exifDirectory, EXIFTag.gpsDirectory, 0xA005, EXIFTag.orientation,
  ]

  /// The EXIF fields listed by name when they are removed: those that identify a camera, a
  /// person, a moment or a place.
  private static let namedTags: [UInt16: String] = [
    0x010E: "ImageDescription", EXIFTag.make: "Make", EXIFTag.model: "Model",
    0x0131: "Software", EXIFTag.dateTime: "DateTime", EXIFTag.artist: "Artist",
    0x013C: "HostComputer", 0x8298: "Copyright", EXIFTag.dateTimeOriginal: "DateTimeOriginal",
    EXIFTag.dateTimeDigitized: "DateTimeDigitized", 0x9010: "OffsetTime",
    0x9011: "OffsetTimeOriginal", 0x9012: "OffsetTimeDigitized", EXIFTag.makerNote: "MakerNote",
    EXIFTag.userComment: "UserComment", 0x9C9B: "XPTitle", 0x9C9C: "XPComment",
    0x9C9D: "XPAuthor", 0x9C9E: "XPKeywords", 0x9C9F: "XPSubject", 0xA420: "ImageUniqueID",
    EXIFTag.cameraOwnerName: "CameraOwnerName", EXIFTag.bodySerialNumber: "BodySerialNumber",
    0xA433: "LensMake", 0xA434: "LensModel", EXIFTag.lensSerialNumber: "LensSerialNumber",
    EXIFTag.cameraSerialNumber: "CameraSerialNumber",
  ]

  /// The removed items of a parsed EXIF payload whose kept part is `kept`.
  private static func removedEXIFItems(_ exif: EXIF, kept: [UInt8]?) -> [String] {
    let survivors = kept.flatMap { try? EXIF(parsing: $0) }
    let keptTags = Set(
      ((survivors?.imageDirectory.entries ?? []) + (survivors?.exifDirectory.entries ?? [])).map(
        \.tag))
    var named: [String] = []
    var others = 0
    for entry in exif.imageDirectory.entries + exif.exifDirectory.entries
    where !keptTags.contains(entry.tag) && !structuralTags.contains(entry.tag) {
      if let name = namedTags[entry.tag] {
        if !named.contains(name) { named.append(name) }
      } else {
        others += 1
      }
    }
    if others > 0 { named.append("\(others) other EXIF field\(others == 1 ? "" : "s")") }
    if !exif.gpsDirectory.entries.isEmpty || exif.imageDirectory[EXIFTag.gpsDirectory] != nil {
      named.append("GPS")
    }
    if !exif.thumbnailDirectory.entries.isEmpty { named.append("EXIF thumbnail") }
    return named
  }
}

extension Array where Element == UInt8 {
  /// Whether the UTF-8 bytes of `text` occur in the array.
  fileprivate func containsBytes(of text: String) -> Bool {
    let needle = Array(text.utf8)
    guard let first = needle.first, needle.count <= count else { return false }
    var index = startIndex
    while let found = self[index...].firstIndex(of: first) {
      if found + needle.count > endIndex { return false }
      if self[found..<(found + needle.count)].elementsEqual(needle) { return true }
      index = found + 1
    }
    return false
  }
}

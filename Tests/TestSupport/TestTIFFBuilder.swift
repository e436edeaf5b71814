/// A field for `TestTIFFBuilder`, its value bytes already in the payload's byte order.
public struct TestTIFFField {
  /// The tag number.
  public var tag: UInt16
  /// The TIFF field type.
  public var type: UInt16
  /// The number of values.
  public var count: UInt32
  /// The value bytes.
  public var value: [UInt8]

  /// Creates a field.
  public init(tag: UInt16, type: UInt16, count: UInt32, value: [UInt8]) {
    self.tag = tag
    self.type = type
    self.count = count
    self.value = value
  }
}

/// Writes TIFF-structured EXIF payloads for tests, in either byte order, independently of the
/// writer under test.
public struct TestTIFFBuilder {
  /// Whether to write `MM` (big-endian) rather than `II`.
  public var isBigEndian: Bool

  /// Creates a builder for one byte order.
  public init(isBigEndian: Bool) {
    self.isBigEndian = isBigEndian
  }

  /// A 16-bit value in the payload's byte order.
  public func bytes(_ value: UInt16) -> [UInt8] {
    let little = [UInt8(value & 0xFF), UInt8(value >> 8)]
    return isBigEndian ? little.reversed() : little
  }

  /// A 32-bit value in the payload's byte order.
  public func bytes(_ value: UInt32) -> [UInt8] {
    let little = (0..<4).map { UInt8(value >> (8 * $0) & 0xFF) }
    return isBigEndian ? little.reversed() : little
  }

  /// A NUL-terminated ASCII field.
  public func ascii(_ tag: UInt16, _ text: String) -> TestTIFFField {
    let value = Array(text.utf8) + [0]
    return TestTIFFField(tag: tag, type: 2, count: UInt32(value.count), value: value)
  }

  /// A SHORT field.
  public func short(_ tag: UInt16, _ value: UInt16) -> TestTIFFField {
    TestTIFFField(tag: tag, type: 3, count: 1, value: bytes(value))
  }

  /// A LONG field.
  public func long(_ tag: UInt16, _ value: UInt32) -> TestTIFFField {
    TestTIFFField(tag: tag, type: 4, count: 1, value: bytes(value))
  }

  /// A RATIONAL field.
  public func rational(_ tag: UInt16, _ numerator: UInt32, _ denominator: UInt32) -> TestTIFFField {
    TestTIFFField(tag: tag, type: 5, count: 1, value: bytes(numerator) + bytes(denominator))
  }

  /// A RATIONAL field holding several values.
  public func rationals(_ tag: UInt16, _ values: [(UInt32, UInt32)]) -> TestTIFFField {
    TestTIFFField(
      tag: tag, type: 5, count: UInt32(values.count),
      value: values.flatMap { bytes($0.0) + bytes($0.1) })
  }

  /// An UNDEFINED field holding raw bytes.
  public func undefined(_ tag: UInt16, _ value: [UInt8]) -> TestTIFFField {
    TestTIFFField(tag: tag, type: 7, count: UInt32(value.count), value: value)
  }

  /// A payload laid out as header, IFD0, Exif IFD, GPS IFD, IFD1, thumbnail bytes. Links to the
  /// Exif and GPS IFDs are added when those have fields (links given in `image` with a non-zero
  /// value are kept as they are); IFD1 is written when `thumbnail` is not
  /// `nil` and gets the JPEG offset and length fields when `thumbnailJPEG` is not empty.
  public func payload(
    image: [TestTIFFField], exif: [TestTIFFField] = [], gps: [TestTIFFField] = [],
    thumbnail: [TestTIFFField]? = nil, thumbnailJPEG: [UInt8] = []
  ) -> [UInt8] {
    var image = image
    if !exif.isEmpty { image.append(long(0x8769, 0)) }
    if !gps.isEmpty { image.append(long(0x8825, 0)) }
    var thumbnail = thumbnail
    if thumbnail != nil && !thumbnailJPEG.isEmpty {
      thumbnail? += [long(0x0201, 0), long(0x0202, UInt32(thumbnailJPEG.count))]
    }

    let imageOffset = 8
    let exifOffset = imageOffset + blockSize(image)
    let gpsOffset = exifOffset + (exif.isEmpty ? 0 : blockSize(exif))
    let thumbnailOffset = gpsOffset + (gps.isEmpty ? 0 : blockSize(gps))
    let jpegOffset = thumbnailOffset + (thumbnail.map(blockSize) ?? 0)

    let placeholder = bytes(UInt32(0))
    image = image.map { field in
      switch field.tag {
      case 0x8769 where field.value == placeholder: long(0x8769, UInt32(exifOffset))
      case 0x8825 where field.value == placeholder: long(0x8825, UInt32(gpsOffset))
      default: field
      }
    }
    thumbnail = thumbnail?.map { $0.tag == 0x0201 ? long(0x0201, UInt32(jpegOffset)) : $0 }

    var payload: [UInt8] = (isBigEndian ? [0x4D, 0x4D] : [0x49, 0x49]) + bytes(UInt16(42))
    payload += bytes(UInt32(imageOffset))
    payload += block(image, at: imageOffset, next: thumbnail == nil ? 0 : thumbnailOffset)
    if !exif.isEmpty { payload += block(exif, at: exifOffset, next: 0) }
    if !gps.isEmpty { payload += block(gps, at: gpsOffset, next: 0) }
    if let thumbnail { payload += block(thumbnail, at: thumbnailOffset, next: 0) }
    return payload + thumbnailJPEG
  }

  private func blockSize(_ fields: [TestTIFFField]) -> Int {
    6 + fields.count * 12
      + fields.map { $0.value.count > 4 ? $0.value.count + $0.value.count % 2 : 0 }.reduce(0, +)
  }

  private func block(_ fields: [TestTIFFField], at offset: Int, next: Int) -> [UInt8] {
    var table = bytes(UInt16(fields.count))
    var values: [UInt8] = []
    let valuesOffset = offset + 6 + fields.count * 12
    for field in fields.sorted(by: { $0.tag < $1.tag }) {
      table += bytes(field.tag) + bytes(field.type) + bytes(field.count)
      if field.value.count <= 4 {
        table += field.value + [UInt8](repeating: 0, count: 4 - field.value.count)
      } else {
        table += bytes(UInt32(valuesOffset + values.count))
        values += field.value
        if field.value.count % 2 == 1 { values.append(0) }
      }
    }
    return table + bytes(UInt32(next)) + values
  }
}

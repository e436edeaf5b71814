/// A field for `TestTIFFBuilder`, its value bytes already in the payload's byte order.
struct TestTIFFField {
  var tag: UInt16
  var type: UInt16
  var count: UInt32
  var value: [UInt8]
}

/// Writes TIFF-structured EXIF payloads for tests, in either byte order, independently of the
/// writer under test.
struct TestTIFFBuilder {
  /// Whether to write `MM` (big-endian) rather than `II`.
  var isBigEndian: Bool

  func bytes(_ value: UInt16) -> [UInt8] {
    let little = [UInt8(value & 0xFF), UInt8(value >> 8)]
    return isBigEndian ? little.reversed() : little
  }

  func bytes(_ value: UInt32) -> [UInt8] {
    let little = (0..<4).map { UInt8(value >> (8 * $0) & 0xFF) }
    return isBigEndian ? little.reversed() : little
  }

  func ascii(_ tag: UInt16, _ text: String) -> TestTIFFField {
    let value = Array(text.utf8) + [0]
    return TestTIFFField(tag: tag, type: 2, count: UInt32(value.count), value: value)
  }

  func short(_ tag: UInt16, _ value: UInt16) -> TestTIFFField {
    TestTIFFField(tag: tag, type: 3, count: 1, value: bytes(value))
  }

  func long(_ tag: UInt16, _ value: UInt32) -> TestTIFFField {
    TestTIFFField(tag: tag, type: 4, count: 1, value: bytes(value))
  }

  func rational(_ tag: UInt16, _ numerator: UInt32, _ denominator: UInt32) -> TestTIFFField {
    TestTIFFField(tag: tag, type: 5, count: 1, value: bytes(numerator) + bytes(denominator))
  }

  func undefined(_ tag: UInt16, _ value: [UInt8]) -> TestTIFFField {
    TestTIFFField(tag: tag, type: 7, count: UInt32(value.count), value: value)
  }

  /// A payload laid out as header, IFD0, Exif IFD, GPS IFD, IFD1, thumbnail bytes. Links to the
  /// Exif and GPS IFDs are added when those have fields (links given in `image` with a non-zero
  /// value are kept as they are); IFD1 is written when `thumbnail` is not
  /// `nil` and gets the JPEG offset and length fields when `thumbnailJPEG` is not empty.
  func payload(
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

extension Array where Element == UInt8 {
  /// Whether `needle` occurs as a contiguous run in the array.
  func containsSequence(_ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty, needle.count <= count else { return false }
    return (0...(count - needle.count)).contains { start in
      self[start..<start + needle.count].elementsEqual(needle)
    }
  }
}

/// A deterministic byte generator for garbage inputs and test images.
struct TestByteGenerator {
  private var state: UInt64

  init(seed: UInt64) {
    state = seed
  }

  mutating func next() -> UInt8 {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return UInt8(truncatingIfNeeded: state >> 33)
  }

  mutating func bytes(_ count: Int) -> [UInt8] {
    (0..<count).map { _ in next() }
  }
}

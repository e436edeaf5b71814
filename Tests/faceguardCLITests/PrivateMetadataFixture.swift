import FaceGuard

/// One little-endian TIFF field for `TIFFWriter`.
struct TIFFField {
  var tag: UInt16
  var type: UInt16
  var count: UInt32
  var value: [UInt8]

  static func ascii(_ tag: UInt16, _ text: String) -> TIFFField {
    let value = Array(text.utf8) + [0]
    return TIFFField(tag: tag, type: 2, count: UInt32(value.count), value: value)
  }

  static func short(_ tag: UInt16, _ value: UInt16) -> TIFFField {
    TIFFField(tag: tag, type: 3, count: 1, value: TIFFWriter.bytes(value))
  }

  static func long(_ tag: UInt16, _ value: UInt32) -> TIFFField {
    TIFFField(tag: tag, type: 4, count: 1, value: TIFFWriter.bytes(value))
  }

  static func rationals(_ tag: UInt16, _ values: [(UInt32, UInt32)]) -> TIFFField {
    TIFFField(
      tag: tag, type: 5, count: UInt32(values.count),
      value: values.flatMap { TIFFWriter.bytes($0.0) + TIFFWriter.bytes($0.1) })
  }
}

/// Writes a little-endian EXIF payload laid out as header, IFD0, Exif IFD, GPS IFD, IFD1 and the
/// thumbnail JPEG, independently of the library's own writer.
enum TIFFWriter {
  static func bytes(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }

  static func bytes(_ value: UInt32) -> [UInt8] {
    (0..<4).map { UInt8(value >> (8 * $0) & 0xFF) }
  }

  /// The payload; IFD0 gets links to the Exif and GPS IFDs, IFD1 gets the thumbnail's offset
  /// and length.
  static func payload(
    image: [TIFFField], exif: [TIFFField], gps: [TIFFField], thumbnailJPEG: [UInt8]
  ) -> [UInt8] {
    let imageCount = image.count + 2
    let thumbnailCount = 3
    let imageOffset = 8
    let exifOffset = imageOffset + size(count: imageCount, fields: image)
    let gpsOffset = exifOffset + size(count: exif.count, fields: exif)
    let thumbnailOffset = gpsOffset + size(count: gps.count, fields: gps)
    let jpegOffset = thumbnailOffset + size(count: thumbnailCount, fields: [])
    let fullImage =
      image + [.long(0x8769, UInt32(exifOffset)), .long(0x8825, UInt32(gpsOffset))]
    let thumbnail: [TIFFField] = [
      .short(0x0103, 6), .long(0x0201, UInt32(jpegOffset)),
      .long(0x0202, UInt32(thumbnailJPEG.count)),
    ]
    var payload: [UInt8] = [0x49, 0x49] + bytes(UInt16(42)) + bytes(UInt32(imageOffset))
    payload += block(fullImage, at: imageOffset, next: thumbnailOffset)
    payload += block(exif, at: exifOffset, next: 0)
    payload += block(gps, at: gpsOffset, next: 0)
    payload += block(thumbnail, at: thumbnailOffset, next: 0)
    return payload + thumbnailJPEG
  }

  private static func size(count: Int, fields: [TIFFField]) -> Int {
    6 + count * 12
      + fields.map { $0.value.count > 4 ? $0.value.count + $0.value.count % 2 : 0 }.reduce(0, +)
  }

  private static func block(_ fields: [TIFFField], at offset: Int, next: Int) -> [UInt8] {
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

/// A JPEG full of private metadata: EXIF with camera fields, a GPS IFD and an IFD1 thumbnail,
/// an XMP packet with an MWG face region naming a person, and an ICC profile.
enum PrivateMetadataFixture {
  static let make = "FaceGuardTestCam"
  static let model = "Model-X42-Test"
  static let dateTimeOriginal = "2021:07:14 09:26:53"
  static let gpsDatum = "SECRET-DATUM-7731"
  static let personName = "Zebulon Quixote-Marchetti"
  /// GPS latitude 47° 22' 12.34": distinctive rational bytes.
  static let latitude: [(UInt32, UInt32)] = [(47, 1), (22, 1), (1234, 100)]

  /// The thumbnail: a small JPEG of a flat magenta square.
  static let thumbnail: [UInt8] = {
    let image = Image(
      width: 16, height: 16, layout: .rgb,
      pixels: Array([[UInt8]](repeating: [250, 10, 240], count: 256).joined()))
    return (try? ImageEncoder.encode(image, as: .jpeg, options: EncodeOptions(quality: 50))) ?? []
  }()

  /// The EXIF payload with `orientation` in IFD0.
  static func exif(orientation: Int) -> [UInt8] {
    TIFFWriter.payload(
      image: [
        .ascii(0x010F, make), .ascii(0x0110, model), .short(0x0112, UInt16(orientation)),
        .ascii(0x013B, personName),
      ],
      exif: [.ascii(0x9003, dateTimeOriginal), .rationals(0x829A, [(1, 250)])],
      gps: [
        .ascii(0x0001, "N"), .rationals(0x0002, latitude), .ascii(0x0012, gpsDatum),
      ],
      thumbnailJPEG: thumbnail)
  }

  /// The GPS latitude as its little-endian bytes, to look for in outputs.
  static var latitudeBytes: [UInt8] {
    latitude.flatMap { TIFFWriter.bytes($0.0) + TIFFWriter.bytes($0.1) }
  }

  /// An XMP packet with an MWG face region naming ``personName``.
  static let xmp: [UInt8] = Array(
    """
    <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
    <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
    <rdf:Description rdf:about="" xmlns:mwg-rs="http://www.metadataworkinggroup.com/schemas/regions/"
     xmlns:stArea="http://ns.adobe.com/xmp/sType/Area#">
    <mwg-rs:Regions rdf:parseType="Resource"><mwg-rs:RegionList><rdf:Bag><rdf:li rdf:parseType="Resource">
    <mwg-rs:Name>\(personName)</mwg-rs:Name><mwg-rs:Type>Face</mwg-rs:Type>
    <mwg-rs:Area stArea:x="0.5" stArea:y="0.4" stArea:w="0.3" stArea:h="0.4" stArea:unit="normalized"/>
    </rdf:li></rdf:Bag></mwg-rs:RegionList></mwg-rs:Regions></rdf:Description></rdf:RDF></x:xmpmeta>
    <?xpacket end="w"?>
    """.utf8)

  /// A structurally valid RGB display ICC profile header with no tags and a recognisable body.
  static let iccProfile: [UInt8] = {
    let size = 400
    var profile = [UInt8](repeating: 0, count: size)
    func put(_ value: Int, at offset: Int) {
      for index in 0..<4 {
        profile[offset + index] = UInt8(truncatingIfNeeded: value >> (24 - 8 * index))
      }
    }
    func put(_ text: String, at offset: Int) {
      for (index, byte) in text.utf8.enumerated() { profile[offset + index] = byte }
    }
    put(size, at: 0)
    put(0x0430_0000, at: 8)
    put("mntr", at: 12)
    put("RGB ", at: 16)
    put("XYZ ", at: 20)
    put("acsp", at: 36)
    put(0x0000_F6D6, at: 68)
    put(0x0001_0000, at: 72)
    put(0x0000_D32D, at: 76)
    for offset in 132..<size { profile[offset] = UInt8(truncatingIfNeeded: offset * 13 + 5) }
    return profile
  }()

  /// All three blocks with `orientation` in the EXIF.
  static func metadata(orientation: Int) -> ImageMetadata {
    ImageMetadata(iccProfile: iccProfile, exif: exif(orientation: orientation), xmp: xmp)
  }
}

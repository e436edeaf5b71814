import FaceGuardCore
import TestSupport
import Testing

@testable import ImageCodecs

@Suite struct MetadataTests {}

/// A JPEG-looking thumbnail whose bytes must never reach a sanitized output.
private let thumbnailJPEG: [UInt8] =
  [0xFF, 0xD8, 0xFF, 0xE0] + Array("THUMBNAIL-PIXELS-0123456789".utf8) + [0xFF, 0xD9]
private let makerNoteBytes = Array("MAKERNOTE-SECRET-BLOB".utf8)

/// A camera-like payload with everything `keepSafe` must drop and everything it must keep.
private func cameraPayload(bigEndian: Bool, orientation: UInt16 = 6) -> [UInt8] {
  let tiff = TestTIFFBuilder(isBigEndian: bigEndian)
  return tiff.payload(
    image: [
      tiff.ascii(0x010F, "Canon"), tiff.ascii(0x0110, "Canon EOS R5"),
      tiff.short(0x0112, orientation), tiff.ascii(0x0132, "2024:05:06 07:08:09"),
      tiff.ascii(0x013B, "Jane Photographer"), tiff.ascii(0xC62F, "CAMSERIAL777"),
    ],
    exif: [
      tiff.rational(0x829A, 1, 250), tiff.rational(0x829D, 28, 10), tiff.short(0x8827, 400),
      tiff.ascii(0x9003, "2024:05:06 07:08:10"), tiff.ascii(0x9004, "2024:05:06 07:08:11"),
      tiff.rational(0x920A, 50, 1), tiff.undefined(0x927C, makerNoteBytes),
      tiff.undefined(0x9286, Array("ASCII\0\0\0Birthday of Bob".utf8)),
      tiff.ascii(0xA430, "Owner Olga"), tiff.ascii(0xA431, "BODYSERIAL123"),
      tiff.ascii(0xA435, "LENSSERIAL456"),
    ],
    gps: [tiff.short(0x0000, 0x0202), tiff.rational(0x0002, 48_858_222, 1_000_000)],
    thumbnail: [tiff.short(0x0103, 6)], thumbnailJPEG: thumbnailJPEG)
}

extension MetadataTests {
  @Suite struct EXIFParsing {
    @Test(arguments: [false, true])
    func readsEveryOrientationValue(bigEndian: Bool) throws {
      let tiff = TestTIFFBuilder(isBigEndian: bigEndian)
      for orientation in Orientation.allCases {
        let payload = tiff.payload(image: [
          tiff.ascii(0x010F, "Maker"), tiff.short(0x0112, UInt16(orientation.rawValue)),
        ])
        #expect(try EXIF(parsing: payload).orientation == orientation)
        #expect(ImageMetadata(exif: payload).orientation == orientation)
      }
    }

    @Test(arguments: [false, true])
    func readsAllFourDirectories(bigEndian: Bool) throws {
      let exif = try EXIF(parsing: cameraPayload(bigEndian: bigEndian))
      #expect(exif.imageDirectory[EXIFTag.make]?.text == "Canon")
      #expect(exif.imageDirectory[EXIFTag.artist]?.text == "Jane Photographer")
      #expect(exif.orientation == .right)
      let exposure = try #require(exif.exifDirectory[EXIFTag.exposureTime]?.rationals?.first)
      #expect(exposure.numerator == 1 && exposure.denominator == 250)
      #expect(exif.exifDirectory[EXIFTag.isoSpeed]?.unsignedIntegers == [400])
      #expect(exif.exifDirectory[EXIFTag.makerNote]?.data == makerNoteBytes)
      #expect(exif.exifDirectory[EXIFTag.bodySerialNumber]?.text == "BODYSERIAL123")
      #expect(exif.gpsDirectory[0x0000]?.unsignedIntegers == [0x0202])
      let latitude = try #require(exif.gpsDirectory[0x0002]?.rationals?.first)
      #expect(latitude.numerator == 48_858_222)
      #expect(
        exif.thumbnailDirectory[EXIFTag.jpegInterchangeFormatLength]?.unsignedIntegers == [
          UInt32(thumbnailJPEG.count)
        ])
    }

    @Test func toleratesTheJPEGSegmentPrefix() throws {
      let payload = Array("Exif\0\0".utf8) + cameraPayload(bigEndian: true, orientation: 8)
      #expect(try EXIF(parsing: payload).orientation == .left)
    }

    @Test func outOfRangeOrientationCountsAsUp() {
      let tiff = TestTIFFBuilder(isBigEndian: false)
      for value: UInt16 in [0, 9, 0xFFFF] {
        let payload = tiff.payload(image: [tiff.short(0x0112, value)])
        #expect(ImageMetadata(exif: payload).orientation == .up)
      }
      #expect(ImageMetadata().orientation == .up)
    }

    @Test func skipsAFieldWhoseValuesLieOutsideThePayload() throws {
      let tiff = TestTIFFBuilder(isBigEndian: false)
      let broken = TestTIFFField(tag: 0x010F, type: 2, count: 40, value: tiff.bytes(UInt32(60_000)))
      let payload = tiff.payload(image: [broken, tiff.short(0x0112, 3)])
      let exif = try EXIF(parsing: payload)
      #expect(exif.imageDirectory[EXIFTag.make] == nil)
      #expect(exif.orientation == .down)
    }

    @Test func rejectsBrokenHeaders() {
      #expect(throws: EXIFError.truncatedHeader) { try EXIF(parsing: []) }
      #expect(throws: EXIFError.truncatedHeader) { try EXIF(parsing: [0x49, 0x49, 42, 0]) }
      #expect(throws: EXIFError.unknownByteOrder) {
        try EXIF(parsing: [0x49, 0x4D, 42, 0, 8, 0, 0, 0])
      }
      #expect(throws: EXIFError.badMagicNumber(43)) {
        try EXIF(parsing: [0x49, 0x49, 43, 0, 8, 0, 0, 0])
      }
      #expect(throws: EXIFError.directoryOutOfBounds(offset: 4096)) {
        try EXIF(parsing: [0x4D, 0x4D, 0, 42, 0, 0, 0x10, 0, 0, 0])
      }
      #expect(EXIFError.directoryOutOfBounds(offset: 4096).description.contains("4096"))
    }

    @Test(arguments: [false, true])
    func truncatedPayloadsNeverCrashAndLoseTheOrientation(bigEndian: Bool) {
      let payload = cameraPayload(bigEndian: bigEndian)
      // IFD0 holds six fields plus the Exif and GPS links.
      let imageTableEnd = 8 + 2 + 8 * 12 + 4
      for length in 0..<payload.count {
        let truncated = Array(payload.prefix(length))
        let orientation = ImageMetadata(exif: truncated).orientation
        if length < imageTableEnd {
          #expect(orientation == .up, "length \(length)")
          #expect(throws: EXIFError.self) { try EXIF(parsing: truncated) }
        }
        #expect(MetadataPolicy.keepSafe.sanitize(ImageMetadata(exif: truncated)).xmp == nil)
      }
    }

    @Test func garbageNeverCrashes() {
      var generator = SeededGenerator(seed: 42)
      for round in 0..<2000 {
        var bytes = generator.bytes(Int(generator.next() % 256) + round % 64)
        if round % 2 == 0, bytes.count >= 8 {
          bytes.replaceSubrange(
            0..<4, with: round % 4 == 0 ? [0x49, 0x49, 42, 0] : [0x4D, 0x4D, 0, 42])
        }
        if let exif = try? EXIF(parsing: bytes) {
          #expect(exif.imageDirectory.entries.count <= bytes.count / 12)
        } else {
          #expect(ImageMetadata(exif: bytes).orientation == .up)
        }
        _ = MetadataPolicy.keepSafe.sanitize(ImageMetadata(exif: bytes))
      }
    }

    @Test(arguments: [false, true])
    func cyclicLinksAreRejected(bigEndian: Bool) {
      let tiff = TestTIFFBuilder(isBigEndian: bigEndian)
      let orientation = tiff.short(0x0112, 6)
      let exifToItself = tiff.payload(image: [orientation, tiff.long(0x8769, 8)])
      var thumbnailToImage = tiff.payload(image: [orientation], thumbnail: [tiff.short(0x0103, 6)])
      thumbnailToImage.replaceSubrange(22..<26, with: tiff.bytes(UInt32(8)))
      // IFD0 holds three fields (orientation, GPS link, Exif link), so the Exif IFD starts at 50.
      let gpsBackToExif = tiff.payload(
        image: [orientation, tiff.long(0x8825, 50)], exif: [tiff.short(0x8827, 100)])
      let cases = [(exifToItself, 8), (thumbnailToImage, 8), (gpsBackToExif, 50)]
      for (payload, loopOffset) in cases {
        #expect(throws: EXIFError.cyclicDirectoryLinks(offset: loopOffset)) {
          try EXIF(parsing: payload)
        }
        #expect(ImageMetadata(exif: payload).orientation == .up)
        #expect(MetadataPolicy.keepSafe.sanitize(ImageMetadata(exif: payload)).exif == nil)
      }
    }
  }
}

extension MetadataTests {
  @Suite struct Sanitizing {
    private let icc: [UInt8] = Array("ICC-PROFILE-BYTES".utf8)
    private let xmp: [UInt8] = Array(
      "<x:xmpmeta><mwg-rs:Regions><mwg-rs:Name>Alice</mwg-rs:Name></mwg-rs:Regions></x:xmpmeta>"
        .utf8)

    @Test(arguments: [false, true])
    func stripAllKeepsOnlyTheColourProfile(bigEndian: Bool) {
      let input = ImageMetadata(
        iccProfile: icc, exif: cameraPayload(bigEndian: bigEndian), xmp: xmp)
      #expect(MetadataPolicy.stripAll.sanitize(input) == ImageMetadata(iccProfile: icc))
      #expect(MetadataPolicy.default == .stripAll)
      #expect(MetadataPolicy.stripAll.sanitize(ImageMetadata(xmp: xmp)) == ImageMetadata())
    }

    @Test(arguments: [false, true])
    func keepSafeWritesTheMinimalFieldsUpright(bigEndian: Bool) throws {
      let input = ImageMetadata(
        iccProfile: icc, exif: cameraPayload(bigEndian: bigEndian), xmp: xmp)
      let output = MetadataPolicy.keepSafe.sanitize(input)
      #expect(output.iccProfile == icc)
      #expect(output.xmp == nil)
      let payload = try #require(output.exif)
      #expect(Array(payload.prefix(4)) == [0x49, 0x49, 42, 0])

      let exif = try EXIF(parsing: payload)
      #expect(exif.orientation == .up)
      #expect(exif.imageDirectory[EXIFTag.orientation]?.unsignedIntegers == [1])
      #expect(exif.imageDirectory[EXIFTag.make]?.text == "Canon")
      #expect(exif.imageDirectory[EXIFTag.model]?.text == "Canon EOS R5")
      #expect(exif.imageDirectory[EXIFTag.dateTime]?.text == "2024:05:06 07:08:09")
      #expect(exif.exifDirectory[EXIFTag.dateTimeOriginal]?.text == "2024:05:06 07:08:10")
      #expect(exif.exifDirectory[EXIFTag.dateTimeDigitized]?.text == "2024:05:06 07:08:11")
      #expect(exif.exifDirectory[EXIFTag.isoSpeed]?.unsignedIntegers == [400])
      let exposure = try #require(exif.exifDirectory[EXIFTag.exposureTime]?.rationals?.first)
      #expect(exposure.numerator == 1 && exposure.denominator == 250)
      let aperture = try #require(exif.exifDirectory[EXIFTag.fNumber]?.rationals?.first)
      #expect(aperture.numerator == 28 && aperture.denominator == 10)
      let focal = try #require(exif.exifDirectory[EXIFTag.focalLength]?.rationals?.first)
      #expect(focal.numerator == 50 && focal.denominator == 1)
      #expect(exif.exifDirectory[EXIFTag.exifVersion]?.data == Array("0232".utf8))

      let imageTags = Set(exif.imageDirectory.entries.map(\.tag))
      let exifTags = Set(exif.exifDirectory.entries.map(\.tag))
      #expect(imageTags == [0x010F, 0x0110, 0x0112, 0x0132, 0x8769])
      #expect(exifTags == [0x829A, 0x829D, 0x8827, 0x9000, 0x9003, 0x9004, 0x920A])
      #expect(exif.gpsDirectory.entries.isEmpty)
      #expect(exif.thumbnailDirectory.entries.isEmpty)
    }

    @Test(arguments: [false, true])
    func keepSafeOutputHoldsNoTraceOfPrivateData(bigEndian: Bool) throws {
      let input = ImageMetadata(
        iccProfile: icc, exif: cameraPayload(bigEndian: bigEndian), xmp: xmp)
      let payload = try #require(MetadataPolicy.keepSafe.sanitize(input).exif)
      #expect(input.exif?.containsSequence(thumbnailJPEG) == true)
      let forbidden: [[UInt8]] = [
        thumbnailJPEG, [0xFF, 0xD8], makerNoteBytes, Array("Jane".utf8), Array("Olga".utf8),
        Array("SERIAL".utf8), Array("Bob".utf8), Array("Alice".utf8),
        [0x25, 0x88],  // GPS IFD link tag 0x8825, little-endian
      ]
      for bytes in forbidden {
        #expect(!payload.containsSequence(bytes), "found \(bytes)")
      }
    }

    @Test func keepSafeSkipsFieldsOfTheWrongTypeOrSize() throws {
      let tiff = TestTIFFBuilder(isBigEndian: true)
      let input = tiff.payload(
        image: [
          tiff.undefined(0x010F, Array("HIDDEN-IN-MAKE".utf8)),
          tiff.ascii(0x0110, String(repeating: "M", count: 300)), tiff.short(0x0112, 3),
        ],
        exif: [tiff.ascii(0x829A, "1/250"), tiff.ascii(0x9003, String(repeating: "9", count: 40))])
      let payload = try #require(MetadataPolicy.keepSafe.sanitize(ImageMetadata(exif: input)).exif)
      let exif = try EXIF(parsing: payload)
      #expect(exif.imageDirectory.entries.map(\.tag) == [EXIFTag.orientation])
      #expect(exif.orientation == .up)
      #expect(exif.exifDirectory.entries.isEmpty)
      #expect(!payload.containsSequence(Array("HIDDEN".utf8)))
    }

    @Test func keepSafeWritesNoEXIFWithoutReadableInput() {
      let garbage: [UInt8] = [0x4D, 0x4D, 0, 42, 0xFF, 0xFF, 0xFF, 0xFF]
      for exif in [nil, garbage] {
        let input = ImageMetadata(iccProfile: icc, exif: exif, xmp: xmp)
        #expect(MetadataPolicy.keepSafe.sanitize(input) == ImageMetadata(iccProfile: icc))
      }
    }
  }
}

extension MetadataTests {
  @Suite("What a policy removes is named, never quoted")
  struct Removal {
    private let icc: [UInt8] = Array("ICC-PROFILE-BYTES".utf8)
    private let xmp: [UInt8] = Array("<x:xmpmeta>no people here</x:xmpmeta>".utf8)

    /// An XMP packet with an MWG face region naming a person.
    static let faceXMP = Array(
      """
      <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description
       xmlns:mwg-rs="http://www.metadataworkinggroup.com/schemas/regions/">
      <mwg-rs:Regions><mwg-rs:Name>Zoe Private</mwg-rs:Name></mwg-rs:Regions>
      </rdf:Description></rdf:RDF></x:xmpmeta>
      """.utf8)

    @Test(arguments: [false, true])
    func stripAllNamesEveryPrivateFieldAndCountsTheRest(bigEndian: Bool) {
      let metadata = ImageMetadata(
        iccProfile: icc, exif: cameraPayload(bigEndian: bigEndian), xmp: Self.faceXMP)
      let removed = MetadataPolicy.stripAll.removedItems(from: metadata)
      #expect(
        removed == [
          "Make", "Model", "DateTime", "Artist", "CameraSerialNumber", "DateTimeOriginal",
          "DateTimeDigitized", "MakerNote", "UserComment", "CameraOwnerName", "BodySerialNumber",
          "LensSerialNumber", "4 other EXIF fields", "GPS", "EXIF thumbnail", "XMP",
          "XMP face regions",
        ])
      let text = removed.joined(separator: " ")
      for value in ["Canon", "Jane", "CAMSERIAL", "2024", "Olga", "Zoe", "Bob"] {
        #expect(!text.contains(value), "\(value)")
      }
    }

    @Test(arguments: [false, true])
    func keepSafeNamesOnlyWhatItDrops(bigEndian: Bool) {
      let metadata = ImageMetadata(exif: cameraPayload(bigEndian: bigEndian), xmp: xmp)
      #expect(
        MetadataPolicy.keepSafe.removedItems(from: metadata) == [
          "Artist", "CameraSerialNumber", "MakerNote", "UserComment", "CameraOwnerName",
          "BodySerialNumber", "LensSerialNumber", "GPS", "EXIF thumbnail", "XMP",
        ])
    }

    @Test func nothingIsListedForAProfileAloneOrNoMetadata() {
      #expect(MetadataPolicy.stripAll.removedItems(from: ImageMetadata(iccProfile: icc)).isEmpty)
      #expect(MetadataPolicy.keepSafe.removedItems(from: ImageMetadata()).isEmpty)
      let garbage: [UInt8] = [0x4D, 0x4D, 0, 42, 0xFF, 0xFF, 0xFF, 0xFF]
      #expect(
        MetadataPolicy.stripAll.removedItems(from: ImageMetadata(exif: garbage))
          == ["EXIF (unreadable)"])
    }

    @Test("a JPEG's comment, IPTC and preview segments are named in file order")
    func otherJPEGSegments() throws {
      let jpeg = try ImageEncoder.encode(
        Image(width: 16, height: 16, layout: .rgb, repeating: 90), as: .jpeg,
        options: EncodeOptions())
      func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
        let length = payload.count + 2
        return [0xFF, marker, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
      }
      let extra =
        segment(0xFE, Array("shot by Quentin".utf8))
        + segment(0xED, Array("Photoshop 3.0\0city=Lyon".utf8))
        + segment(0xE2, Array("MPF\0preview".utf8)) + segment(0xFE, Array("again".utf8))
      let input = Array(jpeg[..<2]) + extra + Array(jpeg[2...])
      let metadata = try ImageDecoder.decode(input).metadata
      #expect(metadata.otherBlocks == ["JPEG comment", "IPTC (APP13)", "MPF preview images"])
      #expect(MetadataPolicy.stripAll.removedItems(from: metadata) == metadata.otherBlocks)
      let written = try ImageEncoder.encode(
        Image(width: 16, height: 16, layout: .rgb, repeating: 90), as: .jpeg,
        options: EncodeOptions(metadata: MetadataPolicy.stripAll.sanitize(metadata)))
      #expect(try ImageDecoder.decode(written).metadata.otherBlocks.isEmpty)
    }

    @Test("a PNG's text chunks are named by keyword, its time chunk by name")
    func otherPNGChunks() throws {
      let png = try ImageEncoder.encode(
        Image(width: 8, height: 8, layout: .rgb, repeating: 90), as: .png, options: EncodeOptions())
      let header = PNGChunks.signature.count + 25
      let extra =
        PNGChunks.serialize(type: "tEXt", data: Array("Author\0Quentin Private".utf8))
        + PNGChunks.serialize(type: "tIME", data: [0x07, 0xE8, 5, 6, 7, 8, 9])
        + PNGChunks.serialize(type: "iTXt", data: Array("Description\0\0\0\0\0Quentin".utf8))
      let input = Array(png[..<header]) + extra + Array(png[header...])
      let metadata = try ImageDecoder.decode(input).metadata
      #expect(
        metadata.otherBlocks == [
          "PNG text \"Author\"", "PNG modification time", "PNG text \"Description\"",
        ])
      #expect(!metadata.otherBlocks.joined().contains("Quentin"))
    }
  }
}

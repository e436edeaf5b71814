import FaceGuardCore
import ImageCodecs
import TestSupport

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
    let tiff = TestTIFFBuilder(isBigEndian: false)
    return tiff.payload(
      image: [
        tiff.ascii(0x010F, make), tiff.ascii(0x0110, model),
        tiff.short(0x0112, UInt16(orientation)), tiff.ascii(0x013B, personName),
      ],
      exif: [tiff.ascii(0x9003, dateTimeOriginal), tiff.rationals(0x829A, [(1, 250)])],
      gps: [
        tiff.ascii(0x0001, "N"), tiff.rationals(0x0002, latitude), tiff.ascii(0x0012, gpsDatum),
      ],
      thumbnail: [tiff.short(0x0103, 6)], thumbnailJPEG: thumbnail)
  }

  /// The GPS latitude as its little-endian bytes, to look for in outputs.
  static var latitudeBytes: [UInt8] {
    let tiff = TestTIFFBuilder(isBigEndian: false)
    return latitude.flatMap { tiff.bytes($0.0) + tiff.bytes($0.1) }
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

  /// A structurally valid ICC profile.
  static let iccProfile = TestICCProfile.bytes(size: 400)

  /// All three blocks with `orientation` in the EXIF.
  static func metadata(orientation: Int) -> ImageMetadata {
    ImageMetadata(iccProfile: iccProfile, exif: exif(orientation: orientation), xmp: xmp)
  }
}

/// What metadata FaceGuard writes into an anonymized image.
///
/// The pixels are always written upright (see `Orientation.apply(to:)`), so no policy ever keeps
/// an orientation other than 1. XMP is always dropped, because it can carry face regions (MWG or
/// Microsoft People tags) naming the people in the photo.
///
/// - `stripAll` (the default) keeps only the ICC colour profile: no EXIF, no XMP.
/// - `keepSafe` keeps the ICC colour profile and writes a new, minimal little-endian EXIF payload
///   holding only these fields, each copied from the input when present with the expected type:
///   - IFD0: Make (0x010F, ASCII, at most 128 bytes), Model (0x0110, ASCII, at most 128 bytes),
///     Orientation (0x0112, always written as 1), DateTime (0x0132, ASCII, at most 32 bytes).
///   - Exif IFD: ExposureTime (0x829A, one RATIONAL), FNumber (0x829D, one RATIONAL),
///     ISO / PhotographicSensitivity (0x8827, one SHORT or LONG), ExifVersion (0x9000, written as
///     "0232"), DateTimeOriginal (0x9003, ASCII, at most 32 bytes), DateTimeDigitized (0x9004,
///     ASCII, at most 32 bytes), FocalLength (0x920A, one RATIONAL). The Exif IFD is written only
///     when at least one of these was copied.
///
///   Everything else is dropped, in particular the GPS IFD, the thumbnail (IFD1), MakerNote,
///   UserComment, Artist, CameraOwnerName, BodySerialNumber, LensSerialNumber,
///   CameraSerialNumber and all XMP. When the input has no EXIF, or EXIF that cannot be parsed,
///   no EXIF is written.
public enum MetadataPolicy: Sendable, Equatable {
  /// Keep only the ICC colour profile. The default.
  case stripAll
  /// Keep the ICC colour profile and a minimal EXIF with camera, exposure and date fields.
  case keepSafe

  /// The policy used when none is chosen.
  public static let `default` = MetadataPolicy.stripAll

  /// The metadata this policy allows to be written for an image whose decoder found `metadata`.
  public func sanitize(_ metadata: ImageMetadata) -> ImageMetadata {
    switch self {
    case .stripAll:
      return ImageMetadata(iccProfile: metadata.iccProfile)
    case .keepSafe:
      guard let payload = metadata.exif, let exif = try? EXIF(parsing: payload) else {
        return ImageMetadata(iccProfile: metadata.iccProfile)
      }
      return ImageMetadata(iccProfile: metadata.iccProfile, exif: Self.safeEXIF(from: exif))
    }
  }

  /// A field `keepSafe` copies, with the types and size it accepts.
  private struct KeptField {
    /// Tag number.
    var tag: UInt16
    /// Accepted types.
    var types: [EXIFFieldType]
    /// Largest accepted number of values.
    var maximumCount: Int

    /// The field in `directory` if it has an accepted type and size.
    func copy(from directory: EXIFDirectory) -> EXIFEntry? {
      guard let entry = directory[tag], types.contains(entry.type), entry.count >= 1,
        entry.count <= maximumCount
      else { return nil }
      return entry
    }
  }

  /// Fields copied from IFD0.
  private static let keptImageFields = [
    KeptField(tag: EXIFTag.make, types: [.ascii], maximumCount: 128),
    KeptField(tag: EXIFTag.model, types: [.ascii], maximumCount: 128),
    KeptField(tag: EXIFTag.dateTime, types: [.ascii], maximumCount: 32),
  ]

  /// Fields copied from the Exif IFD.
  private static let keptExifFields = [
    KeptField(tag: EXIFTag.exposureTime, types: [.rational], maximumCount: 1),
    KeptField(tag: EXIFTag.fNumber, types: [.rational], maximumCount: 1),
    KeptField(tag: EXIFTag.isoSpeed, types: [.short, .long], maximumCount: 1),
    KeptField(tag: EXIFTag.dateTimeOriginal, types: [.ascii], maximumCount: 32),
    KeptField(tag: EXIFTag.dateTimeDigitized, types: [.ascii], maximumCount: 32),
    KeptField(tag: EXIFTag.focalLength, types: [.rational], maximumCount: 1),
  ]

  /// The minimal EXIF payload `keepSafe` writes for a parsed input.
  private static func safeEXIF(from exif: EXIF) -> [UInt8] {
    let upright = EXIFEntry(tag: EXIFTag.orientation, type: .short, count: 1, data: [1, 0])
    let image = keptImageFields.compactMap { $0.copy(from: exif.imageDirectory) } + [upright]
    var exifFields = keptExifFields.compactMap { $0.copy(from: exif.exifDirectory) }
    if !exifFields.isEmpty {
      exifFields.append(
        EXIFEntry(tag: EXIFTag.exifVersion, type: .undefined, count: 4, data: Array("0232".utf8)))
    }
    return LittleEndianEXIFWriter(imageEntries: image, exifEntries: exifFields).payload()
  }
}

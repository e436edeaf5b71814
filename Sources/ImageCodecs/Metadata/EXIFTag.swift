/// Numbers of the EXIF and TIFF tags FaceGuard reads, writes or deliberately drops.
public enum EXIFTag {
  /// Camera maker (IFD0, ASCII).
  public static let make: UInt16 = 0x010F
  /// Camera model (IFD0, ASCII).
  public static let model: UInt16 = 0x0110
  /// Orientation of the stored pixels (IFD0, SHORT 1...8).
  public static let orientation: UInt16 = 0x0112
  /// Date and time the file was last changed (IFD0, ASCII).
  public static let dateTime: UInt16 = 0x0132
  /// Name of the photographer (IFD0, ASCII).
  public static let artist: UInt16 = 0x013B
  /// Offset of the JPEG thumbnail (IFD1, LONG).
  public static let jpegInterchangeFormat: UInt16 = 0x0201
  /// Length of the JPEG thumbnail (IFD1, LONG).
  public static let jpegInterchangeFormatLength: UInt16 = 0x0202
  /// Exposure time in seconds (Exif IFD, RATIONAL).
  public static let exposureTime: UInt16 = 0x829A
  /// Aperture as an f-number (Exif IFD, RATIONAL).
  public static let fNumber: UInt16 = 0x829D
  /// Link to the Exif IFD (IFD0, LONG).
  public static let exifDirectory: UInt16 = 0x8769
  /// Link to the GPS IFD (IFD0, LONG).
  public static let gpsDirectory: UInt16 = 0x8825
  /// ISO speed, "PhotographicSensitivity" (Exif IFD, SHORT).
  public static let isoSpeed: UInt16 = 0x8827
  /// Version of the Exif standard (Exif IFD, UNDEFINED 4).
  public static let exifVersion: UInt16 = 0x9000
  /// Date and time the photo was taken (Exif IFD, ASCII).
  public static let dateTimeOriginal: UInt16 = 0x9003
  /// Date and time the photo was digitized (Exif IFD, ASCII).
  public static let dateTimeDigitized: UInt16 = 0x9004
  /// Focal length in millimetres (Exif IFD, RATIONAL).
  public static let focalLength: UInt16 = 0x920A
  /// Vendor-specific data (Exif IFD, UNDEFINED).
  public static let makerNote: UInt16 = 0x927C
  /// Free-form comment (Exif IFD, UNDEFINED).
  public static let userComment: UInt16 = 0x9286
  /// Name of the camera owner (Exif IFD, ASCII).
  public static let cameraOwnerName: UInt16 = 0xA430
  /// Serial number of the camera body (Exif IFD, ASCII).
  public static let bodySerialNumber: UInt16 = 0xA431
  /// Serial number of the lens (Exif IFD, ASCII).
  public static let lensSerialNumber: UInt16 = 0xA435
  /// Serial number of the camera, DNG spelling (IFD0, ASCII).
  public static let cameraSerialNumber: UInt16 = 0xC62F
}

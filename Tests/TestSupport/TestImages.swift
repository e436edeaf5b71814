import FaceGuardCore
import ImageCodecs

/// Images the tests share.
public enum TestImages {
  /// The sample portrait file (`astronaut.png`: public-domain NASA photo of Eileen Collins,
  /// 512x512 PNG, one face).
  public static func portraitBytes() throws -> [UInt8] {
    try ModelFiles.bytes("astronaut.png")
  }

  /// The sample portrait decoded.
  public static func portrait() throws -> Image {
    try ImageDecoder.decode(portraitBytes()).image
  }

  /// An image of independent uniform noise per sample (alpha included), the same for the same
  /// seed.
  public static func noise(width: Int, height: Int, layout: Image.Layout = .rgb, seed: UInt64 = 1)
    -> Image
  {
    var generator = SeededGenerator(seed: seed)
    return Image(
      width: width, height: height, layout: layout,
      pixels: generator.bytes(width * height * layout.channels))
  }
}

import FaceGuardCore
import Foundation
import ImageCodecs
import TestSupport
import Testing

/// A fresh folder for one test.
struct TemporaryFolder {
  /// The folder.
  let url: URL

  /// Runs `body` with a new empty folder under the system temporary folder and deletes the folder
  /// afterwards, whatever happens.
  static func use(_ body: (TemporaryFolder) throws -> Void) throws {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("faceguard-cli-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    try body(TemporaryFolder(url: url))
  }

  /// The path of `relative` inside the folder.
  func path(_ relative: String) -> URL {
    url.appendingPathComponent(relative)
  }

  /// Writes `bytes` to `relative`, creating folders.
  @discardableResult
  func write(_ bytes: [UInt8], to relative: String) throws -> URL {
    let target = path(relative)
    try FileManager.default.createDirectory(
      at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: target)
    return target
  }

  /// The bytes of `relative`.
  func read(_ relative: String) throws -> [UInt8] {
    Array(try Data(contentsOf: path(relative)))
  }

  /// Every file below the folder (hidden ones too), as paths relative to it, sorted.
  func allFiles(below relative: String = "") throws -> [String] {
    let base = relative.isEmpty ? url : path(relative)
    guard let enumerator = FileManager.default.enumerator(atPath: base.path) else { return [] }
    var files: [String] = []
    while let next = enumerator.nextObject() as? String {
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(
        atPath: base.appendingPathComponent(next).path, isDirectory: &isFolder),
        !isFolder.boolValue
      {
        files.append(next)
      }
    }
    return files.sorted()
  }
}

/// The sample portrait and images derived from it.
enum Portrait {
  /// `models/astronaut.png` decoded and scaled to 256x256, where CenterFace still finds the face.
  static let image: Image = {
    guard let portrait = try? TestImages.portrait() else {
      Issue.record("the sample portrait is missing or unreadable; run scripts/setup.sh")
      return Image(width: 256, height: 256, layout: .rgb)
    }
    return portrait.resized(width: 256, height: 256)
  }()

  /// A `width` x `height` window of the portrait starting at (`x`, `y`).
  static func crop(x: Int, y: Int, width: Int, height: Int) -> Image {
    image.cropped(to: PixelRect(x: x, y: y, width: width, height: height))
  }

  /// The portrait mirrored left to right (a second, different good image).
  static var mirrored: Image { image.mirrored() }
}

/// The RGB samples of pixel (`x`, `y`) of `image`.
func rgbSamples(_ image: Image, _ x: Int, _ y: Int) -> [UInt8] {
  let start = (y * image.width + x) * image.channels
  return Array(image.pixels[start..<start + 3])
}

/// Encoding helpers.
enum Encoded {
  /// `image` as a JPEG at quality 90 with `metadata`.
  static func jpeg(_ image: Image, metadata: ImageMetadata = ImageMetadata()) throws -> [UInt8] {
    try ImageEncoder.encode(image, as: .jpeg, options: EncodeOptions(metadata: metadata))
  }

  /// `image` as an 8-bit PNG.
  static func png(_ image: Image) throws -> [UInt8] {
    try ImageEncoder.encode(image, as: .png, options: EncodeOptions())
  }
}

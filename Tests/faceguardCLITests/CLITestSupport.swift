import FaceGuard
import Foundation
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
    let url = FaceGuardProcess.modelsFolder.appendingPathComponent("astronaut.png")
    guard let data = try? Data(contentsOf: url),
      let decoded = try? ImageDecoder.decode(Array(data))
    else {
      Issue.record("the sample portrait \(url.path) is missing or unreadable")
      return Image(width: 256, height: 256, layout: .rgb)
    }
    return decoded.image.resized(width: 256, height: 256)
  }()

  /// A `width` x `height` window of the portrait starting at (`x`, `y`).
  static func crop(x: Int, y: Int, width: Int, height: Int) -> Image {
    Pixels.crop(image, x: x, y: y, width: width, height: height)
  }

  /// The portrait mirrored left to right (a second, different good image).
  static var mirrored: Image { Orientation.upMirrored.apply(to: image) }
}

/// Pixel comparisons.
enum Pixels {
  /// A `width` x `height` window of `source` starting at (`x`, `y`).
  static func crop(_ source: Image, x: Int, y: Int, width: Int, height: Int) -> Image {
    var pixels: [UInt8] = []
    pixels.reserveCapacity(width * height * source.channels)
    for row in y..<y + height {
      let start = (row * source.width + x) * source.channels
      pixels += source.pixels[start..<start + width * source.channels]
    }
    return Image(width: width, height: height, layout: source.layout, pixels: pixels)
  }

  /// The mean absolute sample difference of two same-sized images.
  static func meanDifference(_ a: Image, _ b: Image) -> Double {
    guard a.width == b.width, a.height == b.height, a.channels == b.channels else {
      return .infinity
    }
    let total = zip(a.pixels, b.pixels).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }
    return Double(total) / Double(max(a.pixels.count, 1))
  }

  /// The RGB samples of pixel (`x`, `y`).
  static func rgb(_ image: Image, _ x: Int, _ y: Int) -> [UInt8] {
    let start = (y * image.width + x) * image.channels
    return Array(image.pixels[start..<start + 3])
  }
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

extension Array where Element == UInt8 {
  /// Whether `needle` occurs as a contiguous run in the array.
  func containsSequence(_ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty, needle.count <= count else { return false }
    return (0...(count - needle.count)).contains { start in
      self[start..<start + needle.count].elementsEqual(needle)
    }
  }

  /// Whether the UTF-8 bytes of `text` occur in the array.
  func containsText(_ text: String) -> Bool {
    containsSequence(Array(text.utf8))
  }
}

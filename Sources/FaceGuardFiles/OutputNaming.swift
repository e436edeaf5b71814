import Foundation
import ImageCodecs

/// Decides where the anonymized copy of an input goes.
public struct OutputNaming: Sendable {
  /// The marker put before the extension of outputs written next to their input.
  public static let suffix = "anonymized"

  /// The folder that mirrors the input tree, or `nil` to write next to each input.
  public var outputFolder: URL?

  /// Creates a naming rule.
  public init(outputFolder: URL?) {
    self.outputFolder = outputFolder
  }

  /// The output file for `input` written as `format`.
  ///
  /// Next to the input: `photo.anonymized.jpg`. Under an output folder: the input's relative path
  /// with the extension of `format` when the format changes (`a/b.heic` becomes `a/b.jpg`).
  public func outputURL(for input: InputFile, format: ImageFormat) -> URL {
    let inputExtension = (input.relativePath as NSString).pathExtension
    let keepsExtension = ImageFormat(fileExtension: inputExtension) == format
    return outputURL(
      for: input, fileExtension: keepsExtension ? inputExtension : format.fileExtension)
  }

  /// The output file for `input` with the name extension `fileExtension`: a video's copy keeps
  /// the input's container and extension.
  public func outputURL(for input: InputFile, fileExtension: String) -> URL {
    let base = (input.relativePath as NSString).deletingPathExtension
    if let outputFolder {
      return outputFolder.appendingPathComponent("\(base).\(fileExtension)")
    }
    let name = ((base as NSString).lastPathComponent) + ".\(Self.suffix).\(fileExtension)"
    return input.url.deletingLastPathComponent().appendingPathComponent(name)
  }
}

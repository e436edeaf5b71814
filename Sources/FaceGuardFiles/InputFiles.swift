import Foundation
import ImageCodecs
import VideoCodecs

/// One photo or video file to process, and where it sits relative to the folder it was found in.
public struct InputFile: Sendable, Equatable {
  /// What kind of file it is, which decides the pipeline that processes it.
  public enum Kind: Sendable, Equatable {
    /// A still image.
    case photo
    /// A video.
    case video
  }

  /// The file.
  public var url: URL
  /// The path as the user gave it or as it was found under a given folder.
  public var displayPath: String
  /// The path below the folder it was found in (just the file name for files given directly);
  /// used to mirror the tree under an output folder.
  public var relativePath: String

  /// Photo or video.
  public var kind: Kind

  /// Creates an input file.
  public init(url: URL, displayPath: String, relativePath: String, kind: Kind = .photo) {
    self.url = url
    self.displayPath = displayPath
    self.relativePath = relativePath
    self.kind = kind
  }

  /// The file's bytes.
  ///
  /// - Throws: a ``FileFailure`` naming the file when it cannot be read.
  public func read() throws(FileFailure) -> [UInt8] {
    do {
      return Array(try Data(contentsOf: url))
    } catch {
      throw unreadable()
    }
  }

  /// The file's first `count` bytes (fewer when it is shorter).
  ///
  /// - Throws: a ``FileFailure`` naming the file when it cannot be read.
  public func read(upTo count: Int) throws(FileFailure) -> [UInt8] {
    do {
      let handle = try FileHandle(forReadingFrom: url)
      defer { try? handle.close() }
      return Array(try handle.read(upToCount: count) ?? Data())
    } catch {
      throw unreadable()
    }
  }

  /// Why the file could not be read.
  private func unreadable() -> FileFailure {
    let reason =
      FileManager.default.isReadableFile(atPath: url.path)
      ? "could not be read" : "permission denied or not a readable file"
    return FileFailure(path: displayPath, reason: reason)
  }
}

/// Why a path given on the command line could not be used.
public enum InputFilesError: Error, Equatable, CustomStringConvertible {
  /// Nothing exists at the path.
  case notFound(String)
  /// The folder could not be listed.
  case unreadableFolder(String)

  /// The path as given on the command line.
  public var path: String {
    switch self {
    case .notFound(let path), .unreadableFolder(let path): return path
    }
  }

  /// What is wrong with ``path``, without the path.
  public var reason: String {
    switch self {
    case .notFound: return "no such file or folder"
    case .unreadableFolder: return "folder cannot be read"
    }
  }

  public var description: String { "\(path): \(reason)" }
}

/// Expands command-line paths into the photo and video files to process.
public enum InputFiles {
  /// File name extensions recognised as images when searching folders (lower case).
  public static let imageExtensions: Set<String> = [
    "jpg", "jpeg", "jpe", "png", "webp", "heic", "heif",
  ]

  /// Expands each path: a file is taken as it is (whatever its extension, so a mislabelled file
  /// gets a clear error; it counts as a video when its extension is a video's and its content is
  /// no image); a folder is searched recursively for photo and video files, in sorted order,
  /// skipping hidden entries and FaceGuard's own outputs. Symbolic links are followed.
  ///
  /// - Parameters:
  ///   - paths: files and folders as the user gave them.
  ///   - excludedFolder: a folder never searched (the output folder, so outputs written under an
  ///     input folder are not taken as inputs on the next run).
  /// - Returns: the files found, and one error per path that could not be used.
  public static func collect(_ paths: [String], excluding excludedFolder: URL? = nil) -> (
    files: [InputFile], errors: [InputFilesError]
  ) {
    var files: [InputFile] = []
    var errors: [InputFilesError] = []
    let manager = FileManager.default
    for path in paths {
      var isFolder: ObjCBool = false
      guard manager.fileExists(atPath: path, isDirectory: &isFolder) else {
        errors.append(.notFound(path))
        continue
      }
      let url = URL(fileURLWithPath: path)
      guard isFolder.boolValue else {
        files.append(
          InputFile(
            url: url, displayPath: path, relativePath: url.lastPathComponent, kind: kind(of: url)))
        continue
      }
      guard let found = mediaBelow(url, excluding: excludedFolder) else {
        errors.append(.unreadableFolder(path))
        continue
      }
      let prefix = path.hasSuffix("/") ? path : path + "/"
      files += found.map { relative in
        let file = url.appendingPathComponent(relative)
        let isVideo = ContainerFormat.videoExtensions.contains(file.pathExtension.lowercased())
        return InputFile(
          url: file, displayPath: prefix + relative, relativePath: relative,
          kind: isVideo ? .video : .photo)
      }
    }
    return (files, errors)
  }

  /// Whether a file name looks like an output FaceGuard wrote next to its input.
  public static func isFaceGuardOutput(_ name: String) -> Bool {
    name.contains(".\(OutputNaming.suffix).")
  }

  /// A file given by name is a video when its extension is a video's and its first bytes are no
  /// image's.
  private static func kind(of url: URL) -> InputFile.Kind {
    guard ContainerFormat.videoExtensions.contains(url.pathExtension.lowercased()) else {
      return .photo
    }
    let head = (try? FileHandle(forReadingFrom: url).read(upToCount: 32)).flatMap { $0 }
    return head.flatMap { ImageFormat(sniffing: Array($0)) } == nil ? .video : .photo
  }

  private static func mediaBelow(_ folder: URL, excluding excludedFolder: URL?) -> [String]? {
    let manager = FileManager.default
    guard
      let enumerator = manager.enumerator(
        at: folder, includingPropertiesForKeys: [.isRegularFileKey],
        options: [.skipsHiddenFiles])
    else { return nil }
    let base = folder.standardizedFileURL.path
    let excluded = excludedFolder?.standardizedFileURL.resolvingSymlinksInPath().path
    var relatives: [String] = []
    for case let url as URL in enumerator {
      if let excluded, url.standardizedFileURL.resolvingSymlinksInPath().path == excluded {
        enumerator.skipDescendants()
        continue
      }
      guard
        (try? url.resolvingSymlinksInPath().resourceValues(forKeys: [.isRegularFileKey])
          .isRegularFile) == true,
        imageExtensions.union(ContainerFormat.videoExtensions).contains(
          url.pathExtension.lowercased()),
        !isFaceGuardOutput(url.lastPathComponent)
      else { continue }
      let full = url.standardizedFileURL.path
      guard full.hasPrefix(base) else { continue }
      relatives.append(String(full.dropFirst(base.count).drop(while: { $0 == "/" })))
    }
    return relatives.sorted()
  }
}

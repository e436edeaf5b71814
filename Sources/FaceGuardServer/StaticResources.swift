import Foundation

/// The web page's files, read once from the target's bundled resources and served from memory.
struct StaticResources: Sendable {
  /// A file and its media type.
  struct File: Sendable {
    var contentType: String
    var bytes: [UInt8]
  }

  /// File name to file.
  let files: [String: File]

  /// The files the server serves, with their media types.
  static let manifest: [(name: String, contentType: String)] = [
    ("index.html", "text/html; charset=utf-8"),
    ("app.css", "text/css; charset=utf-8"),
    ("app.js", "text/javascript; charset=utf-8"),
    ("zip.js", "text/javascript; charset=utf-8"),
    ("favicon.svg", "image/svg+xml"),
  ]

  /// Reads every file of ``manifest`` from the bundle.
  ///
  /// - Throws: ``ServerConfigurationError/missingResource(_:)`` when one is missing.
  static func load() throws(ServerConfigurationError) -> StaticResources {
    var files: [String: File] = [:]
    for entry in manifest {
      // The copied folder is the bundle's resource folder on some platforms and a subfolder of
      // it on others.
      let url =
        Bundle.module.url(forResource: entry.name, withExtension: nil)
        ?? Bundle.module.url(forResource: entry.name, withExtension: nil, subdirectory: "Resources")
      guard let url, let data = try? Data(contentsOf: url) else {
        throw .missingResource(entry.name)
      }
      files[entry.name] = File(contentType: entry.contentType, bytes: [UInt8](data))
    }
    return StaticResources(files: files)
  }
}

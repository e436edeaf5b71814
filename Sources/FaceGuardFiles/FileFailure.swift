/// A file that could not be processed, with a message naming the file and the problem.
public struct FileFailure: Error, Sendable, CustomStringConvertible {
  /// The path as the user knows it.
  public var path: String
  /// What went wrong, for a person.
  public var reason: String

  /// Creates a failure.
  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }

  public var description: String { "\(path): \(reason)" }
}

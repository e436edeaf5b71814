import Foundation

/// Why a tracks file is refused. Messages do not name the file; the caller adds it.
public enum TracksDocumentError: Error, Equatable, CustomStringConvertible {
  /// The bytes are not JSON.
  case notJSON(detail: String)
  /// A value is missing or of the wrong kind at `place` (such as `tracks[2].frames[0].x`).
  case malformed(place: String, problem: String)
  /// Two tracks (by position in `tracks`) have the same id.
  case duplicateID(Int, positions: Int, Int)
  /// A track's points are not valid.
  case invalidTrack(TrackError)

  /// A sentence a user understands.
  public var description: String {
    switch self {
    case .notJSON(let detail):
      "the tracks file is not valid JSON: \(detail)"
    case .malformed(let place, let problem):
      place.isEmpty ? "the tracks file \(problem)" : "\(place) \(problem)"
    case .duplicateID(let id, let first, let second):
      "tracks[\(first)] and tracks[\(second)] both have id \(id); every track needs its own id"
    case .invalidTrack(let error):
      error.description
    }
  }

  /// The error a JSON decoding failure of `bytes` means, placed by its coding path.
  init(_ error: DecodingError, in bytes: [UInt8]) {
    switch error {
    case .keyNotFound(let key, let context):
      self = .malformed(
        place: Self.place(context.codingPath), problem: "needs \"\(key.stringValue)\"")
    case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
      self = .malformed(
        place: Self.place(context.codingPath), problem: "must be \(Self.kind(type))")
    case .dataCorrupted(let context) where context.codingPath.isEmpty:
      self = .notJSON(detail: Self.syntaxProblem(in: bytes) ?? context.debugDescription)
    case .dataCorrupted(let context):
      self = .malformed(
        place: Self.place(context.codingPath), problem: "is not valid: \(Self.reason(context))")
    @unknown default:
      self = .notJSON(detail: "\(error)")
    }
  }

  private static func place(_ path: [any CodingKey]) -> String {
    path.reduce("") { place, key in
      if let index = key.intValue { return place + "[\(index)]" }
      return place.isEmpty ? key.stringValue : place + "." + key.stringValue
    }
  }

  private static func kind(_ type: Any.Type) -> String {
    switch type {
    case is Double.Type: "a number"
    case is Int.Type: "a whole number"
    default: String(describing: type).hasPrefix("Array") ? "a list" : "an object"
    }
  }

  private static func reason(_ context: DecodingError.Context) -> String {
    context.underlyingError.map { "\($0)" } ?? context.debugDescription
  }

  /// What the JSON parser says is wrong, which the decoder does not pass on.
  private static func syntaxProblem(in bytes: [UInt8]) -> String? {
    do {
      _ = try JSONSerialization.jsonObject(with: Data(bytes))
      return nil
    } catch {
      return (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
    }
  }
}

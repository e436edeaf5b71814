import FaceGuardCore
import Foundation

/// The tracks file of `--tracks-out FILE` and `--tracks FILE`: every track with its points, in
/// pixels of the upright frame, origin at the top left.
///
/// ```json
/// {"tracks":[
/// {"id":1,"frames":[
/// {"frame":12,"time":0.4,"x":310.5,"y":122.0,"w":64.3,"h":80.1,"score":0.91234}
/// ]}
/// ]}
/// ```
///
/// Written one point per line, box edges rounded outwards to 0.1 px (so a written box always
/// contains the tracked one), scores to 5 decimals and times to microseconds. A person may edit the file: delete a track, or add one with a few keyframes.
/// Each point needs `time`, `x`, `y`, `w` and `h`; `frame` may be left out and `score` defaults
/// to 1. Other keys are ignored.
public struct TracksDocument: Sendable, Equatable {
  /// The tracks, in file order.
  public var tracks: [Track]

  /// Creates a document.
  public init(tracks: [Track]) {
    self.tracks = tracks
  }

  /// Reads a tracks file, checking every number and that track ids are unique.
  ///
  /// - Throws: ``TracksDocumentError`` saying which track and point is wrong, and how.
  public init(decoding bytes: [UInt8]) throws(TracksDocumentError) {
    let file: TracksFile
    do {
      file = try JSONDecoder().decode(TracksFile.self, from: Data(bytes))
    } catch let error as DecodingError {
      throw TracksDocumentError(error, in: bytes)
    } catch {
      throw .notJSON(detail: "\(error)")
    }
    var tracks: [Track] = []
    var positions: [Int: Int] = [:]
    for (position, entry) in file.tracks.enumerated() {
      let track = try entry.track(at: position)
      if let earlier = positions[track.id] {
        throw .duplicateID(track.id, positions: earlier, position)
      }
      positions[track.id] = position
      tracks.append(track)
    }
    self.tracks = tracks
  }

  /// The document as JSON bytes, one point per line.
  public func encoded() -> [UInt8] {
    var json = "{\"tracks\":["
    for (position, track) in tracks.enumerated() {
      json += position == 0 ? "\n" : ",\n"
      json += "{\"id\":\(track.id),\"frames\":["
      for (index, point) in track.points.enumerated() {
        json += index == 0 ? "\n" : ",\n"
        json += Self.line(point)
      }
      json += "\n]}"
    }
    json += "\n]}\n"
    return Array(json.utf8)
  }

  private static func line(_ point: TrackPoint) -> String {
    func rounded(_ value: Double, _ scale: Double) -> Double {
      (value * scale).rounded() / scale
    }
    let frame = point.frame.map { "\"frame\":\($0)," } ?? ""
    let (x, w) = outwards(point.box.x, point.box.maxX)
    let (y, h) = outwards(point.box.y, point.box.maxY)
    return "{\(frame)\"time\":\(rounded(point.time, 1e6)),\"x\":\(x),\"y\":\(y),\"w\":\(w),"
      + "\"h\":\(h),\"score\":\(rounded(point.score, 1e5))}"
  }

  /// The start and length of the span from `low` to `high` with both ends rounded outwards to
  /// 0.1 px, at least 0.1 px long (a hair of tolerance keeps ends already on a tenth in place).
  private static func outwards(_ low: Double, _ high: Double) -> (start: Double, length: Double) {
    let start = (low * 10 + 1e-6).rounded(.down)
    let end = max((high * 10 - 1e-6).rounded(.up), start + 1)
    return (start / 10, (end - start) / 10)
  }
}

/// The file's JSON shape, as read. Whole numbers are read as numbers and checked here, so a
/// wrong one is reported in place (the JSON decoder only says the file is not valid).
private struct TracksFile: Decodable {
  struct Entry: Decodable {
    var id: Double
    var frames: [Point]

    /// The track, checked; `position` is the entry's place in `tracks`.
    func track(at position: Int) throws(TracksDocumentError) -> Track {
      let place = "tracks[\(position)]"
      let id = try wholeNumber(id, at: place + ".id")
      var points: [TrackPoint] = []
      for (index, point) in frames.enumerated() {
        let frame = try point.frame.map { value throws(TracksDocumentError) in
          try wholeNumber(value, at: place + ".frames[\(index)].frame")
        }
        let box = Rect(x: point.x, y: point.y, width: point.w, height: point.h)
        points.append(TrackPoint(frame: frame, time: point.time, box: box, score: point.score ?? 1))
      }
      do {
        return try Track(id: id, points: points)
      } catch {
        throw .invalidTrack(error)
      }
    }
  }

  struct Point: Decodable {
    var frame: Double?
    var time: Double
    var x: Double
    var y: Double
    var w: Double
    var h: Double
    var score: Double?
  }

  var tracks: [Entry]
}

/// `value` as an `Int` when it is a whole number that fits one.
private func wholeNumber(_ value: Double, at place: String) throws(TracksDocumentError) -> Int {
  guard value.rounded() == value, let whole = Int(exactly: value) else {
    throw .malformed(place: place, problem: "must be a whole number, got \(value)")
  }
  return whole
}

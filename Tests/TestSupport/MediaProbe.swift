import Foundation

/// What Debian's `ffprobe` reads from a media file, for tests to compare inputs and outputs with a
/// tool that is not FaceGuard's own code.
public struct MediaProbe {
  /// Every stream's properties (`codec_type`, `codec_name`, `tags`, `side_data_list`, ...).
  public let streams: [[String: Any]]
  /// The container's properties (`format_name`, `duration`, `tags`, ...).
  public let format: [String: Any]
  /// The chapters (`start_time`, `end_time`, `tags`).
  public let chapters: [[String: Any]]

  /// Probes `url`.
  public init(_ url: URL) throws {
    let json = try Self.run([
      "-show_streams", "-show_format", "-show_chapters", "-of", "json", url.path,
    ])
    streams = json["streams"] as? [[String: Any]] ?? []
    format = json["format"] as? [String: Any] ?? [:]
    chapters = json["chapters"] as? [[String: Any]] ?? []
  }

  /// The media types of the streams in order (`video`, `audio`, ...).
  public var streamTypes: [String] { streams.map { $0["codec_type"] as? String ?? "" } }

  /// The container's tags.
  public var formatTags: [String: String] { format["tags"] as? [String: String] ?? [:] }

  /// The rotation of the first video stream's display matrix, 0 when it has none.
  public var videoRotation: Int {
    let video = streams.first { $0["codec_type"] as? String == "video" }
    let sides = video?["side_data_list"] as? [[String: Any]] ?? []
    return sides.compactMap { $0["rotation"] as? Int }.first ?? 0
  }

  /// The presentation timestamps (in seconds, as ffprobe prints them) of every frame of stream
  /// `index`.
  public static func frameTimes(_ url: URL, stream index: Int) throws -> [String] {
    let json = try run([
      "-select_streams", "\(index)", "-show_entries", "frame=pts_time", "-of", "json", url.path,
    ])
    return (json["frames"] as? [[String: Any]] ?? []).compactMap { $0["pts_time"] as? String }
  }

  /// The MD5 of every packet of stream `index`, in file order.
  public static func packetHashes(_ url: URL, stream index: Int) throws -> [String] {
    let json = try run([
      "-select_streams", "\(index)", "-show_packets", "-show_data_hash", "MD5",
      "-show_entries", "packet=data_hash,pts", "-of", "json", url.path,
    ])
    return (json["packets"] as? [[String: Any]] ?? []).compactMap {
      guard let hash = $0["data_hash"] as? String else { return nil }
      return "\($0["pts"] ?? "-") \(hash)"
    }
  }

  private static func run(_ arguments: [String]) throws -> [String: Any] {
    let data = try FFmpegTool.ffprobe(arguments)
    guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw FFmpegTool.Failure(message: "ffprobe: no JSON for \(arguments.last ?? "")")
    }
    return json
  }
}

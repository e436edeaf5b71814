import FaceGuardCore
import Foundation
import VideoCodecs

/// Every frame of the video at `url`, decoded and turned upright as the video is shown.
func uprightFrames(of url: URL) throws -> [Image] {
  var frames: [Image] = []
  try VideoFrameReader(path: url.path, limits: VideoLimits()).forEachFrame {
    frames.append(try $0.uprightImage())
  }
  return frames
}

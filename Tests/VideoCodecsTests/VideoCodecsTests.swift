import FaceGuardCore
import Foundation
import TestSupport
import Testing

@testable import VideoCodecs

/// Paints one fixed rectangle of every stored frame white.
struct WhiteBox: FrameRedactor {
  var area = PixelRect(x: 16, y: 8, width: 24, height: 20)

  func changedAreas(frame index: Int, time: Double) -> [PixelRect] { [area] }

  var markedArea: PixelRect { .empty }

  func redact(_ image: inout Image, frame index: Int, time: Double) {
    for y in area.y..<area.maxY {
      for x in area.x..<area.maxX {
        let offset = (y * image.width + x) * 3
        image.pixels.replaceSubrange(offset..<offset + 3, with: [255, 255, 255])
      }
    }
  }
}

/// Test frames: smooth gradients that move from frame to frame, `width` x `height`.
func gradientFrames(count: Int, width: Int = 96, height: Int = 64) -> [Image] {
  (0..<count).map { index in
    var image = Image(width: width, height: height, layout: .rgb)
    for y in 0..<height {
      for x in 0..<width {
        let offset = (y * width + x) * 3
        image.pixels[offset] = UInt8((x * 2 + index * 3) % 256)
        image.pixels[offset + 1] = UInt8((y * 3) % 256)
        image.pixels[offset + 2] = 90
      }
    }
    return image
  }
}

/// Mean absolute difference of two same-sized images over `area` (or outside it).
func difference(_ a: Image, _ b: Image, inside area: PixelRect, outside: Bool = false) -> Double {
  var total = 0
  var count = 0
  for y in 0..<a.height {
    for x in 0..<a.width {
      let isInside = x >= area.x && x < area.maxX && y >= area.y && y < area.maxY
      guard isInside != outside else { continue }
      for channel in 0..<3 {
        let offset = (y * a.width + x) * 3 + channel
        total += abs(Int(a.pixels[offset]) - Int(b.pixels[offset]))
        count += 1
      }
    }
  }
  return Double(total) / Double(max(count, 1))
}

/// Every frame of a video, stored orientation, RGB.
func decodedFrames(_ url: URL) throws -> [(time: Double, image: Image)] {
  var frames: [(Double, Image)] = []
  try VideoFrameReader(path: url.path, limits: VideoLimits()).forEachFrame { frame in
    frames.append((frame.time, try frame.uprightImage()))
  }
  return frames
}

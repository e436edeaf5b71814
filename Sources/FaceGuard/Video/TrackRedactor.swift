import FaceGuardCore
import FaceRedaction
import FaceTracking
import VideoCodecs
import Watermarking

/// Hides, in each frame of a video being rendered, every region the mask plan gives for the
/// frame's time, mapped from the upright picture to the stored frame, and stamps the watermark
/// upright in its corner of the picture as shown.
struct TrackRedactor: FrameRedactor {
  /// The regions to hide at each time, in pixels of the upright frame.
  let plan: MaskPlan
  /// How the regions are hidden.
  let redactor: Redactor
  /// How stored frames are turned to be shown.
  let orientation: Orientation
  /// Width of the stored frames.
  let width: Int
  /// Height of the stored frames.
  let height: Int
  /// The mark stamped on every frame, if any.
  let watermark: Watermark?

  /// The regions of the frame shown at `time`, in stored pixels.
  private func storedRegions(at time: Double) -> [Rect] {
    plan.regions(at: time).map {
      orientation.storedRect(ofUpright: $0, storedWidth: width, storedHeight: height)
    }
  }

  func changedAreas(frame index: Int, time: Double) -> [PixelRect] {
    redactor.changedAreas(for: storedRegions(at: time), width: width, height: height)
  }

  var markedArea: PixelRect {
    watermark?.changedArea(width: width, height: height, shownAs: orientation) ?? .empty
  }

  func redact(_ image: inout Image, frame index: Int, time: Double) {
    redactor.redact(&image, regions: storedRegions(at: time))
    watermark?.draw(on: &image, shownAs: orientation)
  }
}

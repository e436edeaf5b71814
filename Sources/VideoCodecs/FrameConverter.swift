import CFFmpeg
import FaceGuardCore

/// Converts video frames to 8-bit RGB images and back with libswscale, with the frames' own
/// colour matrix and range, so a redacted area written back matches the pixels around it.
final class FrameConverter {
  private var toRGB: OpaquePointer?
  private var fromRGB: OpaquePointer?
  private var scratch: Frame?

  deinit {
    sws_freeContext(toRGB)
    sws_freeContext(fromRGB)
  }

  /// The pixels of `frame` as an RGB image of the same size.
  func image(of frame: UnsafeMutablePointer<AVFrame>) throws(VideoError) -> Image {
    let width = Int(frame.pointee.width)
    let height = Int(frame.pointee.height)
    toRGB = sws_getCachedContext(
      toRGB, frame.pointee.width, frame.pointee.height, AVPixelFormat(frame.pointee.format),
      frame.pointee.width, frame.pointee.height, AV_PIX_FMT_RGB24, SWS_BILINEAR, nil, nil, nil)
    guard let toRGB else { throw .damaged(detail: "frames of an unknown pixel format") }
    Self.setColour(toRGB, of: frame, videoToRGB: true)
    var pixels = [UInt8](repeating: 0, count: width * height * 3)
    pixels.withUnsafeMutableBufferPointer { buffer in
      let planes: [UnsafeMutablePointer<UInt8>?] = [buffer.baseAddress, nil, nil, nil]
      let strides: [Int32] = [Int32(width * 3), 0, 0, 0]
      _ = sws_scale(
        toRGB, frame.pointee.sourcePlanes, frame.pointee.strides, 0, frame.pointee.height, planes,
        strides)
    }
    return Image(width: width, height: height, layout: .rgb, pixels: pixels)
  }

  /// Writes the pixels of `areas` of `image` (the same size as `frame`) into `frame`, converted to
  /// its pixel format; every other pixel of `frame` stays as it was. Areas are widened to whole
  /// chroma samples.
  func write(
    _ areas: [PixelRect], of image: Image, into frame: UnsafeMutablePointer<AVFrame>
  ) throws(VideoError) {
    guard !areas.isEmpty else { return }
    let format = AVPixelFormat(frame.pointee.format)
    guard let descriptor = av_pix_fmt_desc_get(format) else {
      throw .writeFailed(detail: "frames of an unknown pixel format")
    }
    let converted = try convertedFrame(image, like: frame)
    try FFmpegResult.check(av_frame_make_writable(frame)) { .writeFailed(detail: $0) }
    let layouts = Self.planeLayouts(descriptor.pointee)
    let shiftX = Int(descriptor.pointee.log2_chroma_w)
    let shiftY = Int(descriptor.pointee.log2_chroma_h)
    let targets = frame.pointee.planes
    let sources = converted.pointer.pointee.planes
    let targetStrides = frame.pointee.strides
    let sourceStrides = converted.pointer.pointee.strides
    for area in areas where !area.isEmpty {
      let left = Self.roundedDown(area.x, shift: shiftX)
      let top = Self.roundedDown(area.y, shift: shiftY)
      let right = min(Self.roundedUp(area.maxX, shift: shiftX), image.width)
      let bottom = min(Self.roundedUp(area.maxY, shift: shiftY), image.height)
      for (plane, layout) in layouts.enumerated() {
        guard let target = targets[plane], let source = sources[plane] else { continue }
        let x0 = layout.isSubsampled ? left >> shiftX : left
        let x1 = layout.isSubsampled ? Self.roundedUp(right, shift: shiftX) >> shiftX : right
        let y0 = layout.isSubsampled ? top >> shiftY : top
        let y1 = layout.isSubsampled ? Self.roundedUp(bottom, shift: shiftY) >> shiftY : bottom
        for row in y0..<y1 {
          (target + row * Int(targetStrides[plane]) + x0 * layout.step).update(
            from: source + row * Int(sourceStrides[plane]) + x0 * layout.step,
            count: (x1 - x0) * layout.step)
        }
      }
    }
  }

  /// `value` rounded down to a multiple of `1 << shift`.
  private static func roundedDown(_ value: Int, shift: Int) -> Int { (value >> shift) << shift }

  /// `value` rounded up to a multiple of `1 << shift`.
  private static func roundedUp(_ value: Int, shift: Int) -> Int {
    ((value + (1 << shift) - 1) >> shift) << shift
  }

  /// How one plane of a pixel format is laid out.
  private struct PlaneLayout {
    /// Bytes from one pixel to the next in the plane.
    var step: Int
    /// Whether the plane holds only chroma, at the format's reduced resolution.
    var isSubsampled: Bool
  }

  /// The layout of every plane of a pixel format.
  private static func planeLayouts(_ descriptor: AVPixFmtDescriptor) -> [PlaneLayout] {
    let components = withUnsafeBytes(of: descriptor.comp) {
      Array($0.bindMemory(to: AVComponentDescriptor.self).prefix(Int(descriptor.nb_components)))
    }
    let planeCount = (components.map { Int($0.plane) }.max() ?? 0) + 1
    return (0..<planeCount).map { plane in
      let held = components.indices.filter { Int(components[$0].plane) == plane }
      return PlaneLayout(
        step: Int(components[held.first ?? 0].step),
        isSubsampled: !held.contains(0) && held.contains { $0 == 1 || $0 == 2 })
    }
  }

  /// `image` converted into a reused frame of `frame`'s size and pixel format.
  private func convertedFrame(_ image: Image, like frame: UnsafeMutablePointer<AVFrame>)
    throws(VideoError) -> Frame
  {
    let format = AVPixelFormat(frame.pointee.format)
    if scratch == nil || scratch!.pointer.pointee.width != frame.pointee.width
      || scratch!.pointer.pointee.height != frame.pointee.height
      || scratch!.pointer.pointee.format != frame.pointee.format
    {
      scratch = try Frame(
        width: Int(frame.pointee.width), height: Int(frame.pointee.height), format: format)
    }
    let target = scratch!
    fromRGB = sws_getCachedContext(
      fromRGB, Int32(image.width), Int32(image.height), AV_PIX_FMT_RGB24, frame.pointee.width,
      frame.pointee.height, format, SWS_BILINEAR, nil, nil, nil)
    guard let fromRGB else { throw .writeFailed(detail: "frames of an unknown pixel format") }
    Self.setColour(fromRGB, of: frame, videoToRGB: false)
    image.pixels.withUnsafeBufferPointer { buffer in
      let planes: [UnsafePointer<UInt8>?] = [buffer.baseAddress, nil, nil, nil]
      let strides: [Int32] = [Int32(image.rowLength), 0, 0, 0]
      _ = sws_scale(
        fromRGB, planes, strides, 0, Int32(image.height), target.pointer.pointee.planes,
        target.pointer.pointee.strides)
    }
    return target
  }

  /// Tells `context` the colour matrix and range of `frame` on its video side.
  private static func setColour(
    _ context: OpaquePointer, of frame: UnsafePointer<AVFrame>, videoToRGB: Bool
  ) {
    let space = frame.pointee.colorspace
    let matrix = sws_getCoefficients(
      space == AVCOL_SPC_UNSPECIFIED
        ? (frame.pointee.height >= 720 ? SWS_CS_ITU709 : SWS_CS_DEFAULT) : Int32(space.rawValue))
    let videoFullRange: Int32 = frame.pointee.color_range == AVCOL_RANGE_JPEG ? 1 : 0
    let rgbMatrix = sws_getCoefficients(SWS_CS_DEFAULT)
    if videoToRGB {
      sws_setColorspaceDetails(context, matrix, videoFullRange, rgbMatrix, 1, 0, 1 << 16, 1 << 16)
    } else {
      sws_setColorspaceDetails(context, rgbMatrix, 1, matrix, videoFullRange, 0, 1 << 16, 1 << 16)
    }
  }
}

extension AVFrame {
  /// The sample planes (as many as FFmpeg keeps, unused ones `nil`).
  var planes: [UnsafeMutablePointer<UInt8>?] {
    withUnsafeBytes(of: data) { Array($0.bindMemory(to: UnsafeMutablePointer<UInt8>?.self)) }
  }

  /// The sample planes, for reading.
  var sourcePlanes: [UnsafePointer<UInt8>?] { planes.map { $0.map { UnsafePointer($0) } } }

  /// The bytes from one row to the next of each plane.
  var strides: [Int32] {
    withUnsafeBytes(of: linesize) { Array($0.bindMemory(to: Int32.self)) }
  }
}

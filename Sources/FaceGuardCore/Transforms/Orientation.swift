/// How the stored pixels of a photo relate to the way it should be shown: the EXIF Orientation
/// tag (0x0112), values 1 through 8.
///
/// Each case names where the top of the stored image ends up, so `apply(to:)` turns stored pixels
/// into upright ones.
public enum Orientation: Int, Sendable, CaseIterable {
  /// 1, "top-left": stored upright.
  case up = 1
  /// 2, "top-right": stored mirrored left to right.
  case upMirrored
  /// 3, "bottom-right": stored turned by 180°.
  case down
  /// 4, "bottom-left": stored mirrored top to bottom.
  case downMirrored
  /// 5, "left-top": stored transposed; the first stored row is the left column of the upright
  /// image and the first stored column is its top row.
  case leftMirrored
  /// 6, "right-top": stored turned 90° counterclockwise; showing it upright takes a 90° clockwise
  /// turn.
  case right
  /// 7, "right-bottom": stored transversed; the first stored row is the right column of the
  /// upright image and the first stored column is its bottom row.
  case rightMirrored
  /// 8, "left-bottom": stored turned 90° clockwise; showing it upright takes a 90° counterclockwise
  /// turn.
  case left

  /// Whether the upright image has width and height swapped relative to the stored one.
  public var swapsDimensions: Bool { rawValue >= 5 }

  /// The orientation whose `apply(to:)` undoes this one's: every case is its own inverse except
  /// `.right` and `.left`, which undo each other.
  public var inverse: Orientation {
    switch self {
    case .right: .left
    case .left: .right
    default: self
    }
  }

  /// The upright pixels of an image stored with this orientation.
  public func apply(to image: Image) -> Image {
    if self == .up { return image }
    let width = swapsDimensions ? image.height : image.width
    let height = swapsDimensions ? image.width : image.height
    let walk = sourceWalk(width: image.width, height: image.height)
    let pixels = [UInt8](unsafeUninitializedCapacity: image.pixels.count) { output, count in
      image.pixels.withUnsafeBytes { input in
        guard let source = input.baseAddress, let target = output.baseAddress else { return }
        let destination = UnsafeMutableRawPointer(target)
        switch image.layout {
        case .rgb:
          OrientedCopy<RGBPixel>(walk: walk, width: width, height: height)
            .run(from: source, to: destination)
        case .rgba:
          OrientedCopy<RGBAPixel>(walk: walk, width: width, height: height)
            .run(from: source, to: destination)
        }
      }
      count = image.pixels.count
    }
    return Image(width: width, height: height, layout: image.layout, pixels: pixels)
  }

  /// Where the upright pixel (x, y) comes from in a stored image of `width` x `height`, as source
  /// pixel index `origin + x * xStep + y * yStep`.
  private func sourceWalk(width: Int, height: Int) -> SourceWalk {
    switch self {
    case .up: SourceWalk(origin: 0, xStep: 1, yStep: width)
    case .upMirrored: SourceWalk(origin: width - 1, xStep: -1, yStep: width)
    case .down: SourceWalk(origin: width * height - 1, xStep: -1, yStep: -width)
    case .downMirrored: SourceWalk(origin: (height - 1) * width, xStep: 1, yStep: -width)
    case .leftMirrored: SourceWalk(origin: 0, xStep: width, yStep: 1)
    case .right: SourceWalk(origin: (height - 1) * width, xStep: -width, yStep: 1)
    case .rightMirrored: SourceWalk(origin: width * height - 1, xStep: -width, yStep: -1)
    case .left: SourceWalk(origin: width - 1, xStep: width, yStep: -1)
    }
  }
}

/// An affine path through the source pixels: upright pixel (x, y) reads source pixel
/// `origin + x * xStep + y * yStep`.
private struct SourceWalk {
  var origin: Int
  var xStep: Int
  var yStep: Int
}

/// One pixel's worth of bytes, copied between raw buffers.
private protocol PixelCopying {
  /// Bytes per pixel.
  static var size: Int { get }
  /// Copies the pixel at `source + sourceOffset` to `target + targetOffset` (offsets in bytes).
  static func copy(
    from source: UnsafeRawPointer, at sourceOffset: Int, to target: UnsafeMutableRawPointer,
    at targetOffset: Int)
}

/// A three-byte RGB pixel.
private enum RGBPixel: PixelCopying {
  static var size: Int { 3 }

  @inline(__always)
  static func copy(
    from source: UnsafeRawPointer, at sourceOffset: Int, to target: UnsafeMutableRawPointer,
    at targetOffset: Int
  ) {
    let pair = source.loadUnaligned(fromByteOffset: sourceOffset, as: UInt16.self)
    let last = source.load(fromByteOffset: sourceOffset + 2, as: UInt8.self)
    target.storeBytes(of: pair, toByteOffset: targetOffset, as: UInt16.self)
    target.storeBytes(of: last, toByteOffset: targetOffset + 2, as: UInt8.self)
  }
}

/// A four-byte RGBA pixel.
private enum RGBAPixel: PixelCopying {
  static var size: Int { 4 }

  @inline(__always)
  static func copy(
    from source: UnsafeRawPointer, at sourceOffset: Int, to target: UnsafeMutableRawPointer,
    at targetOffset: Int
  ) {
    let value = source.loadUnaligned(fromByteOffset: sourceOffset, as: UInt32.self)
    target.storeBytes(of: value, toByteOffset: targetOffset, as: UInt32.self)
  }
}

/// Fills an upright image from a stored one along a `SourceWalk`, in square tiles so that the
/// transposing orientations stay cache friendly.
private struct OrientedCopy<Pixel: PixelCopying> {
  /// The source path.
  var walk: SourceWalk
  /// Upright width in pixels.
  var width: Int
  /// Upright height in pixels.
  var height: Int

  /// Tile edge in pixels.
  private static var tile: Int { 64 }

  /// Writes all `width * height` upright pixels to `target`, reading them from `source`.
  func run(from source: UnsafeRawPointer, to target: UnsafeMutableRawPointer) {
    let size = Pixel.size
    let xStep = walk.xStep * size
    var tileTop = 0
    while tileTop < height {
      let tileBottom = min(tileTop + Self.tile, height)
      var tileLeft = 0
      while tileLeft < width {
        let tileRight = min(tileLeft + Self.tile, width)
        for y in tileTop..<tileBottom {
          var sourceOffset = (walk.origin + tileLeft * walk.xStep + y * walk.yStep) * size
          var targetOffset = (y * width + tileLeft) * size
          for _ in tileLeft..<tileRight {
            Pixel.copy(from: source, at: sourceOffset, to: target, at: targetOffset)
            sourceOffset += xStep
            targetOffset += size
          }
        }
        tileLeft = tileRight
      }
      tileTop = tileBottom
    }
  }
}

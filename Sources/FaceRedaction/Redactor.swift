import FaceGuardCore

/// Hides faces in an image so they cannot be recognised, changing nothing outside their masks.
///
/// Each face box is scaled by `RedactionOptions.maskScale` about its centre and shaped as an
/// ellipse or a box; the unscaled face box is always covered completely. Every effect is computed
/// from the original pixels, so overlapping faces never reveal one another whatever their order,
/// and the work for a face touches only the pixels around it. Only red, green and blue change; the
/// alpha samples of an RGBA image keep their values.
public struct Redactor: Sendable {
  /// The settings used for every face.
  public var options: RedactionOptions

  /// Creates a redactor with the given settings.
  public init(options: RedactionOptions = RedactionOptions()) {
    self.options = options
  }

  /// Hides every face box of `regions` (pixels of `image`) in place. Boxes are clipped to the
  /// image; empty, non-finite and fully outside boxes are ignored. An image whose sample count
  /// does not match its size is left unchanged.
  public func redact(_ image: inout Image, regions: [Rect]) {
    let width = image.width
    let height = image.height
    let channels = image.channels
    let rowStride = image.rowLength
    guard width > 0, height > 0, image.pixels.count == rowStride * height else { return }
    let plans = regions.compactMap {
      RegionPlan(face: $0, options: options, width: width, height: height)
    }
    guard !plans.isEmpty else { return }
    let needsOriginal = Self.plansReadingRedactedPixels(plans)
    let snapshotBounds = zip(plans, needsOriginal).reduce(PixelRect.empty) {
      $1.1 ? $0.union($1.0.readBounds) : $0
    }
    let snapshot = Self.copy(snapshotBounds, of: image)
    let drawBoxes = options.drawBoxes
    image.pixels.withUnsafeMutableBufferPointer { buffer in
      guard let pixels = buffer.baseAddress else { return }
      snapshot.withUnsafeBufferPointer { copied in
        let live = PixelSource(
          base: UnsafePointer(pixels), originX: 0, originY: 0, rowStride: rowStride,
          channels: channels)
        let original = copied.baseAddress.map {
          PixelSource(
            base: $0, originX: snapshotBounds.x, originY: snapshotBounds.y,
            rowStride: snapshotBounds.width * channels, channels: channels)
        }
        let compositor = MaskCompositor(pixels: pixels, rowStride: rowStride, channels: channels)
        let workspace = PatchWorkspace()
        for (plan, readsOriginal) in zip(plans, needsOriginal) {
          Self.apply(
            plan, source: readsOriginal ? (original ?? live) : live, compositor: compositor,
            workspace: workspace, width: width, height: height)
        }
        if drawBoxes {
          let outline = RegionOutline(
            pixels: pixels, rowStride: rowStride, channels: channels, width: width, height: height)
          let thickness = RegionOutline.thickness(width: width, height: height)
          for plan in plans { outline.draw(around: plan.mask, thickness: thickness) }
        }
      }
    }
  }

  /// The pixels `redact(_:regions:)` may change in a `width` x `height` image: each region's mask
  /// bounds, and the outline around it when boxes are drawn. Lets a caller that keeps the image
  /// in another form (a video frame) write back only these pixels.
  public func changedAreas(for regions: [Rect], width: Int, height: Int) -> [PixelRect] {
    let thickness = options.drawBoxes ? RegionOutline.thickness(width: width, height: height) : -1
    return regions.compactMap {
      RegionPlan(face: $0, options: options, width: width, height: height)?.mask.bounds
        .expanded(by: thickness + 1, width: width, height: height)
    }
  }

  /// Returns a copy of `image` with every face box of `regions` hidden, as `redact(_:regions:)`.
  public func redacted(_ image: Image, regions: [Rect]) -> Image {
    var copy = image
    redact(&copy, regions: regions)
    return copy
  }

  /// Computes the effect of `plan` from `source` and blends it into the image.
  private static func apply(
    _ plan: RegionPlan, source: PixelSource, compositor: MaskCompositor,
    workspace: PatchWorkspace, width: Int, height: Int
  ) {
    switch plan.effect {
    case .blur(let radius):
      let patch = BoxBlur.blur(
        plan.mask.bounds, radius: radius, source: source, width: width, height: height,
        workspace: workspace)
      compositor.blend(patch, through: plan.mask)
    case .mosaic(let mosaic):
      let patch = mosaic.render(
        plan.mask.bounds, source: source, width: width, height: height, workspace: workspace)
      compositor.blend(patch, through: plan.mask)
    case .fill(let color):
      compositor.fill(color, through: plan.mask)
    }
  }

  /// For each plan, whether an earlier plan writes pixels it reads, so it must read a copy of the
  /// original pixels instead of the image being redacted.
  private static func plansReadingRedactedPixels(_ plans: [RegionPlan]) -> [Bool] {
    plans.indices.map { index in
      let reads = plans[index].readBounds
      return plans[..<index].contains { $0.mask.bounds.intersects(reads) }
    }
  }

  /// The samples of `area` of `image`, rows `area.width * channels` apart; empty for an empty area.
  private static func copy(_ area: PixelRect, of image: Image) -> [UInt8] {
    guard !area.isEmpty else { return [] }
    let rowLength = area.width * image.channels
    var copied = [UInt8]()
    copied.reserveCapacity(rowLength * area.height)
    for y in area.y..<area.maxY {
      let start = y * image.rowLength + area.x * image.channels
      copied.append(contentsOf: image.pixels[start..<(start + rowLength)])
    }
    return copied
  }
}

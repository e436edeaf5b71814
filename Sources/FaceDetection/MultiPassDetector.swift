import FaceGuardCore

/// Finds faces of every size by running a detector over a ``DetectionPlan``: the whole image
/// shrunk for large faces, overlapping tiles at the resolution small faces need, optionally
/// mirrored; then maps every box back to image pixels and merges the passes.
public final class MultiPassDetector: PlannedFaceDetector {
  /// The detector used for single-region passes, with all threads.
  private let whole: any FaceDetector
  /// Single-threaded detectors, one per core, that run the tiles of a pass side by side.
  private let lanes: [any FaceDetector]
  /// How hard to look.
  public let preset: DetectionPreset
  /// The smallest face height to cover, `nil` for the preset's choice.
  public let minimumFace: Double?
  /// The long side the whole-image pass is shrunk to.
  public let wholeImageSide: Int
  /// Views report faces down to this fraction of the threshold, so that a face several views
  /// agree on can reach the threshold after fusion even when each view alone is unsure.
  static let sightingThresholdFactor = 0.5

  /// Creates a multi-pass detector.
  ///
  /// - Parameters:
  ///   - whole: runs passes that have one region (typically with every thread).
  ///   - lanes: run the tiles of a pass concurrently, one lane each (typically one
  ///     single-threaded detector per core); empty to run tiles on `whole` one after another.
  ///   - preset: how hard to look.
  ///   - minimumFace: the smallest face height to cover; `nil` uses the preset's default.
  ///   - wholeImageSide: the long side the whole-image pass is shrunk to.
  public init(
    whole: any FaceDetector, lanes: [any FaceDetector] = [], preset: DetectionPreset,
    minimumFace: Double? = nil, wholeImageSide: Int = DetectionPreset.wholeImageSide
  ) {
    self.whole = whole
    self.lanes = lanes
    self.preset = preset
    self.minimumFace = minimumFace
    self.wholeImageSide = wholeImageSide
  }

  public var profile: DetectorProfile { whole.profile }

  /// The same detector (sharing its loaded models) covering faces down to `minimumFace`.
  public func covering(minimumFace: Double?) -> MultiPassDetector {
    MultiPassDetector(
      whole: whole, lanes: lanes, preset: preset, minimumFace: minimumFace,
      wholeImageSide: wholeImageSide)
  }

  /// The plan this detector follows for an image of the given size.
  public func plan(width: Int, height: Int) -> DetectionPlan {
    DetectionPlan(
      imageWidth: width, imageHeight: height, profile: whole.profile, preset: preset,
      minimumFace: minimumFace, wholeImageSide: wholeImageSide, workers: max(lanes.count, 1))
  }

  public func detect(in image: Image, threshold: Double) throws -> [Face] {
    try detect(in: image, threshold: threshold, rotation: .everyTile)
  }

  /// Finds the faces in the tiles that `rotation` gives this search (every pass of one region,
  /// a share of the others'). A face lying in tiles that did not run is neither found nor
  /// expected, so it does not lower the score of a face another view found.
  public func detect(in image: Image, threshold: Double, rotation: TileRotation) throws -> [Face] {
    try search(in: ScaledCopies(of: image), threshold: threshold, rotation: rotation).faces
  }

  /// What one search of an image found, and what it could have found.
  struct Search {
    /// The fused faces reaching the threshold, best first.
    var faces: [Face]
    /// The smallest face height (image pixels) the plan covers.
    var smallestFace: Double
    /// How many views were expected to see a face with the given box (image pixels).
    var expectedViews: (Rect) -> Int

    /// Whether the search could have found a face with the given box: the plan covers its size
    /// and a view that answers for that size ran where it lies.
    func covers(_ box: Rect) -> Bool {
      max(box.width, box.height) >= smallestFace && expectedViews(box) > 0
    }
  }

  /// Searches the tiles that `rotation` gives this search and fuses the views; `copies` holds
  /// the image, and the sizes other searches of it already resized it to.
  func search(in copies: ScaledCopies, threshold: Double, rotation: TileRotation) throws -> Search {
    let image = copies.image
    let plan = plan(width: image.width, height: image.height)
    let views = plan.mirrors ? [false, true] : [false]
    let tiles = plan.passes.enumerated().map { index, pass in
      rotation.tileIndices(of: pass, isLowest: index == plan.passes.count - 1).map {
        pass.tiles[$0]
      }
    }
    var sightings: [ViewFusion.Sighting] = []
    for (index, pass) in plan.passes.enumerated() where !tiles[index].isEmpty {
      let isLowest = index == plan.passes.count - 1
      let scaled = copies.resized(width: pass.width, height: pass.height)
      for mirrored in views {
        let view = mirrored ? scaled.mirrored() : scaled
        let regions =
          mirrored && !rotation.coversEveryTile
          ? tiles[index].map { Self.mirrored($0, width: pass.width) } : tiles[index]
        let faces = try run(
          regions, of: pass, on: view, threshold: threshold * Self.sightingThresholdFactor)
        for face in faces {
          let unmirrored = mirrored ? face.mirrored(width: Double(pass.width)) : face
          let mapped = unmirrored.scaled(by: 1 / pass.scale)
          if Self.isResponsible(pass, for: mapped, isLowest: isLowest) {
            sightings.append(.init(face: mapped, view: index * views.count + (mirrored ? 1 : 0)))
          }
        }
      }
    }
    let largestTileFace = whole.profile.largestTileFace
    let expectedViews = { (box: Rect) -> Int in
      let size = max(box.width, box.height)
      let passes = plan.passes.enumerated().filter { index, pass in
        Self.isExpected(
          pass, toSee: size, isLowest: index == plan.passes.count - 1,
          largestTileFace: largestTileFace)
          && (rotation.coversEveryTile
            || tiles[index].contains { $0.contains(Self.centre(of: box, scaledBy: pass.scale)) })
      }
      return passes.count * views.count
    }
    let fused = ViewFusion.fuse(
      sightings, iouThreshold: whole.profile.mergeThreshold, expectedViews: expectedViews)
    return Search(
      faces: fused.filter { $0.score >= threshold },
      smallestFace: plan.passes.last?.faceRange.lowerBound ?? 0, expectedViews: expectedViews)
  }

  /// `tile` of a pass `width` pixels wide, mirrored left to right: the same region of the
  /// mirrored view. (With every tile running, the tiles themselves serve the mirrored view.)
  static func mirrored(_ tile: PixelRect, width: Int) -> PixelRect {
    PixelRect(x: width - tile.x - tile.width, y: tile.y, width: tile.width, height: tile.height)
  }

  /// The centre of `box` (image pixels) in pixels of a pass at `scale`.
  static func centre(of box: Rect, scaledBy scale: Double) -> Point {
    Point(x: (box.x + box.width / 2) * scale, y: (box.y + box.height / 2) * scale)
  }

  /// Runs the given tiles of a pass and returns the faces in pixels of the scaled image, without
  /// those cut by an edge that another tile covers.
  private func run(
    _ regions: [PixelRect], of pass: DetectionPass, on image: Image, threshold: Double
  ) throws -> [Face] {
    guard regions.count > 1, lanes.count > 1 else {
      return try regions.flatMap { tile in
        try detectInTile(tile, of: image, pass: pass, detector: whole, threshold: threshold)
      }
    }
    let outcomes = ParallelWork.map(count: regions.count, workers: lanes.count) { index, lane in
      Result {
        try detectInTile(
          regions[index], of: image, pass: pass, detector: lanes[lane], threshold: threshold)
      }
    }
    return try outcomes.flatMap { try $0.get() }
  }

  private func detectInTile(
    _ tile: PixelRect, of image: Image, pass: DetectionPass, detector: any FaceDetector,
    threshold: Double
  ) throws -> [Face] {
    let faces = try detector.detect(in: image.cropped(to: tile), threshold: threshold)
    let cutEdges = (
      left: tile.x > 0, top: tile.y > 0, right: tile.x + tile.width < pass.width,
      bottom: tile.y + tile.height < pass.height
    )
    let margin = 1.0
    return faces.compactMap { face in
      let box = face.box
      if (cutEdges.left && box.x <= margin) || (cutEdges.top && box.y <= margin)
        || (cutEdges.right && box.maxX >= Double(tile.width) - margin)
        || (cutEdges.bottom && box.maxY >= Double(tile.height) - margin)
      {
        return nil
      }
      return face.offset(x: Double(tile.x), y: Double(tile.y))
    }
  }

  /// Whether a face (image pixels) falls in the band of sizes the pass answers for, with a
  /// margin so neighbouring passes overlap; the lowest pass also keeps smaller faces.
  static func isResponsible(_ pass: DetectionPass, for face: Face, isLowest: Bool) -> Bool {
    isResponsible(pass, for: max(face.box.width, face.box.height), isLowest: isLowest)
  }

  /// Whether a face of the given size (image pixels) falls in the pass's band.
  static func isResponsible(_ pass: DetectionPass, for size: Double, isLowest: Bool) -> Bool {
    let lower = isLowest ? 0 : pass.faceRange.lowerBound / 1.5
    return size >= lower && size <= pass.faceRange.upperBound * 1.5
  }

  /// Whether the pass should find a face of the given size (image pixels): the face is in its
  /// band and, when the pass is tiled, small enough that the tile overlap keeps it whole in some
  /// tile. A face a pass could not be expected to find does not lower the fused score when that
  /// pass misses it.
  static func isExpected(
    _ pass: DetectionPass, toSee size: Double, isLowest: Bool, largestTileFace: Double
  ) -> Bool {
    isResponsible(pass, for: size, isLowest: isLowest)
      && (pass.tiles.count == 1 || size * pass.scale <= largestTileFace)
  }
}

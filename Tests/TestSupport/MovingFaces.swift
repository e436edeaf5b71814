import FaceGuardCore

/// Clips composed from portraits with known face boxes: each face moves along a straight path,
/// possibly entering from outside the frame, possibly hidden behind an occluder for a few frames;
/// a scene cut can swap background and faces.
public struct MovingFaces {
  /// A portrait and where its face is.
  public struct Portrait: Sendable {
    /// The picture.
    public var image: Image
    /// The face box in it.
    public var face: Rect

    /// Creates a portrait.
    public init(image: Image, face: Rect) {
      self.image = image
      self.face = face
    }
  }

  /// One face's appearance in the clip.
  public struct Actor: Sendable {
    /// Which portrait.
    public var portrait: Int
    /// Face height in pixels.
    public var faceHeight: Double
    /// Face centre at the first frame the actor appears in.
    public var from: Point
    /// Face centre at the last frame it appears in.
    public var to: Point
    /// The frames it appears in.
    public var frames: Range<Int>
    /// Frames in which a grey bar covers it.
    public var occluded: Range<Int>

    /// Creates an actor.
    public init(
      portrait: Int, faceHeight: Double, from: Point, to: Point, frames: Range<Int>,
      occluded: Range<Int> = 0..<0
    ) {
      self.portrait = portrait
      self.faceHeight = faceHeight
      self.from = from
      self.to = to
      self.frames = frames
      self.occluded = occluded
    }
  }

  /// A rendered clip: its frames and, per frame, the visible faces' boxes.
  public struct Clip {
    /// The frames.
    public var frames: [Image]
    /// The boxes of the faces visible (in the frame and not occluded) in each frame.
    public var visibleFaces: [[Rect]]
  }

  /// The portraits.
  public var portraits: [Portrait]
  /// Frame width.
  public var width: Int
  /// Frame height.
  public var height: Int

  /// Creates a composer.
  public init(portraits: [Portrait], width: Int, height: Int) {
    self.portraits = portraits
    self.width = width
    self.height = height
  }

  /// Renders `count` frames with `actors`; a scene cut at `cut` changes the background.
  public func render(_ actors: [Actor], count: Int, cut: Int? = nil) -> Clip {
    var frames: [Image] = []
    var visible: [[Rect]] = []
    for index in 0..<count {
      let shade: UInt8 = cut.map { index >= $0 ? 60 : 150 } ?? 150
      var canvas = Image(width: width, height: height, layout: .rgb, repeating: shade)
      var faces: [Rect] = []
      for actor in actors where actor.frames.contains(index) {
        let span = Double(max(actor.frames.count - 1, 1))
        let progress = Double(index - actor.frames.lowerBound) / span
        let centre = Point(
          x: actor.from.x + (actor.to.x - actor.from.x) * progress,
          y: actor.from.y + (actor.to.y - actor.from.y) * progress)
        let box = paste(
          portraits[actor.portrait], faceHeight: actor.faceHeight, at: centre, into: &canvas)
        if actor.occluded.contains(index) {
          fill(box.scaled(by: 1.6), into: &canvas, value: 128)
        } else if let inside = clipped(box) {
          faces.append(inside)
        }
      }
      frames.append(canvas)
      visible.append(faces)
    }
    return Clip(frames: frames, visibleFaces: visible)
  }

  /// Pastes the head and shoulders of `portrait` scaled so its face is `faceHeight` tall,
  /// centred on `centre`, clipped to the canvas; returns the face box.
  private func paste(
    _ portrait: Portrait, faceHeight: Double, at centre: Point, into canvas: inout Image
  ) -> Rect {
    let scale = faceHeight / portrait.face.height
    let head = portrait.face.scaled(by: 2)
    let left = max(Int(head.x), 0)
    let top = max(Int(head.y), 0)
    let crop = PixelRect(
      left: left, top: top, right: min(Int(head.maxX), portrait.image.width),
      bottom: min(Int(head.maxY), portrait.image.height))
    let piece = portrait.image.cropped(to: crop).resized(
      width: max(Int(Double(crop.width) * scale), 1),
      height: max(Int(Double(crop.height) * scale), 1))
    let faceInPiece = Rect(
      x: (portrait.face.x - Double(crop.x)) * scale, y: (portrait.face.y - Double(crop.y)) * scale,
      width: portrait.face.width * scale, height: portrait.face.height * scale)
    let originX = Int((centre.x - faceInPiece.midX).rounded())
    let originY = Int((centre.y - faceInPiece.midY).rounded())
    for row in 0..<piece.height {
      let y = originY + row
      guard y >= 0, y < height else { continue }
      for column in 0..<piece.width {
        let x = originX + column
        guard x >= 0, x < width else { continue }
        let from = (row * piece.width + column) * piece.channels
        let to = (y * width + x) * 3
        canvas.pixels[to] = piece.pixels[from]
        canvas.pixels[to + 1] = piece.pixels[from + 1]
        canvas.pixels[to + 2] = piece.pixels[from + 2]
      }
    }
    return Rect(
      x: Double(originX) + faceInPiece.x, y: Double(originY) + faceInPiece.y,
      width: faceInPiece.width, height: faceInPiece.height)
  }

  /// `box` clipped to the frame, `nil` when less than half of it is inside.
  private func clipped(_ box: Rect) -> Rect? {
    let inside = box.intersection(Rect(x: 0, y: 0, width: Double(width), height: Double(height)))
    return inside.area >= box.area / 2 ? inside : nil
  }

  private func fill(_ box: Rect, into canvas: inout Image, value: UInt8) {
    let area = PixelRect(touching: box, width: width, height: height)
    for y in area.y..<area.maxY {
      for x in area.x..<area.maxX {
        let offset = (y * width + x) * 3
        canvas.pixels[offset] = value
        canvas.pixels[offset + 1] = value
        canvas.pixels[offset + 2] = value
      }
    }
  }

  /// The fraction of `box` whose pixels in `frame` are close to `color` (what a solid mask
  /// painted), from 0 to 1.
  public static func coverage(of box: Rect, in frame: Image, by color: [UInt8]) -> Double {
    let area = PixelRect(touching: box, width: frame.width, height: frame.height)
    guard !area.isEmpty else { return 1 }
    var covered = 0
    for y in area.y..<area.maxY {
      for x in area.x..<area.maxX {
        let offset = (y * frame.width + x) * frame.channels
        let distance = (0..<3).map { abs(Int(frame.pixels[offset + $0]) - Int(color[$0])) }.max()!
        if distance < 48 { covered += 1 }
      }
    }
    return Double(covered) / Double(area.width * area.height)
  }

  /// Every face of 20 px or more (`faces[i]`: the boxes visible in frame `i`) that its frame of
  /// `frames` leaves less than 70 % covered by `color`, described for a test failure.
  public static func leaks(of faces: [[Rect]], in frames: [Image], by color: [UInt8]) -> [String] {
    zip(faces, frames).enumerated().flatMap { index, pair in
      pair.0.filter { $0.height >= 20 }.compactMap { face in
        let coverage = coverage(of: face, in: pair.1, by: color)
        return coverage < 0.7 ? "frame \(index) face at \(face): \(coverage)" : nil
      }
    }
  }
}

import FaceGuardCore

/// Which tiles of a plan one search runs when successive video frames take turns: passes of one
/// region (the whole image) run every time; the tiles of the other passes are dealt out over
/// ``turns`` consecutive searches, so that every tile is searched once in that many frames at a
/// fraction of the cost of each, and the tiles where a face is expected (``focus``) run on every
/// search, so that a face being followed is seen as often as the frames are searched.
public struct TileRotation: Sendable, Equatable {
  /// This search's turn, from 0 to ``turns`` - 1.
  public let turn: Int
  /// How many searches share out the tiles.
  public let turns: Int
  /// Boxes (image pixels) where faces are expected: the tiles holding their centres in the
  /// passes responsible for their size run whatever the turn.
  public let focus: [Rect]

  /// Every tile on every search: what a photo gets.
  public static let everyTile = TileRotation(search: 0, turns: 1)

  /// The rotation of the `search`-th search (counted from 0) when `turns` searches share out the
  /// tiles, with the tiles where `focus` expects faces added.
  ///
  /// - Precondition: `search >= 0` and `turns >= 1`.
  public init(search: Int, turns: Int, focus: [Rect] = []) {
    precondition(search >= 0 && turns >= 1, "a rotation needs a search from 0 and a turn or more")
    self.turn = search % turns
    self.turns = turns
    self.focus = focus
  }

  /// Whether every tile runs on this search.
  public var coversEveryTile: Bool { turns == 1 }

  /// The indices of the tiles of `pass` this search runs; `isLowest` says whether the pass is
  /// the plan's last (which also answers for faces below its band).
  public func tileIndices(of pass: DetectionPass, isLowest: Bool) -> [Int] {
    let all = Array(pass.tiles.indices)
    guard pass.tiles.count > 1, !coversEveryTile else { return all }
    let centres = focus.filter {
      MultiPassDetector.isResponsible(pass, for: max($0.width, $0.height), isLowest: isLowest)
    }.map { MultiPassDetector.centre(of: $0, scaledBy: pass.scale) }
    return all.filter { index in
      index % turns == turn || centres.contains { pass.tiles[index].contains($0) }
    }
  }
}

/// Which tiles of a plan one search runs when successive video frames take turns: passes of one
/// region (the whole image) run every time, and the tiles of the other passes are dealt out over
/// ``turns`` consecutive searches, so that every tile is searched once in that many frames at a
/// fraction of the cost of each.
public struct TileRotation: Sendable, Equatable {
  /// This search's turn, from 0 to ``turns`` - 1.
  public let turn: Int
  /// How many searches share out the tiles.
  public let turns: Int

  /// Every tile on every search: what a photo gets.
  public static let everyTile = TileRotation(search: 0, turns: 1)

  /// The rotation of the `search`-th search (counted from 0) when `turns` searches share out the
  /// tiles.
  ///
  /// - Precondition: `search >= 0` and `turns >= 1`.
  public init(search: Int, turns: Int) {
    precondition(search >= 0 && turns >= 1, "a rotation needs a search from 0 and a turn or more")
    self.turn = search % turns
    self.turns = turns
  }

  /// Whether every tile runs on this search.
  public var coversEveryTile: Bool { turns == 1 }

  /// The indices of the tiles of `pass` this search runs.
  public func tileIndices(of pass: DetectionPass) -> [Int] {
    let all = Array(pass.tiles.indices)
    guard pass.tiles.count > 1 else { return all }
    return all.filter { $0 % turns == turn }
  }
}

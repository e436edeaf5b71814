/// Which of many time intervals contain a given time, in O(log n + hits) however many there are.
///
/// The intervals are sorted by start and searched as an implicit balanced binary tree (the
/// middle of each range is its root) in which every node also knows the latest end below it,
/// so whole subtrees that end too early or start too late are skipped: an augmented interval
/// tree stored in three flat arrays.
struct IntervalIndex: Sendable {
  private let starts: [Double]
  private let ends: [Double]
  private let latestEnds: [Double]
  private let items: [Int]

  /// An index of `intervals`; queries answer with positions in `intervals`.
  init(_ intervals: [(start: Double, end: Double)]) {
    let order = intervals.indices.sorted { intervals[$0].start < intervals[$1].start }
    starts = order.map { intervals[$0].start }
    ends = order.map { intervals[$0].end }
    items = order
    var latest = ends
    Self.computeLatestEnds(&latest, ends: ends, range: 0..<ends.count)
    latestEnds = latest
  }

  /// The positions of the intervals with start <= `time` <= end, in order of start.
  func items(containing time: Double) -> [Int] {
    var found: [Int] = []
    collect(containing: time, range: 0..<starts.count, into: &found)
    return found
  }

  private func collect(containing time: Double, range: Range<Int>, into found: inout [Int]) {
    guard !range.isEmpty else { return }
    let root = range.lowerBound + range.count / 2
    guard latestEnds[root] >= time else { return }
    collect(containing: time, range: range.lowerBound..<root, into: &found)
    guard starts[root] <= time else { return }
    if ends[root] >= time { found.append(items[root]) }
    collect(containing: time, range: root + 1..<range.upperBound, into: &found)
  }

  /// Fills `latest[root]` with the latest end in each subtree; returns the one of `range`.
  @discardableResult
  private static func computeLatestEnds(
    _ latest: inout [Double], ends: [Double], range: Range<Int>
  ) -> Double {
    guard !range.isEmpty else { return -.infinity }
    let root = range.lowerBound + range.count / 2
    let left = computeLatestEnds(&latest, ends: ends, range: range.lowerBound..<root)
    let right = computeLatestEnds(&latest, ends: ends, range: root + 1..<range.upperBound)
    latest[root] = max(ends[root], left, right)
    return latest[root]
  }
}

import FaceGuardCore

/// The greedy grouping of overlapping boxes that every merge of detections shares: plain and
/// weighted non-maximum suppression and the fusion of views.
enum OverlapClustering {
  /// Groups `items` by the overlap of their faces' boxes, best first.
  ///
  /// The best-scoring remaining item starts a group and takes every remaining item whose box has
  /// an intersection over union with its own above `iouThreshold`; this repeats until no item
  /// remains. Each group starts with its best item, the others follow in score order, and the
  /// groups come in the order of their best items' scores.
  static func groups<Item>(
    _ items: [Item], iouThreshold: Double, face: (Item) -> Face
  ) -> [[Item]] {
    var remaining = items.sorted { face($0).score > face($1).score }
    var groups: [[Item]] = []
    while let best = remaining.first {
      let bestBox = face(best).box
      var group = [best]
      var rest: [Item] = []
      for item in remaining.dropFirst() {
        if face(item).box.intersectionOverUnion(bestBox) > iouThreshold {
          group.append(item)
        } else {
          rest.append(item)
        }
      }
      groups.append(group)
      remaining = rest
    }
    return groups
  }
}

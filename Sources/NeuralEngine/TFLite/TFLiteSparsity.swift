/// How a sparse TFLite constant is encoded (`SparsityParameters` in the schema), and how to turn
/// it back into a dense row-major array.
///
/// The dense tensor is viewed as `rank` block-grid dimensions followed by one dimension per entry
/// of `blockMap` (the position inside a block). `traversalOrder` lists those dimensions in storage
/// order and `dimensions` describes each of them in that same order.
struct TFLiteSparsity: Equatable {
  /// The storage of one traversed dimension.
  enum Dimension: Equatable {
    /// Every position is stored; `size` positions.
    case dense(size: Int)
    /// Compressed sparse row: the positions stored under parent `p` are
    /// `indices[segments[p]..<segments[p + 1]]`.
    case sparseCSR(segments: [Int], indices: [Int])
  }

  /// Storage order of the dimensions; the first `rank` entries are a permutation of the dense
  /// dimensions, the rest are block dimensions numbered `rank + k`.
  var traversalOrder: [Int]
  /// For block dimension `k`, the dense dimension it subdivides.
  var blockMap: [Int]
  /// How each dimension is stored, in traversal order.
  var dimensions: [Dimension]

  /// The most elements a densified tensor may have (256 MB of fp32).
  static let maximumDenseCount = 1 << 26
  /// The most traversed dimensions an encoding may have; the walk recurses once per dimension.
  static let maximumLevels = 16

  /// Densifies `values` into a row-major array for a tensor of shape `shape`; positions the
  /// encoding does not mention are zero.
  func densify(_ values: [Float], shape: [Int]) throws -> [Float] {
    let layout = try Layout(sparsity: self, shape: shape)
    var dense = [Float](repeating: 0, count: layout.denseCount)
    var walk = Walk(sparsity: self, layout: layout, values: values)
    try walk.visit(level: 0, parent: 0, dense: &dense)
    guard walk.consumed == values.count else {
      throw ModelError.malformed(
        "sparse tensor stores \(values.count) values but its encoding places \(walk.consumed)")
    }
    return dense
  }

  /// The validated geometry of the traversal.
  private struct Layout {
    /// The dense shape.
    var shape: [Int]
    /// Number of positions along each traversed dimension.
    var levelSizes: [Int]
    /// For each block dimension, its size.
    var blockSizes: [Int]
    /// Number of dense elements.
    var denseCount: Int

    init(sparsity: TFLiteSparsity, shape: [Int]) throws {
      let rank = shape.count
      let levels = rank + sparsity.blockMap.count
      guard levels <= TFLiteSparsity.maximumLevels else {
        throw ModelError.unsupportedFeature("a sparse encoding with \(levels) dimensions")
      }
      let order = sparsity.traversalOrder
      guard order.count == levels, sparsity.dimensions.count == levels,
        order.prefix(rank).sorted() == Array(0..<rank),
        order.dropFirst(rank).sorted() == Array(rank..<levels),
        sparsity.blockMap.allSatisfy({ (0..<rank).contains($0) }),
        Set(sparsity.blockMap).count == sparsity.blockMap.count
      else {
        throw ModelError.malformed(
          "sparsity of a rank-\(rank) tensor has traversal order \(order), block map "
            + "\(sparsity.blockMap) and \(sparsity.dimensions.count) dimension descriptions")
      }
      blockSizes = try sparsity.blockMap.indices.map { block in
        guard let level = order.firstIndex(of: rank + block),
          case .dense(let size) = sparsity.dimensions[level]
        else { throw ModelError.unsupportedFeature("sparse storage inside a block") }
        return size
      }
      var gridShape = shape
      for (block, dimension) in sparsity.blockMap.enumerated() {
        let size = blockSizes[block]
        guard size > 0, gridShape[dimension] % size == 0 else {
          throw ModelError.malformed("block size \(size) does not divide dimension \(dimension)")
        }
        gridShape[dimension] /= size
      }
      levelSizes = order.map { $0 < rank ? gridShape[$0] : 0 }
      for (level, dimension) in order.enumerated() where dimension >= rank {
        levelSizes[level] = blockSizes[dimension - rank]
      }
      for (level, storage) in sparsity.dimensions.enumerated() {
        if case .dense(let size) = storage, size != levelSizes[level] {
          throw ModelError.malformed(
            "sparse dimension \(level) claims \(size) positions, the shape gives \(levelSizes[level])"
          )
        }
      }
      denseCount = try TFLiteConstantDecoding.elementCount(shape)
      guard denseCount <= TFLiteSparsity.maximumDenseCount else {
        throw ModelError.unsupportedFeature("a sparse tensor of \(denseCount) elements")
      }
      self.shape = shape
    }
  }

  /// A depth-first walk over the stored positions, placing values in storage order.
  private struct Walk {
    let sparsity: TFLiteSparsity
    let layout: Layout
    let values: [Float]
    /// Row-major strides of the dense shape.
    let strides: [Int]
    /// The position reached along each traversed dimension.
    var position: [Int]
    /// Scratch space for the dense coordinates of one element.
    var coordinates: [Int]
    /// How many values have been placed.
    var consumed = 0

    init(sparsity: TFLiteSparsity, layout: Layout, values: [Float]) {
      self.sparsity = sparsity
      self.layout = layout
      self.values = values
      var strides = [Int](repeating: 1, count: layout.shape.count)
      for dimension in strides.indices.reversed().dropFirst() {
        strides[dimension] = strides[dimension + 1] * layout.shape[dimension + 1]
      }
      self.strides = strides
      self.position = [Int](repeating: 0, count: layout.levelSizes.count)
      self.coordinates = [Int](repeating: 0, count: layout.shape.count)
    }

    /// Visits every stored position below `level`, whose parent node is number `parent`.
    mutating func visit(level: Int, parent: Int, dense: inout [Float]) throws {
      guard level < position.count else { return try place(into: &dense) }
      switch sparsity.dimensions[level] {
      case .dense(let size):
        for index in 0..<size {
          position[level] = index
          try visit(level: level + 1, parent: parent * size + index, dense: &dense)
        }
      case .sparseCSR(let segments, let indices):
        guard parent + 1 < segments.count else {
          throw ModelError.malformed("sparse dimension \(level) has too few segments")
        }
        let lower = segments[parent]
        let upper = segments[parent + 1]
        guard lower >= 0, lower <= upper, upper <= indices.count else {
          throw ModelError.malformed("sparse dimension \(level) has an invalid segment \(parent)")
        }
        for stored in lower..<upper {
          let index = indices[stored]
          guard (0..<layout.levelSizes[level]).contains(index) else {
            throw ModelError.malformed("sparse dimension \(level) stores position \(index)")
          }
          position[level] = index
          try visit(level: level + 1, parent: stored, dense: &dense)
        }
      }
    }

    /// Writes the next value at the dense position `position` stands for.
    private mutating func place(into dense: inout [Float]) throws {
      guard consumed < values.count else {
        throw ModelError.malformed(
          "sparse tensor encodes more positions than its \(values.count) values")
      }
      let rank = layout.shape.count
      for level in 0..<rank {
        coordinates[sparsity.traversalOrder[level]] = position[level]
      }
      for level in rank..<position.count {
        let block = sparsity.traversalOrder[level] - rank
        let dimension = sparsity.blockMap[block]
        coordinates[dimension] = coordinates[dimension] * layout.blockSizes[block] + position[level]
      }
      var offset = 0
      for dimension in 0..<rank { offset += coordinates[dimension] * strides[dimension] }
      dense[offset] = values[consumed]
      consumed += 1
    }
  }
}

extension Image {
  /// The image flipped left to right.
  public func mirrored() -> Image {
    var output = pixels
    let channels = self.channels
    pixels.withUnsafeBufferPointer { source in
      output.withUnsafeMutableBufferPointer { destination in
        for row in 0..<height {
          let start = row * rowLength
          for column in 0..<width {
            let from = start + column * channels
            let to = start + (width - 1 - column) * channels
            for channel in 0..<channels { destination[to + channel] = source[from + channel] }
          }
        }
      }
    }
    return Image(width: width, height: height, layout: layout, pixels: output)
  }
}

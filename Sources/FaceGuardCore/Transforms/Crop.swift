extension Image {
  /// The pixels inside `rect`, which must lie within the image.
  public func cropped(to rect: PixelRect) -> Image {
    precondition(
      rect.x >= 0 && rect.y >= 0 && rect.width > 0 && rect.height > 0
        && rect.x + rect.width <= width && rect.y + rect.height <= height,
      "crop \(rect) outside a \(width)x\(height) image")
    if rect == PixelRect(x: 0, y: 0, width: width, height: height) { return self }
    let rowBytes = rect.width * channels
    var output = [UInt8](repeating: 0, count: rowBytes * rect.height)
    pixels.withUnsafeBufferPointer { source in
      output.withUnsafeMutableBufferPointer { destination in
        for row in 0..<rect.height {
          let from = (rect.y + row) * rowLength + rect.x * channels
          let to = row * rowBytes
          destination.baseAddress!.advanced(by: to).update(
            from: source.baseAddress!.advanced(by: from), count: rowBytes)
        }
      }
    }
    return Image(width: rect.width, height: rect.height, layout: layout, pixels: output)
  }
}

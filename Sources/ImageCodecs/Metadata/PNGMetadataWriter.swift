/// Inserts iCCP, eXIf and iTXt (XMP) chunks after the IHDR chunk of an encoded PNG.
enum PNGMetadataWriter {
  /// Color-space chunks libpng writes that conflict with an embedded ICC profile.
  private static let colorSpaceChunks: Set<String> = ["sRGB", "gAMA", "cHRM"]

  /// `png` with `metadata` embedded. With `replacingLinearGamma`, libpng's gAMA/cHRM chunks
  /// (linear light) are replaced by an sRGB chunk, or by the ICC profile when one is given.
  static func embed(
    _ metadata: ImageMetadata, into png: [UInt8], replacingLinearGamma: Bool
  ) throws(ImageCodecError) -> [UInt8] {
    guard !metadata.isEmpty || replacingLinearGamma else { return png }
    let chunks: PNGChunks
    do {
      chunks = try PNGChunks(parsing: png)
    } catch {
      throw .encodeFailed(.png, detail: "libpng produced an unreadable file")
    }
    var inserted: [UInt8] = []
    if let icc = metadata.iccProfile {
      guard let compressed = Zlib.deflate(icc) else {
        throw .encodeFailed(.png, detail: "the ICC profile could not be compressed")
      }
      inserted += PNGChunks.serialize(
        type: "iCCP", data: Array("ICC profile".utf8) + [0, 0] + compressed)
    } else if replacingLinearGamma {
      inserted += PNGChunks.serialize(type: "sRGB", data: [0])
    }
    if let exif = metadata.exif {
      inserted += PNGChunks.serialize(type: "eXIf", data: exif)
    }
    if let xmp = metadata.xmp {
      let header = Array(PNGMetadataReader.xmpKeyword.utf8) + [0, 0, 0, 0, 0]
      inserted += PNGChunks.serialize(type: "iTXt", data: header + xmp)
    }
    let dropsColorSpace = metadata.iccProfile != nil || replacingLinearGamma
    var output = PNGChunks.signature
    for chunk in chunks.chunks {
      if dropsColorSpace && colorSpaceChunks.contains(chunk.type) { continue }
      output += png[chunk.whole]
      if chunk.type == "IHDR" { output += inserted }
    }
    return output
  }
}

/// Extracts the ICC profile (iCCP), EXIF (eXIf) and XMP (iTXt `XML:com.adobe.xmp`) of a PNG, and
/// names its other text and time chunks.
enum PNGMetadataReader {
  /// The iTXt keyword under which XMP is stored.
  static let xmpKeyword = "XML:com.adobe.xmp"
  /// The largest inflated profile or text accepted (guards against zlib bombs).
  private static let maxInflatedSize = 64 << 20

  /// The metadata in `chunks`; a malformed block is left out, as libpng itself does.
  static func read(from chunks: PNGChunks, in bytes: [UInt8]) -> ImageMetadata {
    var metadata = ImageMetadata()
    if let iccp = chunks.data(of: "iCCP", in: bytes).first {
      metadata.iccProfile = iccProfile(from: iccp)
    }
    if let exif = chunks.data(of: "eXIf", in: bytes).first, !exif.isEmpty {
      metadata.exif = Array(exif)
    }
    metadata.xmp = chunks.data(of: "iTXt", in: bytes).lazy.compactMap(xmp(from:)).first
    var names: [String] = []
    for chunk in chunks.chunks {
      if let name = otherBlockName(type: chunk.type, data: bytes[chunk.data]), !names.contains(name)
      {
        names.append(name)
      }
    }
    metadata.otherBlocks = names
    return metadata
  }

  /// The name of a text chunk (with its keyword, the field's name) other than XMP, or of the
  /// modification time; `nil` for every other chunk.
  private static func otherBlockName(type: String, data: ArraySlice<UInt8>) -> String? {
    switch type {
    case "tEXt", "zTXt", "iTXt":
      let keyword = data.prefix { $0 != 0 }
      if type == "iTXt", keyword.elementsEqual(xmpKeyword.utf8) { return nil }
      let isPlain =
        (1...79).contains(keyword.count) && keyword.allSatisfy { (0x20...0x7E).contains($0) }
      return isPlain ? "PNG text \"\(String(decoding: keyword, as: UTF8.self))\"" : "PNG text"
    case "tIME": return "PNG modification time"
    default: return nil
    }
  }

  /// The profile in iCCP data: name, NUL, compression method 0, zlib stream.
  private static func iccProfile(from data: ArraySlice<UInt8>) -> [UInt8]? {
    guard let nul = data.firstIndex(of: 0), nul + 1 < data.endIndex, data[nul + 1] == 0 else {
      return nil
    }
    return Zlib.inflate(data[(nul + 2)...], maxOutput: maxInflatedSize)
  }

  /// The text of an iTXt chunk whose keyword is the XMP keyword.
  private static func xmp(from data: ArraySlice<UInt8>) -> [UInt8]? {
    guard let keywordEnd = data.firstIndex(of: 0),
      data[..<keywordEnd].elementsEqual(xmpKeyword.utf8),
      keywordEnd + 2 < data.endIndex
    else { return nil }
    let isCompressed = data[keywordEnd + 1] != 0
    let afterMethod = keywordEnd + 3
    guard let languageEnd = data[afterMethod...].firstIndex(of: 0),
      let translatedEnd = data[(languageEnd + 1)...].firstIndex(of: 0)
    else { return nil }
    let text = data[(translatedEnd + 1)...]
    return isCompressed ? Zlib.inflate(text, maxOutput: maxInflatedSize) : Array(text)
  }
}

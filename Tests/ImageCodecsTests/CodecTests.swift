import CPNG
import CTurboJPEG
import FaceGuardCore
import Testing

@testable import ImageCodecs

@Suite("Image codecs")
struct CodecTests {
  typealias Fixtures = CodecTestFixtures

  // MARK: Format detection

  @Test("formats are recognized from magic bytes and extensions")
  func formatDetection() throws {
    #expect(ImageFormat(sniffing: [0xFF, 0xD8, 0xFF, 0xE0]) == .jpeg)
    #expect(ImageFormat(sniffing: PNGChunks.signature) == .png)
    #expect(ImageFormat(sniffing: Array("RIFF\0\0\0\0WEBPVP8 ".utf8)) == .webp)
    #expect(ImageFormat(sniffing: [0, 0, 0, 24] + Array("ftypheic\0\0\0\0mif1heic".utf8)) == .heic)
    #expect(ImageFormat(sniffing: [0, 0, 0, 24] + Array("ftypmif1\0\0\0\0mif1heic".utf8)) == .heic)
    #expect(ImageFormat(sniffing: [0, 0, 0, 20] + Array("ftypavif\0\0\0\0mif1".utf8)) == nil)
    #expect(ImageFormat(sniffing: Array("hello, world".utf8)) == nil)
    #expect(ImageFormat(sniffing: []) == nil)
    #expect(ImageFormat(fileExtension: "JPG") == .jpeg)
    #expect(ImageFormat(fileExtension: ".jpeg") == .jpeg)
    #expect(ImageFormat(fileExtension: "png") == .png)
    #expect(ImageFormat(fileExtension: "WebP") == .webp)
    #expect(ImageFormat(fileExtension: "heif") == .heic)
    #expect(ImageFormat(fileExtension: "gif") == nil)
    for format in ImageFormat.allCases {
      let encoded = format == .heic ? nil : try ImageEncoder.encode(Fixtures.gradient(), as: format)
      if let encoded { #expect(ImageFormat(sniffing: encoded) == format) }
      #expect(ImageFormat(fileExtension: format.fileExtension) == format)
    }
  }

  // MARK: Round trips

  @Test("JPEG at quality 95 round-trips with a small error")
  func jpegRoundTrip() throws {
    let image = Fixtures.gradient()
    let decoded = try ImageDecoder.decode(
      ImageEncoder.encode(image, as: .jpeg, options: EncodeOptions(quality: 95)))
    #expect(decoded.format == .jpeg)
    #expect(decoded.sourceBitDepth == 8)
    #expect(decoded.image.width == image.width && decoded.image.height == image.height)
    #expect(decoded.image.layout == .rgb)
    #expect(Fixtures.meanError(decoded.image, image) < 2)
    #expect(decoded.metadata.isEmpty)
  }

  @Test("an RGBA image written as JPEG is composited over white")
  func jpegFlattensAlpha() throws {
    var image = Image(width: 16, height: 16, layout: .rgba, repeating: 0)
    for pixel in 0..<128 { image.pixels[pixel * 4 + 3] = 255 }
    let decoded = try ImageDecoder.decode(ImageEncoder.encode(image, as: .jpeg))
    #expect(decoded.image.layout == .rgb)
    let topRow = decoded.image.pixels[0..<48]
    let bottomRow = decoded.image.pixels[(15 * 48)...]
    #expect(topRow.allSatisfy { $0 < 8 })
    #expect(bottomRow.allSatisfy { $0 > 247 })
  }

  @Test("a CMYK JPEG decodes to RGB")
  func cmykJPEG() throws {
    // Adobe-style inverted CMYK: 255 means no ink. Cyan only → (0, 255, 255).
    let samples = [UInt8]((0..<256).flatMap { _ in [0, 255, 255, 255] })
    let jpeg = try #require(
      Fixtures.turboJPEG(
        width: 16, height: 16, samples: samples, pixelFormat: TJPF_CMYK, subsampling: TJSAMP_444))
    let decoded = try ImageDecoder.decode(jpeg)
    #expect(decoded.image.layout == .rgb)
    let pixel = Array(decoded.image.pixels[0..<3])
    #expect(pixel[0] < 8 && pixel[1] > 247 && pixel[2] > 247, "got \(pixel)")
  }

  @Test("a grayscale JPEG decodes to RGB with equal channels")
  func grayJPEG() throws {
    let image = Fixtures.gradient()
    let jpeg = try #require(
      Fixtures.turboJPEG(
        width: image.width, height: image.height, samples: image.pixels, pixelFormat: TJPF_RGB,
        subsampling: TJSAMP_GRAY))
    #expect(try JPEGStructure(parsing: jpeg).components == 1)
    let decoded = try ImageDecoder.decode(jpeg)
    #expect(decoded.image.layout == .rgb)
    let pixels = decoded.image.pixels
    var coloredPixels = 0
    for index in stride(from: 0, to: pixels.count, by: 3) {
      let (red, green, blue) = (pixels[index], pixels[index + 1], pixels[index + 2])
      if red != green || red != blue { coloredPixels += 1 }
    }
    #expect(coloredPixels == 0)
  }

  @Test("interlaced PNG decodes exactly", arguments: [Image.Layout.rgb, .rgba])
  func interlacedPNG(layout: Image.Layout) throws {
    let image = Fixtures.noise(layout: layout)
    let png = try #require(Fixtures.interlacedPNG(of: image))
    #expect(try ImageDecoder.decode(png).image == image)
  }

  @Test("PNG 8-bit round-trips exactly", arguments: [Image.Layout.rgb, .rgba])
  func png8RoundTrip(layout: Image.Layout) throws {
    let image = Fixtures.noise(layout: layout)
    let decoded = try ImageDecoder.decode(ImageEncoder.encode(image, as: .png))
    #expect(decoded.format == .png)
    #expect(decoded.sourceBitDepth == 8)
    #expect(decoded.image == image)
  }

  @Test("PNG 16-bit round-trips exactly and is tagged sRGB", arguments: [Image.Layout.rgb, .rgba])
  func png16RoundTrip(layout: Image.Layout) throws {
    var image = Fixtures.noise(layout: layout)
    if layout == .rgba {
      // Opaque alpha: libpng's 16-bit writer stores colors premultiplied, so partial alpha
      // costs precision.
      for pixel in 0..<image.width * image.height { image.pixels[pixel * 4 + 3] = 255 }
    }
    let png = try ImageEncoder.encode(image, as: .png, options: EncodeOptions(bitDepth: 16))
    let chunks = try PNGChunks(parsing: png)
    #expect(chunks.bitDepth == 16)
    #expect(chunks.chunks.map(\.type).contains("sRGB"))
    #expect(!chunks.chunks.map(\.type).contains("gAMA"))
    let decoded = try ImageDecoder.decode(png)
    #expect(decoded.sourceBitDepth == 16)
    #expect(decoded.image == image)
  }

  @Test("gray PNG expands to RGB")
  func grayPNG() throws {
    let samples = (0..<40).map { UInt8($0 * 6) }
    let png = try #require(
      Fixtures.libpngFile(width: 8, height: 5, format: UInt32(PNG_FORMAT_GRAY), samples: samples))
    let decoded = try ImageDecoder.decode(png)
    #expect(decoded.image.layout == .rgb)
    #expect(decoded.image.pixels == samples.flatMap { [$0, $0, $0] })
  }

  @Test("palette PNG with transparency expands to RGBA")
  func palettePNG() throws {
    let colormap: [UInt8] = [255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0]
    let indices: [UInt8] = (0..<24).map { UInt8($0 % 3) }
    let format = PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA | PNG_FORMAT_FLAG_COLORMAP
    let png = try #require(
      Fixtures.libpngFile(
        width: 6, height: 4, format: format, samples: indices, colormap: colormap,
        colormapEntries: 3))
    let chunks = try PNGChunks(parsing: png)
    #expect(chunks.chunks.map(\.type).contains("PLTE"))
    let decoded = try ImageDecoder.decode(png)
    #expect(decoded.image.layout == .rgba)
    let expected = indices.flatMap { colormap[Int($0) * 4..<Int($0) * 4 + 4] }
    // A fully transparent entry's color is not meaningful; compare alpha there.
    for pixel in 0..<indices.count {
      let got = Array(decoded.image.pixels[pixel * 4..<pixel * 4 + 4])
      let want = Array(expected[pixel * 4..<pixel * 4 + 4])
      #expect(want[3] == 0 ? got[3] == 0 : got == want, "pixel \(pixel): \(got) vs \(want)")
    }
  }

  @Test("WebP lossless keeps RGBA exactly")
  func webpLossless() throws {
    let image = Fixtures.noise(layout: .rgba)
    let webp = try ImageEncoder.encode(image, as: .webp, options: EncodeOptions(lossless: true))
    let decoded = try ImageDecoder.decode(webp)
    #expect(decoded.format == .webp)
    #expect(decoded.image == image)
  }

  @Test("WebP lossy round-trips with a small error", arguments: [Image.Layout.rgb, .rgba])
  func webpLossy(layout: Image.Layout) throws {
    let image = Fixtures.gradient(layout: layout)
    let webp = try ImageEncoder.encode(image, as: .webp, options: EncodeOptions(quality: 90))
    let decoded = try ImageDecoder.decode(webp)
    #expect(decoded.image.layout == layout)
    #expect(Fixtures.meanError(decoded.image, image) < 4)
  }

  @Test(
    "HEIC decodes with its metadata (needs libheif's HEVC encoder to make the file)",
    .enabled(if: CodecTestFixtures.canWriteHEIC))
  func heicDecode() throws {
    let image = Fixtures.gradient(width: 64, height: 48)
    let heic = try Fixtures.heicFile(of: image, metadata: Fixtures.allMetadata)
    #expect(ImageFormat(sniffing: heic) == .heic)
    let decoded = try ImageDecoder.decode(heic)
    #expect(decoded.format == .heic)
    #expect(decoded.isDisplayOriented)
    #expect(decoded.sourceBitDepth == 8)
    #expect(decoded.image.width == 64 && decoded.image.height == 48)
    #expect(Fixtures.meanError(decoded.image, image) < 6)
    #expect(decoded.metadata == Fixtures.allMetadata)
    #expect(throws: ImageCodecError.tooLarge(width: 64, height: 48, limit: 1000)) {
      try ImageDecoder.decode(heic, limits: DecodeLimits(maxPixels: 1000))
    }
    for cut in [40, heic.count / 2, heic.count - 1] {
      #expect(throws: ImageCodecError.self) { try ImageDecoder.decode(Array(heic[..<cut])) }
    }
  }

  @Test(
    "10-bit HEIC with alpha decodes to 8-bit RGBA",
    .enabled(if: CodecTestFixtures.canWriteHEIC))
  func heic10BitAlpha() throws {
    var image = Fixtures.gradient(width: 64, height: 48, layout: .rgba)
    for pixel in 0..<image.width * image.height {
      image.pixels[pixel * 4 + 3] = pixel % 2 == 0 ? 255 : 128
    }
    let heic = try Fixtures.heicFile(of: image, bitDepth: 10, metadata: ImageMetadata())
    let decoded = try ImageDecoder.decode(heic)
    #expect(decoded.sourceBitDepth == 10)
    #expect(decoded.image.layout == .rgba)
    #expect(Fixtures.meanError(decoded.image, image) < 8)
    #expect(decoded.metadata.isEmpty)
  }

  @Test("a bare HEIC header is an error and HEIC cannot be written")
  func heicErrors() {
    let header = [0, 0, 0, 24] + Array("ftypheic\0\0\0\0mif1heic".utf8)
    #expect(throws: ImageCodecError.self) { try ImageDecoder.decode(header) }
    #expect(
      throws: ImageCodecError.unsupported("writing HEIC is not supported; choose JPEG, PNG or WebP")
    ) {
      try ImageEncoder.encode(Fixtures.gradient(), as: .heic)
    }
  }

  // MARK: Metadata

  @Test("ICC, EXIF and XMP are embedded and read back", arguments: [ImageFormat.jpeg, .png, .webp])
  func metadataRoundTrip(format: ImageFormat) throws {
    let options = EncodeOptions(metadata: Fixtures.allMetadata)
    let decoded = try ImageDecoder.decode(
      ImageEncoder.encode(Fixtures.gradient(), as: format, options: options))
    #expect(decoded.metadata == Fixtures.allMetadata)
  }

  @Test("each metadata block is embedded alone", arguments: [ImageFormat.jpeg, .png, .webp])
  func singleMetadataBlocks(format: ImageFormat) throws {
    for metadata in [
      ImageMetadata(exif: Fixtures.exif), ImageMetadata(xmp: Fixtures.xmp),
      ImageMetadata(iccProfile: Fixtures.iccProfile()),
    ] {
      let options = EncodeOptions(lossless: true, metadata: metadata)
      let decoded = try ImageDecoder.decode(
        ImageEncoder.encode(Fixtures.gradient(), as: format, options: options))
      #expect(decoded.metadata == metadata)
    }
  }

  @Test("a large ICC profile spans several JPEG APP2 chunks and is reassembled")
  func multiChunkICC() throws {
    let profile = Fixtures.iccProfile(size: 150_000)
    let jpeg = try ImageEncoder.encode(
      Fixtures.gradient(), as: .jpeg,
      options: EncodeOptions(metadata: ImageMetadata(iccProfile: profile)))
    let structure = try JPEGStructure(parsing: jpeg)
    #expect(structure.payloads(of: 0xE2, in: jpeg).count == 3)
    #expect(try ImageDecoder.decode(jpeg).metadata.iccProfile == profile)
  }

  @Test("16-bit PNG carries an ICC profile instead of the sRGB chunk")
  func png16WithICC() throws {
    let options = EncodeOptions(bitDepth: 16, metadata: Fixtures.allMetadata)
    let png = try ImageEncoder.encode(Fixtures.gradient(), as: .png, options: options)
    let types = try PNGChunks(parsing: png).chunks.map(\.type)
    #expect(types.contains("iCCP") && !types.contains("sRGB") && !types.contains("gAMA"))
    let decoded = try ImageDecoder.decode(png)
    #expect(decoded.metadata == Fixtures.allMetadata)
    #expect(decoded.image == Fixtures.gradient())
  }

  // MARK: JPEG quality

  @Test("JPEG quality is estimated from the quantization table", arguments: [50, 75, 90, 100])
  func qualityEstimate(quality: Int) throws {
    let jpeg = try ImageEncoder.encode(
      Fixtures.gradient(), as: .jpeg, options: EncodeOptions(quality: quality))
    let estimate = try #require(try ImageDecoder.decode(jpeg).estimatedJPEGQuality)
    #expect(abs(estimate - quality) <= 3)
  }

  // MARK: Errors

  @Test("empty and non-image bytes are rejected")
  func nonImages() {
    #expect(throws: ImageCodecError.empty) { try ImageDecoder.decode([]) }
    #expect(throws: ImageCodecError.unrecognizedFormat) {
      try ImageDecoder.decode(Array("This is a text file, not a photo.\n".utf8))
    }
    #expect(ImageCodecError.empty.description == "the file is empty")
  }

  @Test("truncated files fail cleanly", arguments: [ImageFormat.jpeg, .png, .webp])
  func truncatedFiles(format: ImageFormat) throws {
    let full = try ImageEncoder.encode(
      Fixtures.gradient(), as: format, options: EncodeOptions(metadata: Fixtures.allMetadata))
    let complete = try ImageDecoder.decode(full).image
    for cut in [3, 12, 30, 100, full.count / 2, full.count - 1] {
      let partial = Array(full[..<cut])
      do {
        let decoded = try ImageDecoder.decode(partial)
        // WebP may only decode when every pixel is there; JPEG and PNG must reach their end.
        #expect(format == .webp, "\(format) cut at \(cut) of \(full.count) decoded")
        #expect(decoded.image.width == complete.width && decoded.image.height == complete.height)
        if format == .webp {
          #expect(decoded.image == complete, "WebP cut at \(cut) of \(full.count) decoded")
        }
      } catch {
        #expect(!error.description.isEmpty)
      }
    }
  }

  @Test(
    "files with corrupted bytes decode or throw, never crash",
    arguments: [ImageFormat.jpeg, .png, .webp])
  func corruptedBytes(format: ImageFormat) throws {
    let options = EncodeOptions(quality: 80, metadata: Fixtures.allMetadata)
    let original = try ImageEncoder.encode(Fixtures.gradient(), as: format, options: options)
    var state: UInt64 = 42
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    var failures = 0
    for _ in 0..<300 {
      var damaged = original
      for _ in 0..<1 + next(4) {
        damaged[8 + next(damaged.count - 8)] = UInt8(next(256))
      }
      do {
        let decoded = try ImageDecoder.decode(damaged, limits: DecodeLimits(maxPixels: 100_000))
        #expect(
          decoded.image.pixels.count == decoded.image.width * decoded.image.height
            * decoded.image.channels)
      } catch {
        failures += 1
      }
    }
    // Damage must be noticed at least sometimes (CRCs in PNG, structure in all formats).
    #expect(failures > 0)
  }

  @Test("a header claiming 100000x100000 pixels is refused before decoding")
  func decompressionBombs() {
    #expect(throws: ImageCodecError.tooLarge(width: 100_000, height: 100_000, limit: 100_000_000)) {
      try ImageDecoder.decode(Fixtures.pngHeader(width: 100_000, height: 100_000))
    }
    // VP8L (lossless WebP) header: 14-bit width-1 and height-1, the largest WebP allows.
    let vp8l: [UInt8] = [0x2F, 0xFE, 0xBF, 0xFF, 0x0F, 0x00]
    let webp = Array("RIFF".utf8) + [18, 0, 0, 0] + Array("WEBPVP8L".utf8) + [6, 0, 0, 0] + vp8l
    #expect(throws: ImageCodecError.tooLarge(width: 16383, height: 16383, limit: 100_000_000)) {
      try ImageDecoder.decode(webp)
    }
    // JPEG dimensions are 16-bit, so 65000x65000 is the largest a JPEG header can claim.
    #expect(throws: ImageCodecError.tooLarge(width: 65000, height: 65000, limit: 100_000_000)) {
      try ImageDecoder.decode(Fixtures.jpegHeader(width: 65000, height: 65000))
    }
  }

  @Test("header dimensions are read without decoding, whatever size they claim")
  func headerDimensions() throws {
    let image = Fixtures.gradient(width: 64, height: 48)
    for format in [ImageFormat.jpeg, .png, .webp] {
      let file = try ImageEncoder.encode(image, as: format)
      #expect(try ImageDecoder.dimensions(of: file) == (64, 48))
    }
    #expect(
      try ImageDecoder.dimensions(of: Fixtures.pngHeader(width: 100_000, height: 100_000))
        == (100_000, 100_000))
    #expect(try ImageDecoder.dimensions(of: HEIFGridTests.oversizedGrid) == (26228, 31088))
    if CodecTestFixtures.canWriteHEIC {
      let heic = try Fixtures.heicFile(of: image, metadata: ImageMetadata())
      #expect(try ImageDecoder.dimensions(of: heic) == (64, 48))
    }
    #expect(throws: ImageCodecError.empty) { try ImageDecoder.dimensions(of: []) }
    #expect(throws: ImageCodecError.unrecognizedFormat) {
      try ImageDecoder.dimensions(of: Array("no image".utf8))
    }
    #expect(throws: ImageCodecError.truncated(.jpeg)) {
      try ImageDecoder.dimensions(of: [0xFF, 0xD8, 0xFF])
    }
  }

  @Test("invalid encode options are reported")
  func invalidOptions() {
    #expect(throws: ImageCodecError.self) {
      try ImageEncoder.encode(Fixtures.gradient(), as: .png, options: EncodeOptions(bitDepth: 12))
    }
    let hugeExif = ImageMetadata(
      exif: [0x49, 0x49, 0x2A, 0] + [UInt8](repeating: 0, count: 70_000))
    #expect(throws: ImageCodecError.self) {
      try ImageEncoder.encode(
        Fixtures.gradient(), as: .jpeg, options: EncodeOptions(metadata: hugeExif))
    }
  }
}

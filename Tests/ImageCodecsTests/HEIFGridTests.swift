import FaceGuardCore
import Foundation
import Testing

@testable import ImageCodecs

/// A grid image is checked against the decode limits at the size its grid descriptor gives, not
/// only at the size of its `ispe` property.
@Suite("HEIF grid images")
struct HEIFGridTests {
  /// A 2017-byte HEIC found by `scripts/fuzz.sh heic`: its primary image is a grid whose `ispe`
  /// says 64x64 and whose descriptor says 26228x31088. libheif 1.15 allocated the output at the
  /// descriptor's size (1.6 GB, out of memory under the fuzzer's 2 GB limit) inside
  /// `heif_decode_image`, after the limits had passed the 64x64.
  static let oversizedGrid = Array(
    Data(
      base64Encoded: """
        AAAAHGZ0eXBoZWljAAAAAG1pZjFoZWljbWlhZgAABJRtZXRhAAAAAAAAACFoZGxyAAAAAAAAAABwaWN0AAAAAAAAAAAA
        AAAAAAAAAA5waXRtAAAAAAACAAAAEGlkYXQAAAAAZnR5cAAAAGBpbG9jAQAAAERAAAQAAQAAAAAAAAS4AAEAAAAAAAAA
        dAACAAEAAAAAAAAAAQAAAAAAAAAIAAMAAAAAAAAFLAABAAAAAAAAAc4ABAAAAAAAAAb6AAEAAAAAAAAA5wAAAHdpaW5m
        AAAAAAAEAAAAFWluZmUCAAABAAEAAGh2YzEAAAAAFWluZmUCAAAAAAIAAGdyaWQAAAAAFWluZmUCAAABAAMAAEV4aWYA
        AAAAKmluZmUCAAABAAQAAG1pbWUAYXBwbGljYXRpb24vcmRmK3htbAAAAAADPGlwcnAAAAMZaXBjbwAAAHVodmNDAQQI
        AAAAAAAAAAAAHvAA/P36+gAADwMgAAEAF0ABDAH//wQIAAADAJ24AAADAAAeugJAIQABACpCAQEECAAAAwCduAAAAwAA
        HqAggQTZbqrprm4EBAwIAAADAAgAAAMACEAiAAEABkQBwXPBiQAAABRpc3BlAAAAAAAAAEAAAABAAAAAFGlzcGUAAAAA
        AAAAEAAAAAgAAAJkY29scnByb2YAAAJYbGNtcwAAAABtbnRyUkdCIFhZWiAAAAAAAAAAAAAAAABhY3NwAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAFkZXNjAAAAkAAAAcgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAQcGl4aQAAAAADCgoKAAAAG2lwbWEAAAAAAAAAAgABAoECAAIDA4SFAAAANmlyZWYAAAAAAAAADmRpbWcAAgABAAEA
        AAAOY2RzYwADAAEAAgAAAA5jZHNjAAQAAQACAAADMW1kYXQAAABwKAGvEyHjkwvlkSLDYDmADX7Wxqj1OdfGavEcGGUf
        IjRkncukh8zzF5RPCggdSvzDeYtohe24o93yrUckw5ZKSW+06lMN3TCuC7TVrkPgUX3x6VuJcA7FBpS2990ifPoRYiIf
        QOOZfnYSPaWNTZh1gAAAAAQAAAAATU0AKgAAAAgABwEPAAIAAAAIAAAAYgEQAAIAAAAIAAAAagESAAMAAAABAAYAAAEy
        AAIAAAAUAAAAcgE7AAIAAAEAAAAAAAAGAAQAAAABAAAAjoglAAQAAAABAAABVAAAAABGdXp6Q2FtAE1vZGVsIFgAMjAy
        NDowNTowMSAxMjowMDowMABTb21lb25lAAAJgpoABQAAAAEAAAFpaW5mBQAAAAEAAAEIiCcAAwAAAAEAyAAAkAAABwAA
        AAQwMjMykAMAAgAAABQAAAEQkAQAAgAAAPAAAAEkkgoABQAAAAEAAAE4knwABwAAAAoAAAFApDEAAgAAAAoAAAFKAAAA
        AAAAAAEAAAB9AAAAHAAAAAoyMDI0OjA1OjAxIDEyOjAwOjAwADIwMjQ6MDU6MDEgMTI6MDA6MDAAAAAAMgAAAAFNYWtl
        ck5vdGUhU0VSSUFMMTIzAAAFAAAAAQAAAAQCAwAAAAEAAgAAAAJOAAAAAAIABQAAAAMAAAGWAAMAAgAAAAJFAAAAAAQA
        BQAAAAMAAAGuAAAAAAAAADAAAAABAAAAMwAAAAEAAAlgAAAAZAAAAAIAAAABAAAAFQAAAAEAAAK8AAAAZDx4OnhtcG1l
        dGEgeG1sbnM6eD0iYWRvYmU6bnM6bWV0YS8iPjxyZGY6UkRGIHhtbG5zOnJkZj0iaHR0cDovL3d3dy53My5vcmcvMTk5
        OS8wMi8yMi1yZGYtc3ludGF4LW5zIyI+PHJkZjpEZXNjcmlwdGlvbiB4bWxuczptd2ctcnM9Imh0dHA6Ly93d3cubWV0
        YWRhdGF3b3JraW5nZ3JvdXAuY29tL3NjaGVtYXMvcmVnaW9ucy9paW5mZy1yczpOYW1lPSJTb21lb25lIi8+PC9yZGY6
        UkRGPjwveDp4bXBtZXRhPg==
        """, options: .ignoreUnknownCharacters)!)

  @Test("the grid descriptor's size is read")
  func gridSize() throws {
    #expect(Self.oversizedGrid.count == 2017)
    let size = try #require(HEIFGrid.size(in: Self.oversizedGrid))
    #expect(size.width == 26228 && size.height == 31088)
    #expect(HEIFGrid.size(in: Array(Self.oversizedGrid.prefix(0x90))) == nil)
    #expect(HEIFGrid.size(in: []) == nil)
  }

  @Test("a grid larger than the limits is refused before libheif decodes it")
  func oversizedGridIsRefused() throws {
    #expect(throws: ImageCodecError.tooLarge(width: 26228, height: 31088, limit: 100_000_000)) {
      try ImageDecoder.decode(Self.oversizedGrid)
    }
  }

  @Test(
    "a HEIC written by libheif keeps decoding; a grid it writes has the image's size",
    .enabled(if: CodecTestFixtures.canWriteHEIC))
  func writtenImageDecodes() throws {
    let heic = try CodecTestFixtures.heicFile(
      of: CodecTestFixtures.gradient(), metadata: ImageMetadata())
    if let size = HEIFGrid.size(in: heic) {
      #expect(size.width == 64 && size.height == 48)
    }
    #expect(try ImageDecoder.decode(heic).format == .heic)
  }
}

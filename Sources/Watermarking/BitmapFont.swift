/// FaceGuard's own bitmap font for watermarks: one glyph for each printable ASCII character
/// (U+0020 to U+007E), drawn on a grid of 5 columns by 9 rows of dots. Capitals and digits fill
/// rows 0 to 6 and stand on the baseline under row 6; lower-case letters rise to row 2; the
/// descenders of g, j, p, q, y and the tails of `,` `;` and `_` use rows 7 and 8. A line of text
/// puts one empty column between glyphs.
///
/// The glyphs are laid out below as a type sheet, in bands of up to twelve: the first line of a
/// band names its characters, each above its glyph, and the nine lines after it are the glyphs'
/// rows, `#` for a dot that is drawn and `.` for one that is not.
public enum BitmapFont {
  /// Columns of dots in a glyph.
  public static let glyphWidth = 5
  /// Rows of dots in a glyph, descenders included.
  public static let glyphHeight = 9
  /// Columns of dots from the left edge of one glyph to the next.
  public static let advance = glyphWidth + 1

  /// One character's dots.
  public struct Glyph: Sendable, Equatable {
    /// ``BitmapFont/glyphHeight`` rows of ``BitmapFont/glyphWidth`` dots, top row first, left dot
    /// first; `true` where a dot is drawn.
    public let rows: [[Bool]]

    /// Whether the dot at `column`, `row` is drawn.
    public func isDrawn(column: Int, row: Int) -> Bool { rows[row][column] }
  }

  /// Whether `character` has a glyph: printable ASCII, the space included.
  public static func covers(_ character: Character) -> Bool {
    guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 else {
      return false
    }
    return (0x20...0x7E).contains(scalar.value)
  }

  /// The glyph of `character`, `nil` for a character the font does not cover.
  public static func glyph(for character: Character) -> Glyph? {
    guard covers(character) else { return nil }
    if character == " " { return blank }
    return glyphs[character]
  }

  /// The width in dots of `text` set in one line (no trailing gap).
  public static func width(of text: String) -> Int {
    text.isEmpty ? 0 : text.count * advance - 1
  }

  /// The space.
  private static let blank = Glyph(
    rows: Array(repeating: Array(repeating: false, count: glyphWidth), count: glyphHeight))

  /// The glyphs of the type sheet, by character.
  private static let glyphs: [Character: Glyph] = {
    var glyphs: [Character: Glyph] = [:]
    for band in sheet {
      let lines = band.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
      precondition(lines.count == glyphHeight + 1, "a band of the type sheet needs 10 lines")
      let characters = stride(from: 0, to: lines[0].count, by: advance).map { lines[0][$0] }
      for (index, character) in characters.enumerated() {
        let left = index * advance
        let rows = lines.dropFirst().map { line in
          precondition(line.count >= left + glyphWidth, "a row of \(character) is too short")
          return line[left..<(left + glyphWidth)].map { dot in
            precondition(dot == "#" || dot == ".", "\(character) has a dot that is not # or .")
            return dot == "#"
          }
        }
        glyphs[character] = Glyph(rows: rows)
      }
    }
    return glyphs
  }()

  /// The type sheet.
  private static let sheet: [String] = [
    #"""
    !     "     #     $     %     &     '     (     )     *     +     ,
    ..#.. .#.#. .#.#. ..#.. ##... .##.. ..#.. ...#. .#... ..... ..... .....
    ..#.. .#.#. .#.#. .#### ##..# #..#. ..#.. ..#.. ..#.. ..#.. ..#.. .....
    ..#.. ..... ##### #.#.. ...#. #.#.. ..... .#... ...#. #.#.# ..#.. .....
    ..#.. ..... .#.#. .###. ..#.. .#... ..... .#... ...#. .###. ##### .....
    ..#.. ..... ##### ..#.# .#... #.#.# ..... .#... ...#. #.#.# ..#.. .....
    ..... ..... .#.#. ####. #..## #..#. ..... ..#.. ..#.. ..#.. ..#.. .##..
    ..#.. ..... .#.#. ..#.. ...## .##.# ..... ...#. .#... ..... ..... .##..
    ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..#..
    ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... .#...
    """#,
    #"""
    -     .     /     0     1     2     3     4     5     6     7     8
    ..... ..... ....# .###. ..#.. .###. ##### ...#. ##### ..##. ##### .###.
    ..... ..... ....# #...# .##.. #...# ...#. ..##. #.... .#... ....# #...#
    ..... ..... ...#. #..## ..#.. ....# ..#.. .#.#. ####. #.... ...#. #...#
    ##### ..... ..#.. #.#.# ..#.. ...#. ...#. #..#. ....# ####. ..#.. .###.
    ..... ..... .#... ##..# ..#.. ..#.. ....# ##### ....# #...# .#... #...#
    ..... .##.. #.... #...# ..#.. .#... #...# ...#. #...# #...# .#... #...#
    ..... .##.. #.... .###. .###. ##### .###. ...#. .###. .###. .#... .###.
    ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... .....
    ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... .....
    """#,
    #"""
    9     :     ;     <     =     >     ?     @     A     B     C     D
    .###. ..... ..... ...#. ..... .#... .###. .###. .###. ####. .###. ###..
    #...# .##.. .##.. ..#.. ..... ..#.. #...# #...# #...# #...# #...# #..#.
    #...# .##.. .##.. .#... ##### ...#. ....# #.### #...# #...# #.... #...#
    .#### ..... ..... #.... ..... ....# ...#. #.#.# ##### ####. #.... #...#
    ....# .##.. .##.. .#... ##### ...#. ..#.. #.##. #...# #...# #.... #...#
    ...#. .##.. .##.. ..#.. ..... ..#.. ..... #.... #...# #...# #...# #..#.
    .##.. ..... ..#.. ...#. ..... .#... ..#.. .###. #...# ####. .###. ###..
    ..... ..... .#... ..... ..... ..... ..... ..... ..... ..... ..... .....
    ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... .....
    """#,
    #"""
    E     F     G     H     I     J     K     L     M     N     O     P
    ##### ##### .###. #...# .###. ..### #...# #.... #...# #...# .###. ####.
    #.... #.... #...# #...# ..#.. ...#. #..#. #.... ##.## #...# #...# #...#
    #.... #.... #.... #...# ..#.. ...#. #.#.. #.... #.#.# ##..# #...# #...#
    ####. ####. #.### ##### ..#.. ...#. ##... #.... #.#.# #.#.# #...# ####.
    #.... #.... #...# #...# ..#.. ...#. #.#.. #.... #...# #..## #...# #....
    #.... #.... #...# #...# ..#.. #..#. #..#. #.... #...# #...# #...# #....
    ##### #.... .#### #...# .###. .##.. #...# ##### #...# #...# .###. #....
    ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... .....
    ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... .....
    """#,
    #"""
    Q     R     S     T     U     V     W     X     Y     Z     [     \
    .###. ####. .#### ##### #...# #...# #...# #...# #...# ##### .###. #....
    #...# #...# #.... ..#.. #...# #...# #...# #...# #...# ....# .#... #....
    #...# #...# #.... ..#.. #...# #...# #...# .#.#. .#.#. ...#. .#... .#...
    #...# ####. .###. ..#.. #...# #...# #.#.# ..#.. ..#.. ..#.. .#... ..#..
    #.#.# #.#.. ....# ..#.. #...# #...# #.#.# .#.#. ..#.. .#... .#... ...#.
    #..#. #..#. ....# ..#.. #...# .#.#. #.#.# #...# ..#.. #.... .#... ....#
    .##.# #...# ####. ..#.. .###. ..#.. .#.#. #...# ..#.. ##### .###. ....#
    ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... .....
    ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... .....
    """#,
    #"""
    ]     ^     _     `     a     b     c     d     e     f     g     h
    .###. ..#.. ..... .#... ..... #.... ..... ....# ..... ..##. ..... #....
    ...#. .#.#. ..... ..#.. ..... #.... ..... ....# ..... .#..# ..... #....
    ...#. #...# ..... ..... .###. ####. .###. .#### .###. .#... .#### #.##.
    ...#. ..... ..... ..... ....# #...# #.... #...# #...# ###.. #...# ##..#
    ...#. ..... ..... ..... .#### #...# #.... #...# ##### .#... #...# #...#
    ...#. ..... ..... ..... #...# #...# #...# #...# #.... .#... #...# #...#
    .###. ..... ..... ..... .#### ####. .###. .#### .###. .#... .#### #...#
    ..... ..... ##### ..... ..... ..... ..... ..... ..... ..... ....# .....
    ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... .###. .....
    """#,
    #"""
    i     j     k     l     m     n     o     p     q     r     s     t
    ..#.. ...#. #.... .##.. ..... ..... ..... ..... ..... ..... ..... .#...
    ..... ..... #.... ..#.. ..... ..... ..... ..... ..... ..... ..... .#...
    .##.. ..##. #..#. ..#.. ##.#. #.##. .###. ####. .#### #.##. .#### ###..
    ..#.. ...#. #.#.. ..#.. #.#.# ##..# #...# #...# #...# ##..# #.... .#...
    ..#.. ...#. ##... ..#.. #.#.# #...# #...# #...# #...# #.... .###. .#...
    ..#.. ...#. #.#.. ..#.. #.#.# #...# #...# #...# #...# #.... ....# .#..#
    .###. ...#. #..#. .###. #.#.# #...# .###. ####. .#### #.... ####. ..##.
    ..... #..#. ..... ..... ..... ..... ..... #.... ....# ..... ..... .....
    ..... .##.. ..... ..... ..... ..... ..... #.... ....# ..... ..... .....
    """#,
    #"""
    u     v     w     x     y     z     {     |     }     ~
    ..... ..... ..... ..... ..... ..... ...## ..#.. ##... .....
    ..... ..... ..... ..... ..... ..... ..#.. ..#.. ..#.. .....
    #...# #...# #...# #...# #...# ##### ..#.. ..#.. ..#.. .#...
    #...# #...# #...# .#.#. #...# ...#. .#... ..#.. ...#. #.#.#
    #...# #...# #.#.# ..#.. #...# ..#.. ..#.. ..#.. ..#.. ...#.
    #..## .#.#. #.#.# .#.#. #...# .#... ..#.. ..#.. ..#.. .....
    .##.# ..#.. .#.#. #...# .#### ##### ...## ..#.. ##... .....
    ..... ..... ..... ..... ....# ..... ..... ..... ..... .....
    ..... ..... ..... ..... .###. ..... ..... ..... ..... .....
    """#,
  ]
}

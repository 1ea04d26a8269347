import { PackageFault } from "./PackageFault";
import { XmlTag, type XmlTagKind } from "./XmlTag";
import { decodeXmlText } from "./xmlText";

// Pure: no Node, no DOM, so the standalone page can use the .xlsx reader too.

// How a string's strike-through follows its cell's, as bits of its strike code. Plain text (0) is
// struck when its cell's font is; rich text says whether it reads as struck in an unstruck cell
// and in a struck one.
const STRIKE = { rich: 1, inPlainCell: 2, inStruckCell: 4 } as const;

/**
 * Reads a string item: a shared string (`<si>`) or an inline string (`<is>`), ECMA-376 Part 1
 * §18.4.8 CT_Rst. Its text is the plain `<t>` and the rich-text runs' `<r><t>` joined, decoded;
 * phonetic runs (`<rPh>`, the furigana over Japanese text) are not part of what the cell shows.
 * Its `strike` records how the string reads struck whatever its cell's font, by the rule of the
 * ExcelJS path (`gridsFromWorkbook`): a run with its own font (`<rPr>`) is struck by that font's
 * `<strike/>`, a run without one by the cell's font, and the cell reads as struck only when all
 * its visible (not blank) text is, as Excel's `Range.format.font.strikethrough` does.
 *
 * @example
 * const reader = new StringItemReader();
 * const xml = '<si><r><rPr><strike/></rPr><t>* </t></r><r><t>Chef</t></r></si>';
 * reader.read(xml, 4, xml.length - 5);
 * reader.text //=> "* Chef"
 * StringItemReader.isStruck(reader.strike, false) //=> false
 * StringItemReader.isStruck(reader.strike, true) //=> true
 */
export class StringItemReader {
  /** The string's text after {@link read}. */
  text = "";
  /** The string's strike-through code after {@link read}; see {@link StringItemReader.isStruck}. */
  strike = 0;
  private readonly tag = new XmlTag();

  /**
   * Whether a string with this strike code reads as struck in a cell whose own font is
   * (`cellStruck`) or is not struck through.
   */
  static isStruck(strike: number, cellStruck: boolean): boolean {
    if (strike === 0) return cellStruck;
    return (strike & (cellStruck ? STRIKE.inStruckCell : STRIKE.inPlainCell)) !== 0;
  }

  /**
   * Reads the item's content, between the end of its open tag (`from`) and the start of its close
   * tag (`to`), setting {@link text} and {@link strike}.
   *
   * @throws {PackageFault} when an element in it is cut short
   */
  read(source: string, from: number, to: number): void {
    const tag = this.tag;
    let text = "";
    let rich = false;
    let visibleRuns = 0;
    let allStruckInPlainCell = true;
    let allStruckInStruckCell = true;
    let at = source.indexOf("<", from);
    while (at !== -1 && at < to) {
      if (!tag.read(source, at) || tag.end > to) throw cutShort();
      if (tag.kind === "open" && tag.isNamed("t")) {
        // Plain text, drawn in the cell's font.
        const runText = this.readText(to);
        text += runText;
        if (runText.trim() !== "") {
          visibleRuns++;
          allStruckInPlainCell = false;
        }
      } else if (tag.kind === "open" && tag.isNamed("r")) {
        rich = true;
        let ownFont = false;
        let ownStrike = false;
        let runText = "";
        for (;;) {
          const next = source.indexOf("<", tag.end);
          if (next === -1 || next >= to || !tag.read(source, next) || tag.end > to) throw cutShort();
          const kind = tag.kind as XmlTagKind; // read() changed it
          if (kind === "close" && tag.isNamed("r")) break;
          if (tag.isNamed("rPr") && (kind === "open" || kind === "empty")) {
            ownFont = true;
          } else if (tag.isNamed("strike") && (kind === "open" || kind === "empty")) {
            const value = tag.attribute("val");
            ownStrike = value === undefined || value === "1" || value === "true";
          } else if (kind === "open" && tag.isNamed("t")) {
            runText += this.readText(to);
          }
        }
        text += runText;
        if (runText.trim() !== "") {
          visibleRuns++;
          if (ownFont) {
            allStruckInPlainCell &&= ownStrike;
            allStruckInStruckCell &&= ownStrike;
          } else {
            allStruckInPlainCell = false;
          }
        }
      } else if (tag.kind === "open") {
        // <rPh> (phonetic text) and anything else with content: skipped whole.
        const close = source.indexOf(`</${tag.name}>`, tag.end);
        if (close === -1 || close >= to) throw cutShort();
        tag.end = close;
      }
      at = source.indexOf("<", tag.end);
    }
    this.text = text;
    this.strike = !rich
      ? 0
      : STRIKE.rich |
        (visibleRuns > 0 && allStruckInPlainCell ? STRIKE.inPlainCell : 0) |
        (visibleRuns > 0 && allStruckInStruckCell ? STRIKE.inStruckCell : 0);
  }

  private readText(to: number): string {
    if (!this.tag.readContent(to)) throw cutShort();
    return decodeXmlText(this.tag.content);
  }
}

function cutShort(): PackageFault {
  return new PackageFault("unreadable", "a string is cut short");
}

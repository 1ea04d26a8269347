import { XmlTag } from "./XmlTag";

// Pure: no Node, no DOM, so the standalone page can use the .xlsx reader too.

/** What the grid needs from each cell format (`cellXfs` entry), indexed by a cell's `s`. */
export interface CellStyles {
  /** 1 where the format's font is struck through. */
  readonly struck: Uint8Array;
  /** 1 where the format's number format shows a date or time. */
  readonly date: Uint8Array;
}

// ECMA-376 Part 1 §18.8.30: the built-in number formats that show dates and times (14–22 and
// 45–47 in every locale, 27–36 and 50–58 in East Asian ones).
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

/**
 * Reads `xl/styles.xml` for strike-through and date formats: each `cellXfs/xf`'s `fontId` into
 * `fonts`, where `<strike/>` (or `val` 1/true; 0/false is not struck, ST_Boolean) strikes the
 * font, and its `numFmtId`, a built-in date format or a custom `formatCode` with date or time
 * codes outside quotes and brackets. Everything else in the part is skipped.
 *
 * @example
 * readCellStyles('<styleSheet><fonts><font/><font><strike/></font></fonts><cellXfs><xf fontId="0"/><xf fontId="1"/></cellXfs></styleSheet>').struck
 * //=> Uint8Array [0, 1]
 */
export function readCellStyles(xml: string): CellStyles {
  const tag = new XmlTag();
  const fontStruck: boolean[] = [];
  const customFormats = new Map<number, string>();
  const xfFonts: number[] = [];
  const xfFormats: number[] = [];
  let section: "fonts" | "cellXfs" | "numFmts" | null = null;
  let inFont = false;
  for (let i = xml.indexOf("<"); i !== -1; i = xml.indexOf("<", tag.end)) {
    if (!tag.read(xml, i)) break;
    if (tag.kind === "close") {
      if (tag.isNamed("fonts") || tag.isNamed("cellXfs") || tag.isNamed("numFmts")) section = null;
      else if (tag.isNamed("font")) inFont = false;
      continue;
    }
    if (tag.kind !== "open" && tag.kind !== "empty") continue;
    if (tag.isNamed("fonts") || tag.isNamed("cellXfs") || tag.isNamed("numFmts")) {
      if (tag.kind === "open")
        section = tag.isNamed("fonts") ? "fonts" : tag.isNamed("cellXfs") ? "cellXfs" : "numFmts";
    } else if (section === "fonts" && tag.isNamed("font")) {
      fontStruck.push(false);
      inFont = tag.kind === "open";
    } else if (section === "fonts" && inFont && tag.isNamed("strike")) {
      const value = tag.attribute("val");
      fontStruck[fontStruck.length - 1] = value === undefined || value === "1" || value === "true";
    } else if (section === "cellXfs" && tag.isNamed("xf")) {
      xfFonts.push(integer(tag.attribute("fontId")));
      xfFormats.push(integer(tag.attribute("numFmtId")));
    } else if (section === "numFmts" && tag.isNamed("numFmt")) {
      customFormats.set(integer(tag.attribute("numFmtId")), tag.attribute("formatCode") ?? "");
    }
  }
  const struck = new Uint8Array(xfFonts.length);
  const date = new Uint8Array(xfFonts.length);
  for (let s = 0; s < xfFonts.length; s++) {
    struck[s] = fontStruck[xfFonts[s] ?? 0] === true ? 1 : 0;
    const format = xfFormats[s] ?? 0;
    const code = customFormats.get(format);
    date[s] = (code === undefined ? BUILT_IN_DATE_FORMATS.has(format) : isDateFormatCode(code)) ? 1 : 0;
  }
  return { struck, date };
}

// The codes y, m, d, h, s (and b, the Buddhist year) outside quoted text and [colour]/[$-locale]
// sections, as ExcelJS decides it; XML entities in formatCode do not matter here.
function isDateFormatCode(code: string): boolean {
  return /[ymdhsb]/i.test(code.replace(/\[[^\]]*\]/g, "").replace(/"[^"]*"/g, ""));
}

function integer(text: string | undefined): number {
  const value = text === undefined ? 0 : parseInt(text, 10);
  return Number.isFinite(value) && value >= 0 ? value : 0;
}

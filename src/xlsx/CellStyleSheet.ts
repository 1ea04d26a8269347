import { findEndTag, findStartTag, findStartTags, type StartTag, withAttribute } from "./xmlTags";
import { escapeXmlAttribute } from "./xmlText";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

// Built-in number formats that need no numFmt element (ECMA-376 Part 1, 18.8.30): General and Text.
const BUILT_IN: Readonly<Record<string, number>> = { General: 0, "@": 49 };
// Custom number formats take ids from 164 up (ids below are reserved for built-ins, 18.8.30).
const FIRST_CUSTOM_FORMAT = 164;

// A workbook with no styles part gets Excel's minimal one: the Normal style on Calibri 11 and the
// two fills Excel requires first (none, gray125; 18.8.21).
const EMPTY_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  `<styleSheet xmlns="${MAIN}">` +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  "</styleSheet>";

interface Section {
  readonly tag: StartTag;
  /** Index of the section's end tag. */
  readonly close: number;
  readonly count: number;
}

/**
 * The cell formats (cellXfs) the package writer adds to a workbook's styles part: a number format
 * and bold or not, each added once, on demand, after the workbook's own so that no existing style
 * index changes. `xml()` gives the styles part with them appended and every `count` updated.
 *
 * @example
 * const styles = new CellStyleSheet(stylesXml);
 * const money = styles.index("£#,##0;(£#,##0)", true); // an xf index for <c s="…">
 * const part = styles.xml();
 */
export class CellStyleSheet {
  private readonly source: string;
  private readonly prefix: string;
  private readonly formats = new Map<string, number>();
  private readonly newFormats: string[] = [];
  private nextFormatId: number;
  private readonly baseXfs: number;
  private readonly newXfs: string[] = [];
  private readonly xfIndex = new Map<string, number>();
  private readonly baseFonts: number;
  private boldFont: number | null = null;
  private readonly hasCellStyleXfs: boolean;

  /** @param stylesXml the workbook's styles part, or undefined when it has none */
  constructor(stylesXml: string | undefined) {
    this.source = stylesXml ?? EMPTY_STYLES;
    const root = findStartTag(this.source, "styleSheet");
    if (root === undefined) throw new Error("its styles part is not a SpreadsheetML style sheet");
    this.prefix = root.prefix;
    // Ids are unique across numFmts and the dxfs' own numFmt elements; only those in numFmts may
    // be reused by a cell format.
    let maxId = FIRST_CUSTOM_FORMAT - 1;
    for (const tag of findStartTags(this.source, "numFmt")) {
      const id = Number(tag.attributes.get("numFmtId"));
      if (Number.isInteger(id)) maxId = Math.max(maxId, id);
    }
    const numFmts = findStartTag(this.source, "numFmts");
    if (numFmts !== undefined) {
      for (const tag of findStartTags(this.source, "numFmt", numFmts.end, findEndTag(this.source, numFmts))) {
        const id = Number(tag.attributes.get("numFmtId"));
        const code = tag.attributes.get("formatCode");
        if (Number.isInteger(id) && code !== undefined && !this.formats.has(code)) this.formats.set(code, id);
      }
    }
    this.nextFormatId = maxId + 1;
    this.baseXfs = this.section("cellXfs", "xf").count;
    this.baseFonts = this.section("fonts", "font").count;
    this.hasCellStyleXfs = findStartTag(this.source, "cellStyleXfs") !== undefined;
  }

  /**
   * The cellXfs index for a cell with this number format (undefined for General) and weight.
   * Text cells pass "@", so that Excel keeps what is typed over them as text.
   */
  index(numFmt: string | undefined, bold: boolean): number {
    const key = `${bold ? "b" : "n"}${numFmt ?? ""}`;
    const known = this.xfIndex.get(key);
    if (known !== undefined) return known;
    const formatId = numFmt === undefined ? 0 : this.formatId(numFmt);
    const fontId = bold ? this.bold() : 0;
    const attributes = [
      `numFmtId="${String(formatId)}"`,
      `fontId="${String(fontId)}"`,
      'fillId="0"',
      'borderId="0"',
      ...(this.hasCellStyleXfs ? ['xfId="0"'] : []),
      ...(formatId === 0 ? [] : ['applyNumberFormat="1"']),
      ...(bold ? ['applyFont="1"'] : []),
    ];
    this.newXfs.push(`<${this.qualified("xf")} ${attributes.join(" ")}/>`);
    const index = this.baseXfs + this.newXfs.length - 1;
    this.xfIndex.set(key, index);
    return index;
  }

  /** The styles part with the added number formats, font and cell formats. */
  xml(): string {
    let xml = this.source;
    // Later sections first, so that earlier positions stay valid.
    xml = this.append(xml, "cellXfs", "xf", this.newXfs);
    if (this.boldFont !== null) xml = this.append(xml, "fonts", "font", [this.boldFontXml()]);
    if (this.newFormats.length > 0) {
      if (findStartTag(xml, "numFmts") === undefined) {
        // numFmts is the first child of styleSheet (ECMA-376 Part 1, 18.8.39).
        const root = findStartTag(xml, "styleSheet");
        if (root === undefined || root.selfClosing) throw new Error("its styles part is not a style sheet");
        const numFmts = this.qualified("numFmts");
        xml = `${xml.slice(0, root.end)}<${numFmts} count="0"></${numFmts}>${xml.slice(root.end)}`;
      }
      xml = this.append(xml, "numFmts", "numFmt", this.newFormats);
    }
    return xml;
  }

  private qualified(name: string): string {
    return this.prefix === "" ? name : `${this.prefix}:${name}`;
  }

  private formatId(code: string): number {
    const builtIn = BUILT_IN[code];
    if (builtIn !== undefined) return builtIn;
    const known = this.formats.get(code);
    if (known !== undefined) return known;
    const id = this.nextFormatId;
    this.nextFormatId += 1;
    this.formats.set(code, id);
    this.newFormats.push(
      `<${this.qualified("numFmt")} numFmtId="${String(id)}" formatCode="${escapeXmlAttribute(code)}"/>`,
    );
    return id;
  }

  private bold(): number {
    this.boldFont ??= this.baseFonts;
    return this.boldFont;
  }

  // Font 0 is the workbook's default font; bold is that font with <b/> (CT_Font's children are
  // a choice in any order, 18.8.22), so bold cells keep the workbook's face and size.
  private boldFontXml(): string {
    const fonts = findStartTag(this.source, "fonts");
    const first = fonts === undefined ? undefined : findStartTag(this.source, "font", fonts.end);
    const b = `<${this.qualified("b")}/>`;
    if (first === undefined) return `<${this.qualified("font")}>${b}</${this.qualified("font")}>`;
    if (first.selfClosing) {
      return `${first.source.slice(0, -2)}>${b}</${this.qualified("font")}>`;
    }
    const close = findEndTag(this.source, first);
    // The font's own <b/> (or <b val="…"/>) gives way to the one written first.
    let inner = "";
    let at = first.end;
    for (const bold of findStartTags(this.source, "b", first.end, close)) {
      if (!bold.selfClosing) continue;
      inner += this.source.slice(at, bold.start);
      at = bold.end;
    }
    inner += this.source.slice(at, close);
    return `${first.source}${b}${inner}</${first.prefix === "" ? "font" : `${first.prefix}:font`}>`;
  }

  private section(name: string, child: string): Section {
    const tag = findStartTag(this.source, name);
    if (tag === undefined) throw new Error(`its styles part has no ${name}`);
    const close = findEndTag(this.source, tag);
    return { tag, close, count: findStartTags(this.source, child, tag.end, close).length };
  }

  private append(xml: string, name: string, child: string, additions: readonly string[]): string {
    if (additions.length === 0) return xml;
    const tag = findStartTag(xml, name);
    if (tag === undefined) throw new Error(`its styles part has no ${name}`);
    let open = tag.source;
    let close = findEndTag(xml, tag);
    const count = findStartTags(xml, child, tag.end, close).length + additions.length;
    open = withAttribute(open, "count", String(count));
    let closing = "";
    if (tag.selfClosing) {
      open = `${open.slice(0, -2)}>`;
      closing = `</${tag.prefix === "" ? name : `${tag.prefix}:${name}`}>`;
      close = tag.end;
    }
    return `${xml.slice(0, tag.start)}${open}${xml.slice(tag.end, close)}${additions.join("")}${closing}${xml.slice(close)}`;
  }
}

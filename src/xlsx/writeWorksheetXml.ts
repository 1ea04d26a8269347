import type { OutputCell, OutputSheet } from "../output/outputSheets";
import { columnLetters, MAX_COLUMNS, MAX_ROWS } from "./cellAddress";
import type { CellStyleSheet } from "./CellStyleSheet";
import { RELATIONSHIPS_NAMESPACE } from "./relationshipType";
import { escapeXmlText } from "./xmlText";

/** A worksheet to write: the output sheet and what the package around it decided. */
export interface WorksheetPlan {
  readonly sheet: OutputSheet;
  /** Header text of the sheet's tables, by row index then column index (0-based). */
  readonly headers: ReadonlyMap<number, ReadonlyMap<number, string>>;
  /** The sheet's rels ids of its table parts, in order. */
  readonly tableRelationshipIds: readonly string[];
  /** The sheet's rels id of its drawing part (its charts), if it has one. */
  readonly drawingRelationshipId?: string;
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
// Excel's limit on the characters of one cell (Excel specifications and limits).
const MAX_TEXT = 32767;
// About a megabyte of UTF-8 between calls to `emit`, so a large sheet is never held whole; the
// slack takes the row that crosses the mark.
const CHUNK = 1 << 20;
const SLACK = 1 << 16;
const TEXT_FORMAT = "@";

/**
 * Writes an output sheet as a worksheet part (ECMA-376 Part 1, 18.3.1.99), as UTF-8 in chunks of
 * about a megabyte through `emit`, with no DOM and no string per row: frozen heading rows, column
 * widths, and cells with text as inline strings (t="inlineStr", so text beginning =, +, - or @
 * stays text and sharedStrings.xml is left alone), numbers as values and formulas with their
 * cached results; bold and number formats through `styles`; the header cells of the sheet's
 * tables as `headers` gives them. Children in the schema's order: dimension, sheetViews,
 * sheetFormatPr, cols, sheetData, pageMargins, drawing, tableParts. `emit` may keep each chunk.
 *
 * @example
 * await writeWorksheetXml({ sheet, headers: new Map(), tableRelationshipIds: [] }, styles, async (utf8) => { chunks.push(utf8); })
 */
export async function writeWorksheetXml(
  plan: WorksheetPlan,
  styles: CellStyleSheet,
  emit: (utf8: Uint8Array) => Promise<void>,
): Promise<void> {
  const { sheet } = plan;
  if (sheet.rows.length > MAX_ROWS) throw new Error(`sheet "${sheet.name}" has more rows than Excel allows`);
  const width = sheet.rows.reduce((most, row) => Math.max(most, row.length), 0);
  if (width > MAX_COLUMNS) throw new Error(`sheet "${sheet.name}" has more columns than Excel allows`);
  const letters = Array.from({ length: width }, (_, c) => columnLetters(c + 1));
  // The style attribute of a cell, by number format and weight: the style index is looked up once
  // for each, and the markup around it built once.
  const plain = new Map<string | undefined, string>();
  const bold = new Map<string | undefined, string>();
  const style = (cell: OutputCell): string => {
    const known = cell.bold === true ? bold : plain;
    let text = known.get(cell.numFmt);
    if (text === undefined) {
      text = `" s="${String(styles.index(cell.numFmt, cell.bold === true))}"`;
      known.set(cell.numFmt, text);
    }
    return text;
  };
  // Text cells use separate maps from the others: the same format gives different markup.
  const textPlain = new Map<string | undefined, string>();
  const textBold = new Map<string | undefined, string>();
  const textMarkup = (cell: OutputCell): string => {
    const format = cell.numFmt ?? TEXT_FORMAT;
    const known = cell.bold === true ? textBold : textPlain;
    let text = known.get(format);
    if (text === undefined) {
      text = `" s="${String(styles.index(format, cell.bold === true))}" t="inlineStr"><is><t`;
      known.set(format, text);
    }
    return text;
  };
  const cellStarts = letters.map((column) => `<c r="${column}`);
  const out = new XmlBytes(emit);

  out.text(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<worksheet xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS_NAMESPACE}">` +
      `<dimension ref="${dimension(sheet, letters)}"/>` +
      sheetViews(sheet.frozenRows) +
      '<sheetFormatPr defaultRowHeight="15"/>' +
      cols(sheet.widths) +
      "<sheetData>",
  );

  for (let r = 0; r < sheet.rows.length; r += 1) {
    const cells = sheet.rows[r] ?? [];
    const headers = plan.headers.get(r);
    const number = String(r + 1);
    let open = false;
    for (let c = 0; c < cells.length; c += 1) {
      const cell = cells[c];
      if (cell === undefined) continue;
      const value = headers?.get(c) ?? cell.value;
      if (value === null || value === "") continue;
      if (!open) {
        out.ascii(`<row r="${number}">`);
        open = true;
      }
      out.ascii(cellStarts[c] ?? "");
      out.ascii(number);
      if (typeof value === "string") {
        const text = value.length > MAX_TEXT ? value.slice(0, MAX_TEXT) : value;
        out.ascii(textMarkup(cell));
        out.ascii(edgeSpace(text) ? ' xml:space="preserve">' : ">");
        out.text(escapeXmlText(text));
        out.ascii("</t></is></c>");
      } else if (typeof value === "number") {
        if (Number.isFinite(value)) {
          out.ascii(style(cell));
          out.ascii("><v>");
          out.ascii(String(value));
          out.ascii("</v></c>");
        } else {
          out.ascii(style(cell));
          out.ascii(' t="e"><v>#NUM!</v></c>');
        }
      } else {
        out.ascii(style(cell));
        out.ascii("><f>");
        out.text(escapeXmlText(value.formula.startsWith("=") ? value.formula.slice(1) : value.formula));
        out.ascii(Number.isFinite(value.result) ? `</f><v>${String(value.result)}</v></c>` : "</f></c>");
      }
    }
    if (open) out.ascii("</row>");
    if (out.full) await out.flush();
  }

  let tail = "</sheetData>";
  // Excel's default margins, written as Excel writes them for a new sheet.
  tail += '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
  if (plan.drawingRelationshipId !== undefined) tail += `<drawing r:id="${plan.drawingRelationshipId}"/>`;
  if (plan.tableRelationshipIds.length > 0) {
    tail += `<tableParts count="${String(plan.tableRelationshipIds.length)}">`;
    for (const id of plan.tableRelationshipIds) tail += `<tablePart r:id="${id}"/>`;
    tail += "</tableParts>";
  }
  out.text(`${tail}</worksheet>`);
  await out.flush();
}

// xml:space="preserve" keeps leading and trailing white space (ECMA-376 Part 1, 18.4.12): XML's
// space, tab, LF and CR.
function edgeSpace(text: string): boolean {
  return isWhite(text.charCodeAt(0)) || isWhite(text.charCodeAt(text.length - 1));
}

function isWhite(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

// UTF-8 written straight into chunks of about CHUNK bytes, a character at a time: no string is
// built per cell or per row (building strings spent most of the time collecting garbage, and
// TextEncoder costs more per call than a short cell's text). A chunk is handed over whole and
// never reused, as the compressor may still hold it.
class XmlBytes {
  private buffer = new Uint8Array(CHUNK + SLACK);
  private length = 0;
  private readonly pending: Uint8Array[] = [];

  constructor(private readonly emit: (utf8: Uint8Array) => Promise<void>) {}

  get full(): boolean {
    return this.length >= CHUNK;
  }

  /** Writes text known to be ASCII (markup, numbers, references). */
  ascii(text: string): void {
    this.room(text.length);
    const buffer = this.buffer;
    let at = this.length;
    for (let i = 0; i < text.length; i += 1) buffer[at++] = text.charCodeAt(i);
    this.length = at;
  }

  /** Writes any text (already escaped) as UTF-8; unpaired surrogates were escaped away. */
  text(text: string): void {
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    this.room(text.length * 3);
    const buffer = this.buffer;
    let at = this.length;
    for (let i = 0; i < text.length; i += 1) {
      let code = text.charCodeAt(i);
      if (code < 0x80) {
        buffer[at++] = code;
      } else if (code < 0x800) {
        buffer[at++] = 0xc0 | (code >> 6);
        buffer[at++] = 0x80 | (code & 0x3f);
      } else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
        code = 0x10000 + ((code - 0xd800) << 10) + (text.charCodeAt(i + 1) - 0xdc00);
        i += 1;
        buffer[at++] = 0xf0 | (code >> 18);
        buffer[at++] = 0x80 | ((code >> 12) & 0x3f);
        buffer[at++] = 0x80 | ((code >> 6) & 0x3f);
        buffer[at++] = 0x80 | (code & 0x3f);
      } else {
        buffer[at++] = 0xe0 | (code >> 12);
        buffer[at++] = 0x80 | ((code >> 6) & 0x3f);
        buffer[at++] = 0x80 | (code & 0x3f);
      }
    }
    this.length = at;
  }

  async flush(): Promise<void> {
    this.take();
    for (const chunk of this.pending.splice(0)) await this.emit(chunk);
  }

  private room(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    this.take();
    this.buffer = new Uint8Array(Math.max(CHUNK + SLACK, bytes));
  }

  private take(): void {
    if (this.length > 0) this.pending.push(this.buffer.subarray(0, this.length));
    this.buffer = new Uint8Array(CHUNK + SLACK);
    this.length = 0;
  }
}

function dimension(sheet: OutputSheet, letters: readonly string[]): string {
  let last = 0;
  let width = 0;
  sheet.rows.forEach((row, r) => {
    for (let c = row.length - 1; c >= 0; c -= 1) {
      const value = row[c]?.value;
      if (value === null || value === undefined || value === "") continue;
      last = r + 1;
      width = Math.max(width, c + 1);
      break;
    }
  });
  return last === 0 ? "A1" : `A1:${letters[width - 1] ?? "A"}${String(last)}`;
}

// A frozen heading is a pane split below it, frozen, with the selection in the pane below
// (ECMA-376 Part 1, 18.3.1.66 pane, as Excel writes it).
// No output tab is selected: the workbook opens on the tab the user saved it with (see
// addSheetsToPackage).
function sheetViews(frozenRows: number): string {
  if (frozenRows <= 0) return '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
  const below = `A${String(frozenRows + 1)}`;
  return (
    '<sheetViews><sheetView workbookViewId="0">' +
    `<pane ySplit="${String(frozenRows)}" topLeftCell="${below}" activePane="bottomLeft" state="frozen"/>` +
    `<selection pane="bottomLeft" activeCell="${below}" sqref="${below}"/>` +
    "</sheetView></sheetViews>"
  );
}

// Widths in characters as the sheet gives them; Excel's column width is at most 255 (18.3.1.13).
function cols(widths: readonly number[]): string {
  const columns = widths
    .map((width, c) =>
      Number.isFinite(width) && width > 0
        ? `<col min="${String(c + 1)}" max="${String(c + 1)}" width="${String(Math.min(width, 255))}" customWidth="1"/>`
        : "",
    )
    .join("");
  return columns === "" ? "" : `<cols>${columns}</cols>`;
}

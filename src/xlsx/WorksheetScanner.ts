import type { GridInput, SheetGrid } from "../core/establishment/SheetGrid";
import { dateToSerial, parseIsoDate } from "../core/periods/excelDate";
import { ChunkedXmlScanner } from "./ChunkedXmlScanner";
import type { GridBudget } from "./GridBudget";
import { PackageFault } from "./PackageFault";
import type { CellStyles } from "./readCellStyles";
import type { SharedStrings } from "./SharedStringsScanner";
import { StringItemReader } from "./StringItemReader";
import type { XmlTagKind } from "./XmlTag";
import { decodeXmlText } from "./xmlText";

// Pure: no Node, no DOM, so the standalone page can use the .xlsx reader too.

/** What a worksheet's cells refer to elsewhere in the package. */
export interface WorksheetContext {
  readonly strings: SharedStrings;
  readonly styles: CellStyles;
  /** The workbook counts dates from 1904 (`workbookPr date1904`). */
  readonly date1904: boolean;
  readonly budget: GridBudget;
}

// Excel's limits (Specifications and limits): 1,048,576 rows by 16,384 columns (XFD).
const MAX_ROW = 1_048_576;
const MAX_COLUMN = 16_384;
// Days from 1899-12-30 (the 1900 system's day 0) to 1904-01-01 (the 1904 system's).
const DAYS_1904 = 1462;
const SECONDS_PER_DAY = 86_400;

// One shared, frozen array for every empty row: a sheet whose last value is on row 1,000,000
// needs a million of them, and they are never written to.
const EMPTY_ROW: GridInput[] = Object.freeze([]) as unknown as GridInput[];

// A cell's t attribute (ECMA-376 Part 1 §18.18.11 ST_CellType); -1 for one it does not list.
const TYPE = { unknown: -1, number: 0, shared: 1, formulaText: 2, inline: 3, boolean: 4, error: 5, date: 6 } as const;
type CellType = (typeof TYPE)[keyof typeof TYPE];

const BEFORE_DATA = 0;
const IN_DATA = 1;
const AFTER_DATA = 2;

/**
 * Reads one worksheet part (ECMA-376 Part 1 §18.3 `<worksheet>`) chunk by chunk into a
 * {@link SheetGrid} with the values, strike-through and error values the ExcelJS path
 * (`gridsFromWorkbook`) gives: only cells with a value are kept, rows are arrays from column A,
 * empty rows are `[]` and nothing is kept after the last value. Cell types: shared string (`s`),
 * formula text (`str`), inline string (`inlineStr`), boolean (`b`), error (`e`), number (`n` or
 * none; a date stays its serial), ISO date (`d`). A formula is read by its cached value; one never
 * calculated is empty. Rows and cells without `r` follow the one before. Values inside a merged
 * range other than its top-left cell are dropped, as ExcelJS and Excel's `Range.values` do.
 *
 * @example
 * const scanner = new WorksheetScanner("Current", context);
 * scanner.feed('<worksheet><sheetData><row r="2"><c r="B2"><v>0.5</v></c></row></sheetData></worksheet>');
 * scanner.finish() //=> { name: "Current", rows: [[], [null, 0.5]] }
 */
export class WorksheetScanner extends ChunkedXmlScanner {
  private readonly rows: GridInput[][] = [];
  private readonly merges: string[] = [];
  private readonly item = new StringItemReader();
  private state = BEFORE_DATA;
  private lastRow = 0;
  private rowName = "row";
  private rowClose = "</row>";

  /**
   * @param name the sheet's name (the grid's, and for messages)
   * @param context the shared strings, styles and date system it refers to
   */
  constructor(
    private readonly name: string,
    private readonly context: WorksheetContext,
  ) {
    super(`sheet "${name}"`);
  }

  /** The grid, once the last chunk has been fed. */
  finish(): SheetGrid {
    this.endOfText();
    if (this.rootName !== "worksheet") {
      throw new PackageFault("unreadable", `${this.part} is a ${this.rootName ?? "?"}, not a worksheet`);
    }
    for (const ref of this.merges) this.clearMerge(ref);
    while (this.rows.length > 0 && this.rows[this.rows.length - 1]!.length === 0) this.rows.pop();
    return { name: this.name, rows: this.rows };
  }

  protected scan(): void {
    const tag = this.tag;
    let at = this.position;
    if (this.state === BEFORE_DATA) {
      if (!this.nextStartTag("sheetData", at)) return;
      this.state = tag.kind === "empty" ? AFTER_DATA : IN_DATA;
      at = tag.end;
    }
    if (this.state === IN_DATA) {
      at = this.readRows(at);
      if (this.state === IN_DATA) {
        this.position = at;
        return;
      }
    }
    // <mergeCells> follows <sheetData> (CT_Worksheet's sequence); nothing else after it matters.
    while (this.nextStartTag("mergeCell", at)) {
      at = tag.end;
      const ref = tag.attribute("ref");
      if (ref !== undefined) this.merges.push(ref);
    }
  }

  // Reads the rows whose close tag has come, from `at`; returns where to go on from, having left
  // IN_DATA at </sheetData>.
  private readRows(from: number): number {
    const source = this.source;
    const tag = this.tag;
    let at = from;
    for (;;) {
      const start = source.indexOf("<", at);
      if (start === -1) return source.length;
      if (!tag.read(source, start)) return start;
      if (tag.kind === "close" && tag.isNamed("sheetData")) {
        this.state = AFTER_DATA;
        return tag.end;
      }
      at = tag.end;
      if (tag.kind === "close" || !tag.isNamed("row")) continue;
      const rowNumber = this.rowNumber();
      if (tag.kind === "empty") continue;
      if (tag.nameEnd - tag.nameStart !== this.rowName.length || !source.startsWith(this.rowName, tag.nameStart)) {
        this.rowName = tag.name;
        this.rowClose = `</${tag.name}>`;
      }
      const close = this.rowClose;
      const end = source.indexOf(close, tag.end);
      if (end === -1) {
        this.waitFor(close);
        return start;
      }
      this.readRow(source, tag.end, end, rowNumber);
      at = end + close.length;
    }
  }

  // The row number of the <row> tag the cursor is on: its r, or the one after the last.
  private rowNumber(): number {
    const tag = this.tag;
    let rowNumber = this.lastRow + 1;
    while (tag.nextAttribute()) {
      if (
        tag.attributeNameEnd - tag.attributeNameStart === 1 &&
        tag.source.charCodeAt(tag.attributeNameStart) === 114
      ) {
        rowNumber = parseDigits(tag.source, tag.valueStart, tag.valueEnd);
        break;
      }
    }
    if (!(rowNumber >= 1 && rowNumber <= MAX_ROW)) {
      throw new PackageFault(
        "unreadable",
        `${this.part} after row ${String(this.lastRow)}: row number "${tag.attribute("r") ?? ""}" is not a row`,
      );
    }
    this.lastRow = rowNumber;
    return rowNumber;
  }

  private readRow(source: string, from: number, to: number, rowNumber: number): void {
    const tag = this.tag;
    const { strings, styles, date1904, budget } = this.context;
    let cells: GridInput[] | null = null;
    let column = 0;
    let at = source.indexOf("<", from);
    while (at !== -1 && at < to) {
      if (!tag.read(source, at) || tag.end > to) throw this.fault(rowNumber, column + 1, "the row is cut short");
      if (tag.kind === "close" || !tag.isNamed("c")) {
        at = source.indexOf("<", tag.end);
        continue;
      }
      let referenced = 0;
      let style = 0;
      let type: CellType = TYPE.number;
      let typeStart = 0;
      while (tag.nextAttribute()) {
        if (tag.attributeNameEnd - tag.attributeNameStart !== 1) continue;
        const name = source.charCodeAt(tag.attributeNameStart);
        if (name === 114 /* r */) {
          referenced = parseColumn(source, tag.valueStart, tag.valueEnd);
          if (referenced === 0) {
            throw this.fault(rowNumber, column + 1, `"${tag.value}" is not a cell reference`);
          }
        } else if (name === 115 /* s */) {
          style = parseDigits(source, tag.valueStart, tag.valueEnd);
        } else if (name === 116 /* t */) {
          type = cellType(source, tag.valueStart, tag.valueEnd);
          typeStart = tag.valueStart;
        }
      }
      column = referenced > 0 ? referenced : column + 1;
      if (column > MAX_COLUMN) throw this.fault(rowNumber, column, "the cell is beyond column XFD");
      if (type === TYPE.unknown) {
        const typeName = source.slice(typeStart, source.indexOf(source.charAt(typeStart - 1), typeStart));
        throw this.fault(rowNumber, column, `cell type "${typeName}" is unknown`);
      }
      if (tag.kind === "empty") {
        at = source.indexOf("<", tag.end);
        continue;
      }

      // The cell's children: <f>, <v>, <is>, <extLst>.
      let valueStart = -1;
      let valueEnd = -1;
      let valueRaw: string | null = null;
      let inline = false;
      let next = tag.end;
      for (;;) {
        const child = source.indexOf("<", next);
        if (child === -1 || child >= to) throw this.fault(rowNumber, column, "the cell is cut short");
        // Nearly every cell is <v>…</v></c> without prefixes: read it without the general cursor.
        if (source.charCodeAt(child + 1) === 47 /* / */ && source.startsWith("c>", child + 2)) {
          next = child + 4;
          break;
        }
        if (source.charCodeAt(child + 1) === 118 /* v */ && source.charCodeAt(child + 2) === 62 /* > */) {
          const end = source.indexOf("<", child + 3);
          if (end !== -1 && end < to && source.startsWith("/v>", end + 1)) {
            valueStart = child + 3;
            valueEnd = end;
            valueRaw = null;
            next = end + 4;
            continue;
          }
        }
        if (!tag.read(source, child) || tag.end > to) {
          throw this.fault(rowNumber, column, "the cell is cut short");
        }
        next = tag.end;
        const kind = tag.kind as XmlTagKind; // read() changed it
        if (kind === "close") {
          if (tag.isNamed("c")) break;
          continue;
        }
        if (kind !== "open") continue;
        if (tag.isNamed("v") || tag.isNamed("f")) {
          const isValue = tag.isNamed("v");
          if (!tag.readContent(to)) throw this.fault(rowNumber, column, "the cell is cut short");
          if (isValue) {
            valueStart = tag.contentStart;
            valueEnd = tag.contentEnd;
            valueRaw = tag.contentRaw;
          }
          next = tag.end;
        } else {
          const isInline = tag.isNamed("is");
          const close = `</${tag.name}>`;
          const end = source.indexOf(close, tag.end);
          if (end === -1 || end >= to) throw this.fault(rowNumber, column, "the cell is cut short");
          if (isInline) {
            this.readItem(source, tag.end, end, rowNumber, column);
            inline = true;
          }
          next = end;
        }
      }
      at = source.indexOf("<", next);

      const struck = styles.struck[style] === 1;
      let value: GridInput = null;
      const hasValue = valueRaw !== null || valueEnd > valueStart;
      if (type === TYPE.shared) {
        if (!hasValue) continue;
        const index =
          valueRaw === null ? parseDigits(source, valueStart, valueEnd) : parseDigits(valueRaw, 0, valueRaw.length);
        const text = strings.texts[index];
        if (text === undefined) {
          throw this.fault(
            rowNumber,
            column,
            `shared string ${valueRaw ?? source.slice(valueStart, valueEnd)} is not in the table of ${String(strings.texts.length)}`,
          );
        }
        if (text === "") continue;
        value = StringItemReader.isStruck(strings.strikes[index] ?? 0, struck) ? { value: text, struck: true } : text;
      } else if (type === TYPE.number) {
        if (!hasValue) continue;
        let number =
          valueRaw === null ? parseNumber(source, valueStart, valueEnd) : parseNumber(valueRaw, 0, valueRaw.length);
        if (Number.isNaN(number)) {
          throw this.fault(rowNumber, column, `"${valueRaw ?? source.slice(valueStart, valueEnd)}" is not a number`);
        }
        // ExcelJS turned a date-formatted number of a 1904 workbook into its calendar date, which
        // the grid holds as a 1900-system serial, the only system the engine reads.
        if (date1904 && styles.date[style] === 1) number += DAYS_1904;
        value = struck ? { value: number, struck: true } : number;
      } else if (type === TYPE.inline && inline) {
        const text = this.item.text;
        if (text === "") continue;
        value = StringItemReader.isStruck(this.item.strike, struck) ? { value: text, struck: true } : text;
      } else {
        if (!hasValue) continue;
        const text = decodeXmlText(valueRaw ?? source.slice(valueStart, valueEnd));
        if (type === TYPE.error) {
          const error = text.trim();
          if (error === "") continue;
          value = struck ? { value: null, error, struck: true } : { value: null, error };
        } else {
          let plain: string | number | boolean;
          if (type === TYPE.boolean) {
            const flag = text.trim();
            if (flag !== "0" && flag !== "1" && flag !== "true" && flag !== "false") {
              throw this.fault(rowNumber, column, `"${text}" is not TRUE or FALSE`);
            }
            plain = flag === "1" || flag === "true";
          } else if (type === TYPE.date) {
            const serial = isoDateSerial(text);
            if (serial === null) throw this.fault(rowNumber, column, `"${text}" is not an ISO 8601 date`);
            plain = serial;
          } else {
            // Formula text (str), or an inline string written as <v>.
            if (text === "") continue;
            plain = text;
          }
          value = struck ? { value: plain, struck: true } : plain;
        }
      }

      cells ??= [];
      const index = column - 1;
      if (index >= cells.length) {
        if (!budget.take(index + 1 - cells.length))
          throw budget.exceeded(`${this.part} cell ${cellName(rowNumber, column)}`);
        while (cells.length < index) cells.push(null);
        cells.push(value);
      } else {
        cells[index] = value;
      }
    }
    if (cells !== null) this.placeRow(rowNumber, cells);
  }

  private readItem(source: string, from: number, to: number, rowNumber: number, column: number): void {
    try {
      this.item.read(source, from, to);
    } catch (error) {
      if (error instanceof PackageFault) throw this.fault(rowNumber, column, error.detail);
      throw error;
    }
  }

  private placeRow(rowNumber: number, cells: GridInput[]): void {
    const rows = this.rows;
    if (rowNumber > rows.length) {
      while (rows.length < rowNumber - 1) rows.push(EMPTY_ROW);
      rows.push(cells);
      return;
    }
    // A row number seen before (rows out of order, or repeated): its cells join the earlier ones.
    const earlier = rows[rowNumber - 1]!;
    if (earlier.length === 0) {
      rows[rowNumber - 1] = cells;
      return;
    }
    cells.forEach((value, index) => {
      if (value === null) return;
      while (earlier.length < index) earlier.push(null);
      earlier[index] = value;
    });
  }

  private clearMerge(ref: string): void {
    const range = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(ref.trim());
    if (range === null) return;
    const [, firstColumn = "", firstRow = "", lastColumn = firstColumn, lastRow = firstRow] = range;
    const top = Number(firstRow);
    const left = parseColumn(firstColumn, 0, firstColumn.length);
    const bottom = Math.min(Number(lastRow), this.rows.length);
    const right = parseColumn(lastColumn, 0, lastColumn.length);
    for (let r = top; r <= bottom; r++) {
      const cells = this.rows[r - 1];
      if (cells === undefined || cells.length === 0) continue;
      for (let c = r === top ? left + 1 : left; c <= Math.min(right, cells.length); c++) cells[c - 1] = null;
      while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
      if (cells.length === 0) this.rows[r - 1] = EMPTY_ROW;
    }
  }

  private fault(row: number, column: number, what: string): PackageFault {
    return new PackageFault("unreadable", `${this.part} cell ${cellName(row, column)}: ${what}`);
  }
}

function cellType(source: string, start: number, end: number): CellType {
  const length = end - start;
  const first = source.charCodeAt(start);
  if (length === 1) {
    if (first === 115 /* s */) return TYPE.shared;
    if (first === 110 /* n */) return TYPE.number;
    if (first === 98 /* b */) return TYPE.boolean;
    if (first === 101 /* e */) return TYPE.error;
    if (first === 100 /* d */) return TYPE.date;
  } else if (length === 3 && source.startsWith("str", start)) {
    return TYPE.formulaText;
  } else if (length === 9 && source.startsWith("inlineStr", start)) {
    return TYPE.inline;
  }
  return TYPE.unknown;
}

// A cell reference's column (A → 1, XFD → 16,384); 0 when it is not a reference.
function parseColumn(source: string, start: number, end: number): number {
  let column = 0;
  let i = start;
  if (source.charCodeAt(i) === 36 /* $ */) i++;
  const lettersFrom = i;
  for (; i < end && i - lettersFrom < 3; i++) {
    const code = source.charCodeAt(i) | 0x20; // lower case
    if (code < 97 || code > 122) break;
    column = column * 26 + (code - 96);
  }
  if (i === lettersFrom) return 0;
  for (let j = source.charCodeAt(i) === 36 ? i + 1 : i; j < end; j++) {
    const code = source.charCodeAt(j);
    if (code < 48 || code > 57) return 0;
  }
  return column;
}

// A non-negative integer written in digits; NaN otherwise.
function parseDigits(source: string, start: number, end: number): number {
  if (end <= start || end - start > 15) return Number.NaN;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = source.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

// A cell's number as Excel writes it (xsd:double); NaN when it is not one.
function parseNumber(source: string, start: number, end: number): number {
  const negative = source.charCodeAt(start) === 45; /* - */
  const whole = parseDigits(source, negative ? start + 1 : start, end);
  if (!Number.isNaN(whole)) return negative ? -whole : whole;
  const text = source.slice(start, end).trim();
  if (text === "" || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return Number.NaN;
  const value = Number(text);
  return Number.isFinite(value) ? value : Number.NaN;
}

// ECMA-376 Part 1 §18.17.4: a t="d" cell holds an ISO 8601 date, time or both; the grid holds its
// 1900-system serial, as Excel shows it, whatever time zone is written.
function isoDateSerial(text: string): number | null {
  const match = /^(\d{4}-\d{2}-\d{2})?(?:T(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?(?:Z|[+-]\d{2}:?\d{2})?$/.exec(
    text.trim(),
  );
  if (match === null || (match[1] === undefined && match[2] === undefined)) return null;
  let serial = 0;
  if (match[1] !== undefined) {
    const date = parseIsoDate(match[1]);
    if (date === null) return null;
    serial = dateToSerial(date);
  }
  if (match[2] !== undefined) {
    const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4] ?? 0);
    serial += seconds / SECONDS_PER_DAY;
  }
  return serial;
}

function cellName(row: number, column: number): string {
  let letters = "";
  for (let c = column; c > 0; c = Math.floor((c - 1) / 26))
    letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return `${letters}${String(row)}`;
}

import type { OutputCell, OutputTable } from "../output/outputSheets";
import { type CellRange, formatRange, parseRange } from "./cellAddress";
import { escapeXmlAttribute } from "./xmlText";

/** An Excel table ready to write: its part's XML and the header text its cells must show. */
export interface PlannedTable {
  readonly name: string;
  readonly id: number;
  readonly range: CellRange;
  /** Column names, left to right; the header cells are written with exactly these. */
  readonly columns: readonly string[];
  readonly xml: string;
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
// A light style whose header row stands out; Excel's own default for a new table is Medium2.
const STYLE = "TableStyleLight9";
const MAX_NAME = 255;

/**
 * Whether `name` may name an Excel table: a letter, underscore or backslash, then letters,
 * digits, underscores, periods and backslashes, at most 255 characters, and not something Excel
 * would read as a cell reference (A1 or R1C1). The rules Excel enforces and XlsxWriter checks
 * (worksheet.py add_table).
 *
 * @example
 * isTableName("ReductionTable2") //=> true
 * isTableName("AB12") //=> false
 */
export function isTableName(name: string): boolean {
  return (
    name.length <= MAX_NAME &&
    /^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name) &&
    !/^[A-Za-z]{1,3}\d+$/.test(name) &&
    !/^[RrCc]$/.test(name) &&
    !/^[Rr]\d*[Cc]\d*$/.test(name)
  );
}

function headerText(cell: OutputCell | undefined): string {
  const value = cell?.value;
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return String(value.result);
}

/**
 * Plans one Excel table (ListObject) over a block of an output sheet: the next free name (the
 * wanted one, else with 2, 3 … appended: "ReductionTable2"), unique across the workbook's tables
 * and defined names; column names from the header cells, made non-empty and unique; and the
 * table part's XML. Excel repairs a file (dropping the table) whose table column names differ from
 * the header cells, repeat one another ignoring case, or are empty, or whose ref and column count
 * disagree (exceljs issues #2944 and #106, XlsxWriter issue #1126), so the names are decided here
 * and the writer puts the same text in the header cells.
 *
 * @param taken names in use, lower-cased: table names and display names, defined names; the
 *   chosen name is added
 * @example
 * planTable({ name: "ReductionTable", range: "A1:K40" }, rows, new Set(["reductiontable"]), 3).name //=> "ReductionTable2"
 */
export function planTable(
  table: OutputTable,
  rows: readonly (readonly OutputCell[])[],
  taken: Set<string>,
  id: number,
): PlannedTable {
  if (!isTableName(table.name)) throw new Error(`"${table.name}" cannot name an Excel table`);
  const range = parseRange(table.range);
  // A table is a header row and at least one row under it (XlsxWriter: "Must have at least one
  // data row").
  if (range.bottom <= range.top) throw new Error(`table ${table.name} (${table.range}) has no row under its header`);
  let name = table.name;
  for (let n = 2; taken.has(name.toLowerCase()); n += 1) name = `${table.name}${String(n)}`;
  taken.add(name.toLowerCase());

  const header = rows[range.top - 1] ?? [];
  const seen = new Set<string>();
  const columns: string[] = [];
  for (let column = range.left; column <= range.right; column += 1) {
    // Control characters (line breaks included) become spaces: Excel stores them in a column name
    // in its own escaped form, which a header cell would not match.
    const text = headerText(header[column - 1])
      // eslint-disable-next-line no-control-regex -- the control characters are what is replaced
      .replace(/[\u0000-\u001F\u007F]+/g, " ")
      .trim()
      .slice(0, MAX_NAME);
    const base = text === "" ? `Column${String(column - range.left + 1)}` : text;
    let candidate = base;
    for (let n = 2; seen.has(candidate.toLowerCase()); n += 1) candidate = `${base.slice(0, MAX_NAME - 6)}${String(n)}`;
    seen.add(candidate.toLowerCase());
    columns.push(candidate);
  }

  // Row stripes would cut across the bold subtotal rows of a grouped table; a plain list gets them.
  let grouped = false;
  for (let r = range.top; r < range.bottom && !grouped; r += 1) {
    const row = rows[r] ?? [];
    for (let c = range.left - 1; c < range.right && !grouped; c += 1) grouped = row[c]?.bold === true;
  }

  const ref = formatRange(range);
  const xml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<table xmlns="${MAIN}" id="${String(id)}" name="${name}" displayName="${name}" ref="${ref}" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/>` +
    `<tableColumns count="${String(columns.length)}">` +
    columns.map((column, i) => `<tableColumn id="${String(i + 1)}" name="${escapeXmlAttribute(column)}"/>`).join("") +
    "</tableColumns>" +
    `<tableStyleInfo name="${STYLE}" showFirstColumn="0" showLastColumn="0" showRowStripes="${grouped ? "0" : "1"}" showColumnStripes="0"/>` +
    "</table>";
  return { name, id, range, columns, xml };
}

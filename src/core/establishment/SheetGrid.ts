import type { CellValue } from "../pay/parseLocalScale";

/**
 * One cell as a host hands it over: its value plus the formatting the reader needs. Excel's
 * `Range.values` + `Range.format.font.strikethrough`, and an .xlsx cell read by ExcelJS, both map
 * to this. Dates arrive as Excel serial numbers.
 */
export interface GridCell {
  readonly value: CellValue;
  /** The cell's text is struck through (how HR marks a leaver). */
  readonly struck?: boolean;
  /** The cell holds an error value such as `#REF!` (then `value` is ignored). */
  readonly error?: string;
}

/** A cell in a grid: a bare value, or a value with formatting. */
export type GridInput = GridCell | CellValue;

/** One row of a grid; rows may be ragged and may be shorter than the widest row. */
export type GridRow = readonly GridInput[];

/**
 * A sheet as a grid of cells: `rows[0]` is spreadsheet row 1 and `rows[r][0]` is column A. The
 * reader never changes it.
 */
export interface SheetGrid {
  readonly name: string;
  readonly rows: readonly GridRow[];
}

/**
 * The error values Excel can put in a cell. `Range.values` returns them as text, so a string equal
 * to one of these is read as an error.
 *
 * @example
 * EXCEL_ERROR_VALUES.has("#REF!") //=> true
 */
export const EXCEL_ERROR_VALUES: ReadonlySet<string> = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
  "#PYTHON!",
]);

/** A cell read back from a grid: its value, strike-through and error (if any). */
export interface ReadCell {
  readonly value: CellValue;
  readonly struck: boolean;
  readonly error: string | null;
}

const EMPTY: ReadCell = { value: null, struck: false, error: null };

/** A cell's parts as {@link readCellInto} writes them: a {@link ReadCell} that can be reused. */
export interface CellParts {
  value: CellValue;
  struck: boolean;
  error: string | null;
}

/**
 * Reads cell (row, column), both 0-based, from a grid row, whatever form it was given in.
 *
 * @example
 * readCell([[1, { value: "x", struck: true }]], 0, 1) //=> { value: "x", struck: true, error: null }
 */
export function readCell(rows: readonly GridRow[], row: number, column: number): ReadCell {
  const input = rows[row]?.[column];
  if (input === null || input === undefined) return EMPTY;
  const parts: CellParts = { value: null, struck: false, error: null };
  readCellInto(input, parts);
  return parts.value === null && parts.error === null && !parts.struck ? EMPTY : parts;
}

/**
 * Reads one cell as given into `into`, allocating nothing for the usual cell (a number, a string
 * or a blank), so that a reader can go through a million rows without an object per cell.
 *
 * @example
 * const parts = { value: null, struck: false, error: null };
 * readCellInto({ value: " #REF! " }, parts); // parts is { value: null, struck: false, error: "#REF!" }
 */
export function readCellInto(input: GridInput | undefined, into: CellParts): void {
  if (input === null || input === undefined) {
    into.value = null;
    into.struck = false;
    into.error = null;
    return;
  }
  if (typeof input === "object") {
    const error = typeof input.error === "string" && input.error !== "" ? input.error : null;
    const value = error === null ? readValue(input.value) : null;
    const errorFromText = errorValueOf(value);
    into.value = errorFromText === null ? value : null;
    into.struck = input.struck === true;
    into.error = error ?? errorFromText;
    return;
  }
  const value = readValue(input);
  const error = errorValueOf(value);
  into.value = error === null ? value : null;
  into.struck = false;
  into.error = error;
}

// Text that is an error value (Excel's `Range.values` gives them as text). Every one starts with
// "#", so text without one is not looked up (or trimmed).
function errorValueOf(value: CellValue): string | null {
  if (typeof value !== "string" || !value.includes("#")) return null;
  const text = value.trim();
  return EXCEL_ERROR_VALUES.has(text) ? text : null;
}

// Anything that is not a number, string or boolean (a stray object from a host) reads as its text,
// so odd input never crashes the reader; NaN and infinities are not numbers a sheet can hold.
function readValue(value: unknown): CellValue {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "string" || typeof value === "boolean") return value;
  try {
    return JSON.stringify(value) ?? null;
  } catch {
    return "[unreadable value]";
  }
}

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

/**
 * Reads cell (row, column), both 0-based, from a grid row, whatever form it was given in.
 *
 * @example
 * readCell([[1, { value: "x", struck: true }]], 0, 1) //=> { value: "x", struck: true, error: null }
 */
export function readCell(rows: readonly GridRow[], row: number, column: number): ReadCell {
  const cells = rows[row];
  if (cells === undefined) return EMPTY;
  return cellsOf(cells)[column] ?? EMPTY;
}

// The reader looks at each row several times (shape, header, total label, post fields) and at
// the rows either side of it; converting a row once and keeping the last few saves most of the
// work and garbage at a million rows, without holding a second copy of the sheet. Grids are
// never changed while they are read, so a row's identity is enough of a key.
const RECENT_ROWS = 4;
const recentRows: GridRow[] = [];
const recentCells: (readonly ReadCell[])[] = [];

function cellsOf(cells: GridRow): readonly ReadCell[] {
  const index = recentRows.indexOf(cells);
  if (index !== -1) return recentCells[index] ?? [];
  const converted = cells.map(convertCell);
  recentRows.unshift(cells);
  recentCells.unshift(converted);
  if (recentRows.length > RECENT_ROWS) {
    recentRows.pop();
    recentCells.pop();
  }
  return converted;
}

function convertCell(input: GridInput): ReadCell {
  if (input === null || input === undefined) return EMPTY;
  if (typeof input === "object") {
    const error = typeof input.error === "string" && input.error !== "" ? input.error : null;
    const value = error === null ? readValue(input.value) : null;
    const errorFromText = typeof value === "string" && EXCEL_ERROR_VALUES.has(value.trim()) ? value.trim() : null;
    return {
      value: errorFromText === null ? value : null,
      struck: input.struck === true,
      error: error ?? errorFromText,
    };
  }
  const value = readValue(input);
  if (typeof value === "string" && EXCEL_ERROR_VALUES.has(value.trim())) {
    return { value: null, struck: false, error: value.trim() };
  }
  return value === null ? EMPTY : { value, struck: false, error: null };
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

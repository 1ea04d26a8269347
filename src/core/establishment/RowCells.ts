import type { CellValue } from "../pay/parseLocalScale";
import { type CellParts, readCellInto, type SheetGrid } from "./SheetGrid";

/**
 * One grid row read once, into arrays that are reused for the next row: each cell's value,
 * strike-through and error, and the row's shape (what {@link readCell} and `rowShape` give, cell
 * by cell). The sheet reader looks at a row several times (errors, shape, header, total label, post
 * fields); at a million rows a ReadCell object per cell per look would be tens of millions of
 * objects, so it loads each row here once and reads the arrays.
 *
 * @example
 * const cells = new RowCells().load({ name: "S", rows: [["Total", 3, "  "]] }, 0);
 * [cells.filled, cells.texts, cells.numbers, cells.width] //=> [2, 1, 1, 3]
 * cells.value(1) //=> 3
 */
export class RowCells {
  /** The 0-based row loaded (-1 before the first load). */
  row = -1;
  /** The length of the row as given (cells beyond it are blank). */
  width = 0;
  /** Cells that are not blank: a value other than blank text, or an error. */
  filled = 0;
  /** Filled cells holding text or a boolean. */
  texts = 0;
  /** Filled cells holding a number. */
  numbers = 0;
  /** Cells holding an error value. */
  errorCount = 0;
  /** Some cell of the row is struck through. */
  anyStruck = false;

  private readonly values: CellValue[] = [];
  private readonly struckCells: boolean[] = [];
  private readonly errors: (string | null)[] = [];
  private readonly parts: CellParts = { value: null, struck: false, error: null };

  /**
   * Reads row `row` of `grid` (0-based), replacing the row held before.
   *
   * @example
   * cells.load(grid, 0).filled //=> 2
   */
  load(grid: SheetGrid, row: number): this {
    const cells = grid.rows[row] ?? [];
    const width = cells.length;
    const parts = this.parts;
    let filled = 0;
    let texts = 0;
    let numbers = 0;
    let errorCount = 0;
    let anyStruck = false;
    for (let c = 0; c < width; c += 1) {
      readCellInto(cells[c], parts);
      const value = parts.value;
      this.values[c] = value;
      this.struckCells[c] = parts.struck;
      this.errors[c] = parts.error;
      anyStruck ||= parts.struck;
      if (parts.error !== null) {
        errorCount += 1;
        filled += 1;
        continue;
      }
      if (value === null || value === undefined) continue;
      if (typeof value === "number") {
        filled += 1;
        numbers += 1;
      } else if (typeof value !== "string" || !isBlankText(value)) {
        filled += 1;
        texts += 1;
      }
    }
    this.row = row;
    this.width = width;
    this.filled = filled;
    this.texts = texts;
    this.numbers = numbers;
    this.errorCount = errorCount;
    this.anyStruck = anyStruck;
    return this;
  }

  /**
   * The value of a 0-based column: null for a blank cell, an error or a column beyond the row.
   *
   * @example
   * new RowCells().load({ name: "S", rows: [[1, "#REF!"]] }, 0).value(1) //=> null
   */
  value(column: number): CellValue {
    return column < this.width ? (this.values[column] ?? null) : null;
  }

  /**
   * The error value in a column, or null.
   *
   * @example
   * new RowCells().load({ name: "S", rows: [[1, "#REF!"]] }, 0).error(1) //=> "#REF!"
   */
  error(column: number): string | null {
    return column < this.width ? (this.errors[column] ?? null) : null;
  }

  /**
   * The column's cell is struck through.
   *
   * @example
   * new RowCells().load({ name: "S", rows: [[{ value: "x", struck: true }]] }, 0).struck(0) //=> true
   */
  struck(column: number): boolean {
    return column < this.width && this.struckCells[column] === true;
  }

  /**
   * The column's text, trimmed; "" for anything that is not text.
   *
   * @example
   * new RowCells().load({ name: "S", rows: [[" FTE ", 1]] }, 0).text(0) //=> "FTE"
   */
  text(column: number): string {
    const value = this.value(column);
    return typeof value === "string" ? value.trim() : "";
  }
}

// Text is blank when it trims to nothing; text starting with a printable ASCII character cannot,
// which spares trimming nearly every cell.
function isBlankText(text: string): boolean {
  const first = text.charCodeAt(0);
  if (first > 0x20 && first < 0x7f) return false;
  return text.trim() === "";
}

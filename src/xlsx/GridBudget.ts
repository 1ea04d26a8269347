import { PackageFault } from "./PackageFault";

// Pure: no Node, no DOM, so the standalone page can use the .xlsx reader too.

/**
 * How many cells every grid of a workbook may hold between them, counting the blanks a row needs
 * up to its last value (a grid row is an array from column A) and one per shared string. At
 * 1,000,000 posts a side the grids hold about 22 million; a sheet with a value in column XFD on
 * every row would need 17 billion, which no memory holds, so it is refused instead.
 *
 * @example
 * GRID_CELL_LIMIT //=> 50_000_000
 */
export const GRID_CELL_LIMIT = 50_000_000;

/**
 * Counts the cells a workbook's grids take as they are built, against {@link GRID_CELL_LIMIT}.
 *
 * @example
 * const budget = new GridBudget();
 * if (!budget.take(16_384)) throw budget.exceeded('sheet "Current" cell XFD2');
 */
export class GridBudget {
  /** Cells taken so far. */
  used = 0;

  /** @param limit the most cells allowed (tests use a smaller one) */
  constructor(readonly limit: number = GRID_CELL_LIMIT) {}

  /**
   * Takes `count` more cells; false once past the limit (then throw {@link GridBudget.exceeded}).
   * Cheap enough to call for every cell.
   */
  take(count: number): boolean {
    this.used += count;
    return this.used <= this.limit;
  }

  /** The fault to throw when {@link take} says the limit is passed at `where`. */
  exceeded(where: string): PackageFault {
    return new PackageFault(
      "too-large",
      `${where} takes it over ${this.limit.toLocaleString("en-GB")} cells, counting the blank cells before each row's last value`,
    );
  }
}

import { cellRef } from "./cellRef";
import { PROBLEM_CATALOGUE, type ProblemCode, type Severity } from "./problemCatalogue";

/** One validation problem, located to a sheet and (nearly always) a cell. */
export interface Problem {
  readonly code: ProblemCode;
  readonly severity: Severity;
  readonly sheet: string;
  /** A1 reference such as "F10"; null only for a problem about a whole row. */
  readonly cell: string | null;
  /** 1-based spreadsheet row, or null for a problem about a whole sheet that has a cell. */
  readonly row: number | null;
  readonly message: string;
  readonly hint: string;
}

/** Where a problem is: 0-based row and column of a sheet. */
export interface ProblemPlace {
  readonly sheet: string;
  readonly row: number;
  readonly column: number | null;
}

/**
 * Makes a problem from the catalogue, located at a 0-based row and column.
 *
 * @example
 * makeProblem("total-row", { sheet: "Current", row: 9, column: 0 }, "Total fte").cell //=> "A10"
 */
export function makeProblem(
  code: ProblemCode,
  place: ProblemPlace,
  message: string,
  options: { readonly severity?: Severity; readonly hint?: string } = {},
): Problem {
  const kind = PROBLEM_CATALOGUE[code];
  return {
    code,
    severity: options.severity ?? kind.severity,
    sheet: place.sheet,
    cell: place.column === null ? null : cellRef(place.row, place.column),
    row: place.row + 1,
    message,
    hint: options.hint ?? kind.hint,
  };
}

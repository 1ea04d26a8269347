import { CostingError } from "../errors/CostingError";
import { LATEST_PAY_YEAR } from "../pay/nationalPaySpine";
import { columnOfRef } from "./cellRef";
import { checkAcrossSheets } from "./checkAcrossSheets";
import { checkEstablishmentRows } from "./checkEstablishmentRows";
import { checkGrades } from "./checkGrades";
import type { EstablishmentRole, EstablishmentSheet } from "./EstablishmentRow";
import { findSheets, type SheetRoles } from "./findSheets";
import { PostNumberIndex } from "./PostNumberIndex";
import type { Problem } from "./Problem";
import { pushAll } from "./pushAll";
import type { Severity } from "./problemCatalogue";
import { readEstablishmentSheet, type SheetRead } from "./readEstablishmentSheet";
import { type GradeBook, readGradesSheet } from "./readGradesSheet";
import type { SheetGrid } from "./SheetGrid";

/** Settings of a validation run. */
export interface ValidateOptions {
  /** Sheet names the user chose; the rest are found by name. */
  readonly sheets?: Partial<SheetRoles>;
  /** Hours of a full-time week (default 37; Barnet uses 36). */
  readonly standardHours?: number;
  /** Pay year whose spine SCPs are checked against (default: the latest known). */
  readonly payYear?: number;
}

/** Everything a validation run found. */
export interface WorkbookValidation {
  readonly roles: SheetRoles;
  readonly current: EstablishmentSheet | null;
  readonly proposed: EstablishmentSheet | null;
  readonly grades: GradeBook | null;
  /** In workbook order: by sheet, then row, then column. */
  readonly problems: readonly Problem[];
  readonly counts: Readonly<Record<Severity, number>>;
}

/**
 * Reads and validates a workbook's current and proposed establishments and grades table: each
 * sheet's own problems, then checks across rows, against the grades table and between the two
 * establishments. Throws a CostingError only for misuse (a named sheet that does not exist, a
 * standard week that is not a number of hours); everything wrong with the data is a problem.
 *
 * @example
 * validateWorkbook([{ name: "Current", rows: [["Job title", "FTE"], ["Social Worker", 1.5]] }]).counts //=> { error: 0, warning: 1, info: 0 }
 */
export function validateWorkbook(grids: readonly SheetGrid[], options: ValidateOptions = {}): WorkbookValidation {
  const names = grids.map((grid) => grid.name);
  for (const [role, name] of Object.entries(options.sheets ?? {})) {
    if (typeof name === "string" && !names.includes(name)) {
      throw new CostingError(
        "invalid-value",
        `There is no sheet "${name}" for the ${role} ${role === "grades" ? "table" : "establishment"}. The sheets are: ${names.map((n) => `"${n}"`).join(", ")}.`,
      );
    }
  }
  const standardHours = options.standardHours;
  if (standardHours !== undefined && !(Number.isFinite(standardHours) && standardHours > 0 && standardHours <= 168)) {
    throw new CostingError(
      "invalid-number",
      `A standard week of ${String(standardHours)} hours is not possible: give the hours of a full-time week, such as 37.`,
    );
  }
  const roles = findSheets(names, options.sheets);
  const gridOf = (name: string | null): SheetGrid | undefined => grids.find((grid) => grid.name === name);
  const problems: Problem[] = [];

  const gradesGrid = gridOf(roles.grades);
  const gradesRead = gradesGrid === undefined ? null : readGradesSheet(gradesGrid);
  if (gradesRead !== null) pushAll(problems, gradesRead.problems);
  const book = gradesRead?.book ?? null;

  const read = (role: EstablishmentRole): SheetRead | null => {
    const grid = gridOf(roles[role]);
    return grid === undefined
      ? null
      : readEstablishmentSheet(grid, role, standardHours === undefined ? {} : { standardHours });
  };
  const currentRead = read("current");
  const proposedRead = read("proposed");
  // Both sheets' post numbers are indexed once, for the checks in each sheet and across them.
  const numbers = new PostNumberIndex(currentRead?.establishment.rows ?? [], proposedRead?.establishment.rows ?? []);
  const check = (sheetRead: SheetRead | null, list: 0 | 1): EstablishmentSheet | null => {
    if (sheetRead === null) return null;
    pushAll(problems, sheetRead.problems);
    pushAll(problems, checkEstablishmentRows(sheetRead.establishment, numbers.list(list)));
    pushAll(problems, checkGrades(sheetRead.establishment, book, options.payYear ?? LATEST_PAY_YEAR));
    return sheetRead.establishment;
  };
  const current = check(currentRead, 0);
  const proposed = check(proposedRead, 1);
  if (current !== null && proposed !== null) pushAll(problems, checkAcrossSheets(current, proposed, numbers));

  // By sheet, row, column, then as found. Each problem's place is worked out once, not in every
  // comparison: a hundred thousand problems take a couple of million comparisons.
  const order = new Map(names.map((name, index) => [name, index]));
  const sheetOf = problems.map((problem) => order.get(problem.sheet) ?? 0);
  const rowOf = problems.map((problem) => problem.row ?? 0);
  const columnOf = problems.map((problem) => (problem.cell === null ? -1 : columnOfRef(problem.cell)));
  const sorted = problems
    .map((_, index) => index)
    .sort(
      (a, b) =>
        (sheetOf[a] ?? 0) - (sheetOf[b] ?? 0) ||
        (rowOf[a] ?? 0) - (rowOf[b] ?? 0) ||
        (columnOf[a] ?? 0) - (columnOf[b] ?? 0) ||
        a - b,
    )
    .map((index) => problems[index] as Problem);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const problem of sorted) counts[problem.severity] += 1;
  return { roles, current, proposed, grades: book, problems: sorted, counts };
}

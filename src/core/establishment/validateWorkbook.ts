import { CostingError } from "../errors/CostingError";
import { LATEST_PAY_YEAR } from "../pay/nationalPaySpine";
import { columnOfRef } from "./cellRef";
import { checkAcrossSheets } from "./checkAcrossSheets";
import { checkEstablishmentRows } from "./checkEstablishmentRows";
import { checkGrades } from "./checkGrades";
import type { EstablishmentRole, EstablishmentSheet } from "./EstablishmentRow";
import { findSheets, type SheetRoles } from "./findSheets";
import type { Problem } from "./Problem";
import type { Severity } from "./problemCatalogue";
import { readEstablishmentSheet } from "./readEstablishmentSheet";
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
  if (gradesRead !== null) problems.push(...gradesRead.problems);
  const book = gradesRead?.book ?? null;

  const read = (role: EstablishmentRole): EstablishmentSheet | null => {
    const grid = gridOf(roles[role]);
    if (grid === undefined) return null;
    const sheetRead = readEstablishmentSheet(grid, role, standardHours === undefined ? {} : { standardHours });
    problems.push(...sheetRead.problems);
    problems.push(...checkEstablishmentRows(sheetRead.establishment));
    problems.push(...checkGrades(sheetRead.establishment, book, options.payYear ?? LATEST_PAY_YEAR));
    return sheetRead.establishment;
  };
  const current = read("current");
  const proposed = read("proposed");
  if (current !== null && proposed !== null) problems.push(...checkAcrossSheets(current, proposed));

  const order = new Map(names.map((name, index) => [name, index]));
  const sorted = problems
    .map((problem, index) => ({ problem, index }))
    .sort(
      (a, b) =>
        (order.get(a.problem.sheet) ?? 0) - (order.get(b.problem.sheet) ?? 0) ||
        (a.problem.row ?? 0) - (b.problem.row ?? 0) ||
        (a.problem.cell === null ? -1 : columnOfRef(a.problem.cell)) -
          (b.problem.cell === null ? -1 : columnOfRef(b.problem.cell)) ||
        a.index - b.index,
    )
    .map(({ problem }) => problem);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const problem of sorted) counts[problem.severity] += 1;
  return { roles, current, proposed, grades: book, problems: sorted, counts };
}

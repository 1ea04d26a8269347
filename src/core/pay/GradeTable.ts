import { CostingError } from "../errors/CostingError";
import { normaliseScp } from "./normaliseScp";
import type { CellValue } from "./parseLocalScale";

/** A grade and the spinal column points it spans. */
export interface GradeRange {
  /** The grade as written ("PO1", "Band 8", 10). */
  readonly grade: string;
  readonly lowest: string;
  readonly highest: string;
}

/** Grades keyed by their normalised name (see {@link normaliseGrade}). */
export type GradeTable = ReadonlyMap<string, GradeRange>;

/**
 * The key a grade is matched on: case, spacing and dash style do not matter.
 *
 * @example
 * normaliseGrade(" band  8 ") //=> "BAND 8"
 * normaliseGrade("42 – 45") //=> "42-45"
 */
export function normaliseGrade(grade: number | string): string {
  return String(grade)
    .trim()
    .replace(/\s*[-–—]\s*/g, "-")
    .replace(/\s+/g, " ")
    .toUpperCase();
}

function isBlank(value: CellValue): boolean {
  return value === null || value === undefined || value === "" || value === 0;
}

/**
 * Reads a grades range with columns grade | lowest SCP | highest SCP (a single-point grade may leave
 * the highest blank). Blank rows and a heading row are skipped.
 *
 * @example
 * parseGradeTable([["Grade", "Lowest", "Highest"], ["PO1", 32, 35]]).get("PO1") //=> { grade: "PO1", lowest: "32", highest: "35" }
 */
export function parseGradeTable(rows: readonly (readonly CellValue[])[]): GradeTable {
  const grades = new Map<string, GradeRange>();
  rows.forEach((row, index) => {
    const [gradeCell, lowCell, highCell] = row;
    if (isBlank(gradeCell) && isBlank(lowCell) && isBlank(highCell)) return;
    const where = `row ${String(index + 1)} of the grades`;
    if (index === 0 && typeof lowCell === "string" && !/\d/.test(lowCell)) return;
    if (typeof gradeCell !== "number" && typeof gradeCell !== "string") {
      throw new CostingError("invalid-value", `The grade in ${where} is blank: name every grade.`);
    }
    if (typeof lowCell !== "number" && typeof lowCell !== "string") {
      throw new CostingError("invalid-value", `The lowest SCP in ${where} is blank: give the grade's first point.`);
    }
    const lowest = normaliseScp(lowCell);
    const highest =
      typeof highCell === "number" || typeof highCell === "string"
        ? isBlank(highCell)
          ? lowest
          : normaliseScp(highCell)
        : lowest;
    const numeric = /^\d+$/.test(lowest) && /^\d+$/.test(highest);
    if (numeric && Number(highest) < Number(lowest)) {
      throw new CostingError(
        "invalid-value",
        `Grade ${String(gradeCell)} runs from SCP ${lowest} down to ${highest} (${where}): put the lowest point first.`,
      );
    }
    const key = normaliseGrade(gradeCell);
    if (grades.has(key)) {
      throw new CostingError(
        "invalid-value",
        `Grade ${String(gradeCell)} appears twice (${where}): keep one row per grade.`,
      );
    }
    grades.set(key, { grade: String(gradeCell).trim(), lowest, highest });
  });
  if (grades.size === 0) {
    throw new CostingError("invalid-value", "The grades range is empty: give rows of grade, lowest SCP, highest SCP.");
  }
  return grades;
}

import { NATIONAL_PAY_SPINE } from "../pay/nationalPaySpine";
import { yearLabel } from "../periods/FinancialYear";
import { columnOfRef } from "./cellRef";
import type { EstablishmentRow, EstablishmentSheet } from "./EstablishmentRow";
import { makeProblem, type Problem } from "./Problem";
import type { GradeBook } from "./readGradesSheet";

/**
 * Checks the grades and SCPs of an establishment against the grades table and the pay tables:
 * a costed post with no grade (hr-sheet-problems.md #13), a grade the table does not hold, an SCP
 * outside its grade, and an SCP the pay spine of the pay year does not hold. Posts with no FTE
 * (deleted, placeholders such as Leicester §7's band `0`) are not costed and not checked.
 *
 * @example
 * checkGrades(sheet, book, 2025).map((p) => p.code) //=> ["unknown-grade"]
 */
export function checkGrades(establishment: EstablishmentSheet, book: GradeBook | null, payYear: number): Problem[] {
  const sheet = establishment.sheet;
  const problems: Problem[] = [];
  const spine = NATIONAL_PAY_SPINE.get(payYear);
  const at = (row: EstablishmentRow, column: number | undefined): { sheet: string; row: number; column: number } => ({
    sheet,
    row: row.row - 1,
    column: column ?? columnOfRef(row.titleCell),
  });
  for (const row of establishment.rows) {
    if (row.kind !== "post" || row.fte === null || row.fte <= 0) continue;
    const gradeColumn = row.columns.grade;
    const scpColumn = row.columns.scp;
    if (row.grade === null && row.scp === null && row.salary === null) {
      const unreadable = row.errors.includes("grade") || row.errors.includes("scp");
      if ((gradeColumn !== undefined || scpColumn !== undefined) && !unreadable) {
        problems.push(
          makeProblem(
            "missing-grade",
            at(row, gradeColumn ?? scpColumn),
            `"${row.title}" has ${String(row.fte)} FTE to cost but no grade.`,
          ),
        );
      }
      continue;
    }
    const entry = row.grade === null || book === null ? undefined : book.grades.get(row.grade.key);
    if (row.grade !== null && book !== null && entry === undefined) {
      const span = row.grade.ranges.length === 1 && row.grade.ranges[0] !== undefined ? row.grade.ranges[0] : null;
      const bothEnds =
        span !== null &&
        span.lowest !== span.highest &&
        book.grades.has(String(span.lowest)) &&
        book.grades.has(String(span.highest));
      problems.push(
        makeProblem(
          "unknown-grade",
          at(row, gradeColumn),
          bothEnds
            ? `"${row.grade.text}" for "${row.title}" spans grades ${String(span.lowest)} to ${String(span.highest)} of "${book.sheet}": say which grade to cost, or split the row.`
            : `Grade "${row.grade.text}" for "${row.title}" is not in the grades table "${book.sheet}".`,
        ),
      );
    }
    if (row.scp !== null) {
      const point = Number(row.scp);
      if (entry !== undefined && entry.ranges.length > 0 && Number.isInteger(point)) {
        const inside = entry.ranges.some((range) => point >= range.lowest && point <= range.highest);
        if (!inside) {
          const spans = entry.ranges.map((range) => `${String(range.lowest)}–${String(range.highest)}`).join(", ");
          problems.push(
            makeProblem(
              "scp-outside-grade",
              at(row, scpColumn),
              `SCP ${row.scp} for "${row.title}" is outside grade ${entry.grade} (SCP ${spans}).`,
            ),
          );
        }
      }
      if (spine !== undefined && spine.points.size > 0 && !spine.points.has(row.scp)) {
        const points = [...spine.points.keys()].map(Number).filter(Number.isFinite);
        problems.push(
          makeProblem(
            "unknown-scp",
            at(row, scpColumn),
            `SCP ${row.scp} for "${row.title}" is not on the ${yearLabel(payYear)} national pay spine (points ${String(Math.min(...points))}–${String(Math.max(...points))}).`,
          ),
        );
      }
    }
  }
  return problems;
}

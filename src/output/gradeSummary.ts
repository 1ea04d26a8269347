import { FTE_SCALE, type Pence, type ReductionTable } from "../core";

/** FTE and cost of one grade, current against proposed: one group of bars in the chart. */
export interface GradeFigures {
  /** The grade as the sheets write it ("10", "10-11"), or "No grade". */
  readonly grade: string;
  readonly currentFte: number;
  readonly proposedFte: number;
  readonly currentCost: Pence;
  readonly proposedCost: Pence;
}

/** Label of rows with no grade on a side. */
export const NO_GRADE = "No grade";

// FTE summed as whole millionths, as the reduction table does, so 0.1 + 0.2 is 0.3.

/**
 * FTE and cost by grade, current against proposed, from the reduction table's rows: the data of
 * the chart the pane shows after a build (an inline SVG chart in the standalone page; a host may
 * draw a native chart from the same figures). A row counts under its current grade on the current
 * side and its proposed grade on the proposed side, so a regraded post moves between grades.
 * Grades are in natural order (2, 10, 10-11, …), "No grade" last.
 *
 * @example
 * summariseByGrade(reduction.table).map((g) => g.grade) //=> ["7", "10", "10-11", "13"]
 */
export function summariseByGrade(table: ReductionTable): GradeFigures[] {
  const grades = new Map<
    string,
    { currentFte: number; proposedFte: number; currentCost: Pence; proposedCost: Pence }
  >();
  const entry = (grade: string | null) => {
    const name = grade === null || grade.trim() === "" ? NO_GRADE : grade.trim();
    let found = grades.get(name);
    if (found === undefined) {
      found = { currentFte: 0, proposedFte: 0, currentCost: 0, proposedCost: 0 };
      grades.set(name, found);
    }
    return found;
  };
  for (const row of table.rows) {
    if (row.currentFte !== 0 || row.currentCost !== 0) {
      const current = entry(row.currentGrade);
      current.currentFte += Math.round(row.currentFte * FTE_SCALE);
      current.currentCost += row.currentCost;
    }
    if (row.proposedFte !== 0 || row.proposedCost !== 0) {
      const proposed = entry(row.proposedGrade);
      proposed.proposedFte += Math.round(row.proposedFte * FTE_SCALE);
      proposed.proposedCost += row.proposedCost;
    }
  }
  return [...grades]
    .map(([grade, figures]) => ({
      grade,
      currentFte: figures.currentFte / FTE_SCALE,
      proposedFte: figures.proposedFte / FTE_SCALE,
      currentCost: figures.currentCost,
      proposedCost: figures.proposedCost,
    }))
    .sort((a, b) => compareGrades(a.grade, b.grade));
}

/**
 * Natural order of grade names: by their leading number where they have one ("2" before "10"),
 * then as text; "No grade" last.
 *
 * @example
 * ["10", "2", "No grade", "10-11", "Chief"].sort(compareGrades) //=> ["2", "10", "10-11", "Chief", "No grade"]
 */
export function compareGrades(a: string, b: string): number {
  if (a === NO_GRADE || b === NO_GRADE) return (a === NO_GRADE ? 1 : 0) - (b === NO_GRADE ? 1 : 0);
  const number = (grade: string): number => {
    const match = /\d+/.exec(grade);
    return match === null ? Number.POSITIVE_INFINITY : Number(match[0]);
  };
  return number(a) - number(b) || a.localeCompare(b, "en-GB", { numeric: true });
}

import { columnOfRef } from "./cellRef";
import type { EstablishmentRow } from "./EstablishmentRow";
import { formatFigure } from "./formatFigure";
import { parseHrNumber } from "./parseHrNumber";
import { makeProblem, type Problem } from "./Problem";
import { readCell, type SheetGrid } from "./SheetGrid";
import { titleKey } from "./titleKey";

/** A summary block: its lines, its Totals row, and the columns that hold the label, count and FTE. */
export interface SummaryBlock {
  readonly grid: SheetGrid;
  /** 0-based rows of the summary's lines. */
  readonly lines: readonly number[];
  /** 0-based row of the Totals row, or null when the summary has none. */
  readonly totalsRow: number | null;
  readonly labelColumn: number;
  readonly countColumn: number | null;
  readonly fteColumn: number | null;
}

interface Staff {
  count: number;
  fte: number;
  firstRow: EstablishmentRow;
}

/**
 * Checks a team summary ("Post | Numbers in Post | FTE including Vacancies … Totals", Leicester
 * A.1) against the staff listed above it (hr-sheet-problems.md #8, #21): each line's number in
 * post must equal the staff rows with that title (leavers are not in post), its FTE including
 * vacancies cannot be less than their FTE, every listed title must have a line, and the Totals
 * count must equal the staff listed.
 *
 * @example
 * checkSummary(block, staffRows).map((p) => p.cell) //=> ["B79"]
 */
export function checkSummary(block: SummaryBlock, staff: readonly EstablishmentRow[]): Problem[] {
  const sheet = block.grid.name;
  const problems: Problem[] = [];
  // A vacancy row is not a person in post, but its FTE is part of "FTE including vacancies".
  const listed = staff.filter((row) => !row.leaver && row.kind === "post");
  const inPost = listed.filter((row) => !row.vacant);
  const byTitle = new Map<string, Staff>();
  for (const row of listed) {
    const key = titleKey(row.title);
    const person = row.vacant ? 0 : 1;
    const found = byTitle.get(key);
    if (found === undefined) byTitle.set(key, { count: person, fte: row.fte ?? 0, firstRow: row });
    else {
      found.count += person;
      found.fte += row.fte ?? 0;
    }
  }
  const figure = (row: number, column: number | null): number | null => {
    if (column === null) return null;
    const parsed = parseHrNumber(readCell(block.grid.rows, row, column).value);
    return parsed.kind === "number" ? parsed.value : parsed.kind === "nil" ? 0 : null;
  };
  const labels = block.lines.map((line) => {
    const label = readCell(block.grid.rows, line, block.labelColumn).value;
    return typeof label === "string" && label.trim() !== "" ? titleKey(label) : null;
  });
  const describedStaff = listed.filter((row) => labels.includes(titleKey(row.title))).length;
  // hr-sheet-problems.md #21: a summary may group staff by something other than their job title
  // (Leicester A.1 admin: "ABSO Band B/C/D" over staff titled by location). Then its lines cannot
  // be matched to staff, and only its total is compared.
  if (listed.length > 0 && describedStaff * 2 < listed.length) {
    const first = block.lines[0];
    if (first !== undefined) {
      problems.push(
        makeProblem(
          "summary-mismatch",
          { sheet, row: first, column: block.labelColumn },
          `The summary's lines do not name the job titles listed above it (${String(describedStaff)} of ${String(listed.length)} rows have a title with a line): only its total is compared.`,
          { severity: "info", hint: "Nothing to do, unless the summary should list job titles." },
        ),
      );
    }
    return [...problems, ...checkTotalInPost(block, inPost.length, staff, figure)];
  }
  const described = new Set<string>();
  for (const line of block.lines) {
    const label = readCell(block.grid.rows, line, block.labelColumn).value;
    if (typeof label !== "string" || label.trim() === "") continue;
    const key = titleKey(label);
    described.add(key);
    const listed = byTitle.get(key);
    const count = figure(line, block.countColumn);
    const fte = figure(line, block.fteColumn);
    const listedCount = listed?.count ?? 0;
    if (count !== null && block.countColumn !== null && count !== listedCount) {
      problems.push(
        makeProblem(
          "summary-mismatch",
          { sheet, row: line, column: block.countColumn },
          `The summary gives ${String(count)} in post as "${label.trim()}", but ${String(listedCount)} staff with that title are listed above it (leavers not counted).`,
        ),
      );
    }
    const listedFte = listed?.fte ?? 0;
    if (fte !== null && block.fteColumn !== null && fte + 0.005 < listedFte) {
      problems.push(
        makeProblem(
          "summary-mismatch",
          { sheet, row: line, column: block.fteColumn },
          `The summary gives ${formatFigure(fte, 2)} FTE including vacancies for "${label.trim()}", less than the ${formatFigure(listedFte, 2)} FTE of the staff listed with that title.`,
        ),
      );
    }
  }
  for (const [key, listed] of byTitle) {
    if (described.has(key)) continue;
    const cell = listed.firstRow.titleCell;
    problems.push(
      makeProblem(
        "summary-mismatch",
        { sheet, row: listed.firstRow.row - 1, column: columnOfRef(cell) },
        `${String(listed.count)} staff listed as "${listed.firstRow.title}" (first at ${cell}) have no line in the summary below them.`,
      ),
    );
  }
  return [...problems, ...checkTotalInPost(block, inPost.length, staff, figure)];
}

function checkTotalInPost(
  block: SummaryBlock,
  inPost: number,
  staff: readonly EstablishmentRow[],
  figure: (row: number, column: number | null) => number | null,
): Problem[] {
  if (block.totalsRow === null || block.countColumn === null) return [];
  const total = figure(block.totalsRow, block.countColumn);
  if (total === null || total === inPost) return [];
  const leavers = staff.filter((row) => row.leaver).length;
  return [
    makeProblem(
      "summary-mismatch",
      { sheet: block.grid.name, row: block.totalsRow, column: block.countColumn },
      `The summary's total in post is ${String(total)}, but ${String(inPost)} staff are listed above it${leavers > 0 ? ` (not counting ${String(leavers)} leaver${leavers === 1 ? "" : "s"})` : ""}.`,
    ),
  ];
}

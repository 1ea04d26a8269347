import { columnOfRef } from "./cellRef";
import type { EstablishmentRow, EstablishmentSheet } from "./EstablishmentRow";
import { PostNumberIndex } from "./PostNumberIndex";
import { makeProblem, type Problem } from "./Problem";
import { titleKey } from "./titleKey";

/**
 * Checks the proposed establishment against the current one: a post number in both with a
 * different title or grade (post numbers are reused for different jobs: hr-sheet-problems.md
 * #22), and a title spelled differently in the two sheets (#14). Problems point at the proposed
 * sheet, where the new structure is decided. `numbers` indexes the two sheets' post numbers, when
 * that has been done already.
 *
 * @example
 * checkAcrossSheets(current, proposed).map((p) => p.code) //=> ["post-number-reused"]
 */
export function checkAcrossSheets(
  current: EstablishmentSheet,
  proposed: EstablishmentSheet,
  numbers = new PostNumberIndex(current.rows, proposed.rows),
): Problem[] {
  const problems: Problem[] = [];
  // Each proposed post number against the last current row with it.
  const lastCurrent = numbers.lastInFirstList();
  for (let entry = numbers.split; entry < numbers.numbers.length; entry += 1) {
    const found = lastCurrent[numbers.first[entry] ?? entry] ?? -1;
    if (found === -1) continue;
    const before = current.rows[numbers.lines[found] ?? 0] as EstablishmentRow;
    const row = proposed.rows[numbers.lines[entry] ?? 0] as EstablishmentRow;
    const number = numbers.numbers[entry] ?? "";
    // Rows share their title strings, so the same title is usually the same string: no key needed.
    const titleChanged = before.title !== row.title && titleKey(before.title) !== titleKey(row.title);
    const gradeChanged = before.grade !== null && row.grade !== null && before.grade.key !== row.grade.key;
    if (!titleChanged && !gradeChanged) continue;
    const column = row.columns.postNumber ?? columnOfRef(row.titleCell);
    const changes = [
      titleChanged ? `"${before.title}" in ${current.sheet}!${before.titleCell}, "${row.title}" here` : null,
      gradeChanged ? `grade ${before.grade?.text ?? ""} there, ${row.grade?.text ?? ""} here` : null,
    ].filter((change) => change !== null);
    problems.push(
      makeProblem(
        "post-number-reused",
        { sheet: proposed.sheet, row: row.row - 1, column },
        `Post ${number} is ${changes.join("; ")}.`,
      ),
    );
  }
  const currentSpelling = new Map<string, EstablishmentRow>();
  for (const row of current.rows) {
    const key = titleKey(row.title);
    if (!currentSpelling.has(key)) currentSpelling.set(key, row);
  }
  const reported = new Set<string>();
  for (const row of proposed.rows) {
    const before = currentSpelling.get(titleKey(row.title));
    if (before === undefined || before.title === row.title || reported.has(row.title)) continue;
    reported.add(row.title);
    problems.push(
      makeProblem(
        "inconsistent-title",
        { sheet: proposed.sheet, row: row.row - 1, column: columnOfRef(row.titleCell) },
        `"${row.title}" is written "${before.title}" in ${current.sheet}!${before.titleCell}: read as the same job.`,
        { severity: "info" },
      ),
    );
  }
  return problems;
}

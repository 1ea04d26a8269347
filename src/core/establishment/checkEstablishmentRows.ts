import { columnOfRef } from "./cellRef";
import type { EstablishmentSheet } from "./EstablishmentRow";
import { formatFigure } from "./formatFigure";
import { makeProblem, type Problem } from "./Problem";
import { titleKey } from "./titleKey";

/**
 * Checks across the rows of one establishment sheet: a post number on two rows, one person above
 * 1.0 FTE across rows (hr-sheet-problems.md #18), and one title written in different ways (#6).
 *
 * @example
 * checkEstablishmentRows(sheet).map((p) => p.code) //=> ["duplicate-post-number"]
 */
export function checkEstablishmentRows(establishment: EstablishmentSheet): Problem[] {
  const sheet = establishment.sheet;
  const problems: Problem[] = [];
  const place = (row: number, cell: string): { sheet: string; row: number; column: number } => ({
    sheet,
    row: row - 1,
    column: columnOfRef(cell),
  });

  const firstRowOf = new Map<string, number>();
  for (const row of establishment.rows) {
    for (const number of row.postNumbers) {
      const first = firstRowOf.get(number);
      if (first === undefined) firstRowOf.set(number, row.row);
      else if (first !== row.row) {
        problems.push(
          makeProblem(
            "duplicate-post-number",
            row.columns.postNumber === undefined
              ? place(row.row, row.titleCell)
              : { sheet, row: row.row - 1, column: row.columns.postNumber },
            `Post number ${number} on row ${String(row.row)} ("${row.title}") is also on row ${String(first)}.`,
          ),
        );
      }
    }
  }

  const people = new Map<string, { fte: number; rows: number[]; name: string; cell: string; first: number }>();
  for (const row of establishment.rows) {
    if (row.postHolder === null || row.leaver || row.fte === null) continue;
    const key = row.postHolder
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
    const person = people.get(key);
    if (person === undefined) {
      people.set(key, { fte: row.fte, rows: [row.row], name: row.postHolder, cell: row.titleCell, first: row.row });
    } else {
      person.fte += row.fte;
      person.rows.push(row.row);
    }
  }
  for (const person of people.values()) {
    if (person.rows.length < 2 || person.fte <= 1 + 1e-9) continue;
    problems.push(
      makeProblem(
        "person-over-one-fte",
        place(person.first, person.cell),
        `${person.name} is on rows ${person.rows.join(", ")} with ${formatFigure(person.fte, 2)} FTE in all, more than one full-time post.`,
      ),
    );
  }

  const variants = new Map<string, Map<string, number>>();
  for (const row of establishment.rows) {
    const key = titleKey(row.title);
    const spellings = variants.get(key) ?? new Map<string, number>();
    spellings.set(row.title, (spellings.get(row.title) ?? 0) + 1);
    variants.set(key, spellings);
  }
  for (const row of establishment.rows) {
    const spellings = variants.get(titleKey(row.title));
    if (spellings === undefined || spellings.size < 2) continue;
    const usual = [...spellings.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
    if (usual === undefined || usual === row.title) continue;
    problems.push(
      makeProblem(
        "inconsistent-title",
        place(row.row, row.titleCell),
        `"${row.title}" is written "${usual}" on ${String(spellings.get(usual) ?? 0)} other row(s) of this sheet.`,
      ),
    );
  }
  return problems;
}

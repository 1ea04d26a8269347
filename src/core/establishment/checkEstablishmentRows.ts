import { columnOfRef } from "./cellRef";
import type { EstablishmentRow, EstablishmentSheet } from "./EstablishmentRow";
import { formatFigure } from "./formatFigure";
import { makeProblem, type Problem } from "./Problem";
import { firstWithSameKey } from "./firstWithSameKey";
import { personKey, personKeyHash } from "./personKey";
import { type ListPostNumbers, PostNumberIndex } from "./PostNumberIndex";
import { titleKey } from "./titleKey";

/**
 * Checks across the rows of one establishment sheet: a post number on two rows, one person above
 * 1.0 FTE across rows (hr-sheet-problems.md #18), and one title written in different ways (#6).
 * `numbers` are the sheet's post numbers, when they have been indexed already (validateWorkbook
 * indexes both sheets' once).
 *
 * @example
 * checkEstablishmentRows(sheet).map((p) => p.code) //=> ["duplicate-post-number"]
 */
export function checkEstablishmentRows(
  establishment: EstablishmentSheet,
  numbers: ListPostNumbers = new PostNumberIndex(establishment.rows).list(0),
): Problem[] {
  const sheet = establishment.sheet;
  const problems: Problem[] = [];
  const place = (row: number, cell: string): { sheet: string; row: number; column: number } => ({
    sheet,
    row: row - 1,
    column: columnOfRef(cell),
  });

  // A number on two rows: every entry after the first with its number, unless that is on the
  // same row ("500/500").
  const rows = establishment.rows;
  for (let entry = 0; entry < numbers.numbers.length; entry += 1) {
    const firstEntry = numbers.first[entry] ?? entry;
    if (firstEntry === entry) continue;
    const row = rows[numbers.lines[entry] ?? 0] as EstablishmentRow;
    const first = (rows[numbers.lines[firstEntry] ?? 0] as EstablishmentRow).row;
    if (first === row.row) continue;
    problems.push(
      makeProblem(
        "duplicate-post-number",
        row.columns.postNumber === undefined
          ? place(row.row, row.titleCell)
          : { sheet, row: row.row - 1, column: row.columns.postNumber },
        `Post number ${numbers.numbers[entry] ?? ""} on row ${String(row.row)} ("${row.title}") is also on row ${String(first)}.`,
      ),
    );
  }

  // One person on several rows. Most people are on one row: names are grouped by a hash of their
  // key, and only rows whose name shares it with another are keyed and added up.
  const holders: number[] = [];
  rows.forEach((row, index) => {
    if (row.postHolder !== null && !row.leaver && row.fte !== null) holders.push(index);
  });
  const holderOf = (k: number): EstablishmentRow => rows[holders[k] ?? 0] as EstablishmentRow;
  const firstHolder = firstWithSameKey(
    holders.map((index) => personKeyHash((rows[index] as EstablishmentRow).postHolder ?? "")),
    (k) => personKey(holderOf(k).postHolder ?? ""),
  );
  const rowsOf = new Array<number>(holders.length).fill(0);
  for (const k of firstHolder) rowsOf[k] = (rowsOf[k] ?? 0) + 1;
  const people = new Map<number, Person>();
  for (let k = 0; k < holders.length; k += 1) {
    const first = firstHolder[k] ?? k;
    if ((rowsOf[first] ?? 0) < 2) continue;
    const row = holderOf(k);
    const person = people.get(first);
    if (person === undefined) {
      people.set(first, {
        fte: row.fte ?? 0,
        rows: [row.row],
        name: row.postHolder ?? "",
        cell: row.titleCell,
        first: row.row,
      });
    } else {
      person.fte += row.fte ?? 0;
      person.rows.push(row.row);
    }
  }
  for (const person of people.values()) {
    if (person.fte <= 1 + 1e-9) continue;
    problems.push(
      makeProblem(
        "person-over-one-fte",
        place(person.first, person.cell),
        `${person.name} is on rows ${person.rows.join(", ")} with ${formatFigure(person.fte, 2)} FTE in all, more than one full-time post.`,
      ),
    );
  }

  // One title written in different ways: each row's key is worked out once, and each key's usual
  // spelling once, not per row.
  const keys = establishment.rows.map((row) => titleKey(row.title));
  const variants = new Map<string, Map<string, number>>();
  establishment.rows.forEach((row, index) => {
    const key = keys[index] ?? "";
    let spellings = variants.get(key);
    if (spellings === undefined) {
      spellings = new Map<string, number>();
      variants.set(key, spellings);
    }
    spellings.set(row.title, (spellings.get(row.title) ?? 0) + 1);
  });
  const usualOf = new Map<string, string | undefined>();
  for (const [key, spellings] of variants) {
    if (spellings.size < 2) continue;
    usualOf.set(key, [...spellings.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0]);
  }
  establishment.rows.forEach((row, index) => {
    const key = keys[index] ?? "";
    if (!usualOf.has(key)) return;
    const usual = usualOf.get(key);
    if (usual === undefined || usual === row.title) return;
    problems.push(
      makeProblem(
        "inconsistent-title",
        place(row.row, row.titleCell),
        `"${row.title}" is written "${usual}" on ${String(variants.get(key)?.get(usual) ?? 0)} other row(s) of this sheet.`,
      ),
    );
  });
  return problems;
}

interface Person {
  fte: number;
  readonly rows: number[];
  readonly name: string;
  readonly cell: string;
  readonly first: number;
}

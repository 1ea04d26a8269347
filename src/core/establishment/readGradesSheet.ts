import type { Pence } from "../money/pence";
import type { CellValue } from "../pay/parseLocalScale";
import { amountToPence } from "./amountToPence";
import { cellRef } from "./cellRef";
import { buildColumnMap, type ColumnMap, headerMatches } from "./ColumnMap";
import type { ColumnField } from "./matchHeader";
import { parseGradeText, type ScpRange } from "./parseGradeText";
import { parseHrNumber } from "./parseHrNumber";
import { makeProblem, type Problem } from "./Problem";
import { HEADER_SEARCH_ROWS } from "./readEstablishmentSheet";
import { RowCells } from "./RowCells";
import { readCell, type SheetGrid } from "./SheetGrid";

/** An amount, or a range of amounts (`£28,800 to £30,988`), in pence. */
export interface MoneyRange {
  readonly lowest: Pence;
  readonly highest: Pence;
}

/** One grade of the grades table and how it is paid. */
export interface GradeEntry {
  /** The grade as written ("PO1", "8", "SCP 55 – 58"). */
  readonly grade: string;
  /** The key it is matched on (see gradeKey). */
  readonly key: string;
  /** 1-based row in the grades sheet. */
  readonly row: number;
  /** The SCP ranges of the grade (costed from the pay tables), if given. */
  readonly ranges: readonly ScpRange[];
  /** Full-time salary (or salary range), if given. */
  readonly salary: MoneyRange | null;
  /** Full cost per FTE including on-costs, if given: then no on-costs are added. */
  readonly costPerFte: MoneyRange | null;
  /** A career level kept apart from the pay band (Leicester "ABSO level" B/C/D). */
  readonly level: string | null;
  /** The job title the row names, in a table keyed by job (Barnet's grades from job descriptions). */
  readonly title: string | null;
}

/** The grades table as read. */
export interface GradeBook {
  readonly sheet: string;
  /** Grades by key. */
  readonly grades: ReadonlyMap<string, GradeEntry>;
}

/** The grades table and the problems found in it. */
export interface GradesRead {
  readonly book: GradeBook;
  readonly problems: readonly Problem[];
}

/**
 * Reads a grades table: per grade, an SCP range (a column of ranges, lowest/highest SCP columns, or
 * a range written as the grade), a salary, or a full cost per FTE (a column headed like "Cost per
 * FTE" or "Salary with on costs"). A row with none of these is reported, as it cannot be costed.
 *
 * @example
 * readGradesSheet({ name: "Grades", rows: [["Grade", "SCP range"], ["PO1", "32 - 35"]] }).book.grades.get("PO1")?.ranges //=> [{ lowest: 32, highest: 35, label: null }]
 */
export function readGradesSheet(grid: SheetGrid): GradesRead {
  const sheet = grid.name;
  const problems: Problem[] = [];
  const grades = new Map<string, GradeEntry>();
  let map: ColumnMap | null = null;
  let headerRow = 0;
  const cells = new RowCells();
  for (let row = 0; row < grid.rows.length; row += 1) {
    cells.load(grid, row);
    for (let c = 0; c < cells.width; c += 1) {
      const error = cells.error(c);
      if (error !== null) {
        problems.push(
          makeProblem("formula-error", { sheet, row, column: c }, `${cellRef(row, c)} holds the error ${error}.`),
        );
      }
    }
    if (cells.filled === 0) continue;
    if (map === null) {
      if (row >= HEADER_SEARCH_ROWS) break;
      if (headerMatches(cells) !== null) {
        map = buildColumnMap(grid, row, null, null);
        headerRow = row;
      }
      continue;
    }
    const entry = readGradeRow(grid, row, map, problems);
    if (entry === null) continue;
    const first = grades.get(entry.key);
    if (first !== undefined) {
      problems.push(
        makeProblem(
          "duplicate-grade",
          { sheet, row, column: map.own.get("grade") ?? 0 },
          `Grade ${entry.grade} is also in row ${String(first.row)}.`,
        ),
      );
      continue;
    }
    grades.set(entry.key, entry);
  }
  if (map === null) {
    problems.push(
      makeProblem(
        "no-header-row",
        { sheet, row: 0, column: 0 },
        `No row in the first ${String(HEADER_SEARCH_ROWS)} rows of "${sheet}" looks like grade table headings (grade or band, SCP range, salary, cost per FTE).`,
      ),
    );
  } else if (!map.own.has("grade")) {
    problems.push(
      makeProblem(
        "missing-column",
        { sheet, row: headerRow, column: 0 },
        `The grades table has no grade column (headed grade, band or pay grade).`,
      ),
    );
  }
  return { book: { sheet, grades }, problems };
}

function readGradeRow(grid: SheetGrid, row: number, map: ColumnMap, problems: Problem[]): GradeEntry | null {
  const sheet = grid.name;
  const value = (field: ColumnField): CellValue => {
    const column = map.own.get(field);
    return column === undefined ? null : readCell(grid.rows, row, column).value;
  };
  const gradeText = parseGradeText(value("grade"));
  const rangeText = parseGradeText(value("scp"));
  const low = parseHrNumber(value("scpLow"));
  const high = parseHrNumber(value("scpHigh"));
  const ranges: ScpRange[] = [];
  if (low.kind === "number") {
    ranges.push({ lowest: low.value, highest: high.kind === "number" ? high.value : low.value, label: null });
  } else if (rangeText !== null) {
    ranges.push(...rangeText.ranges);
  } else if (gradeText !== null && /scp|[-–—]|\bto\b/i.test(gradeText.text)) {
    // A grade written as its range ("SCP 55 – 58"); a bare "8" is a band, not SCP 8.
    ranges.push(...gradeText.ranges);
  }
  const grade = gradeText ?? rangeText;
  const money = (field: ColumnField, what: string): MoneyRange | null => {
    const raw = value(field);
    if (raw === null || raw === undefined || raw === "") return null;
    const range = readMoneyRange(raw);
    if (range === null) {
      problems.push(
        makeProblem(
          "not-a-number",
          { sheet, row, column: map.own.get(field) ?? 0 },
          `The ${what} "${String(raw)}" is not an amount (or a range such as £28,800 to £30,988).`,
        ),
      );
    }
    return range;
  };
  const salary = money("salary", "salary");
  const costPerFte = money("costPerFte", "cost per FTE");
  const level = value("level");
  const title = value("title");
  if (grade === null) {
    if (salary !== null || costPerFte !== null || ranges.length > 0) {
      problems.push(
        makeProblem(
          "blank-required-cell",
          { sheet, row, column: map.own.get("grade") ?? 0 },
          `Row ${String(row + 1)} of the grades table gives pay but no grade.`,
          { hint: "Name the grade the pay belongs to." },
        ),
      );
    }
    return null;
  }
  for (const range of ranges) {
    if (range.highest < range.lowest) {
      problems.push(
        makeProblem(
          "scp-outside-grade",
          { sheet, row, column: map.own.get("scp") ?? map.own.get("grade") ?? 0 },
          `Grade ${grade.text} runs from SCP ${String(range.lowest)} down to ${String(range.highest)}: put the lowest point first.`,
        ),
      );
    }
  }
  if (ranges.length === 0 && salary === null && costPerFte === null) {
    problems.push(
      makeProblem(
        "grade-not-costable",
        { sheet, row, column: map.own.get("grade") ?? 0 },
        `Grade ${grade.text} has no SCP range, salary or cost per FTE, so posts on it cannot be costed.`,
      ),
    );
  }
  return {
    grade: grade.text,
    key: grade.key,
    row: row + 1,
    ranges,
    salary,
    costPerFte,
    level: level === null || level === undefined || level === "" ? null : String(level).trim(),
    title: title === null || title === undefined || title === "" ? null : String(title).trim(),
  };
}

// "£28,800 to £30,988" and "£32,487- £34,986 (includes 2 market increments)": the amounts outside
// brackets, one or two of them.
function readMoneyRange(raw: CellValue): MoneyRange | null {
  let amounts: number[];
  if (typeof raw === "number") amounts = [raw];
  else if (typeof raw === "string") {
    const text = raw.replace(/\([^)]*\)/g, " ");
    const rest = text.replace(AMOUNT, "").replace(/[£\s\-–—]|\bto\b|\band\b|\bpa\b|p\.a\./gi, "");
    if (rest !== "") return null;
    amounts = [...text.matchAll(AMOUNT)].map((match) => Number(match[0].replace(/,/g, "")));
  } else return null;
  if (amounts.length === 0 || amounts.length > 2) return null;
  const pence = amounts.map(amountToPence);
  if (pence.some((amount) => amount === null || amount <= 0)) return null;
  const [lowest = 0, highest = lowest] = pence as Pence[];
  return { lowest: Math.min(lowest, highest), highest: Math.max(lowest, highest) };
}

const AMOUNT = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g;

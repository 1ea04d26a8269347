import { STANDARD_WEEKLY_HOURS } from "../fte/fteFromHours";
import { cellRef, columnOfRef } from "./cellRef";
import { checkSummary } from "./checkSummary";
import { checkTotal, type Figure, type FigureColumn, type FigureKind } from "./checkTotal";
import { decimalPlaces } from "./decimalPlaces";
import { buildColumnMap, type ColumnMap, headerMatches } from "./ColumnMap";
import type { EstablishmentRole, EstablishmentRow, EstablishmentSheet } from "./EstablishmentRow";
import type { ColumnField } from "./matchHeader";
import { parseHrNumber } from "./parseHrNumber";
import { PostRowReader } from "./PostRowReader";
import { pushAll } from "./pushAll";
import { makeProblem, type Problem } from "./Problem";
import { RowCells } from "./RowCells";
import { type CellParts, readCell, readCellInto, type SheetGrid } from "./SheetGrid";
import { totalLabel } from "./totalLabel";

/** Settings for reading a sheet. */
export interface ReadSheetOptions {
  /** Hours of a full-time week, for FTE from weekly hours (Barnet uses 36). Default 37. */
  readonly standardHours?: number;
}

/** A sheet as read: its post lines and every problem found while reading it. */
export interface SheetRead {
  readonly establishment: EstablishmentSheet;
  readonly problems: readonly Problem[];
}

/** Issue 3: the header row is looked for in the first 30 rows. */
export const HEADER_SEARCH_ROWS = 30;

// A block's post lines are the rows read while it was the block: rows[start] to rows[end - 1].
interface DataBlock {
  readonly reader: PostRowReader;
  readonly start: number;
  end: number;
}

// A leaver's row and how it was marked, for the leaver-row problems.
interface Leaver {
  readonly row: EstablishmentRow;
  readonly struck: boolean;
  readonly starred: boolean;
}

/**
 * Reads an establishment sheet as HR supplies it: finds the header row (in the first 30 rows, in
 * any column order, with synonyms), the blocks under heading rows, subtotal and total rows (checked
 * against the rows they sum, not read as posts) and summary blocks (checked against the staff
 * above them), and returns the post lines and the problems. The grid is never changed.
 *
 * @example
 * readEstablishmentSheet({ name: "Current", rows: [["Job title", "FTE"], ["Social Worker", 1]] }, "current").establishment.rows.length //=> 1
 */
export function readEstablishmentSheet(
  grid: SheetGrid,
  role: EstablishmentRole,
  options: ReadSheetOptions = {},
): SheetRead {
  const sheet = grid.name;
  const standardHours = options.standardHours ?? STANDARD_WEEKLY_HOURS;
  const problems: Problem[] = [];
  const rows: EstablishmentRow[] = [];
  const leavers: Leaver[] = [];
  let map: ColumnMap | null = null;
  let seenHeader = false;
  let heading: string | null = null;
  let block: DataBlock | null = null;
  let previousBlock: DataBlock | null = null;
  let hasPayColumn = false;
  let reportedNoPayColumn = false;
  // Total scopes, as 0-based rows: data rows since the last subtotal, since the last total, and
  // the subtotals since the last total.
  let sinceSubtotal: number[] = [];
  let sinceTotal: number[] = [];
  let subtotals: number[] = [];
  let afterTotal = false;
  let summaryLines: number[] = [];
  let lastDataRow = -1;
  // Each row is read once into `cells`; `other` holds a row next to it when a header is checked.
  const cells = new RowCells();
  const other = new RowCells();

  const closeSummary = (totalsRow: number | null): void => {
    if (map === null || !map.summary) return;
    if (previousBlock !== null) {
      pushAll(
        problems,
        checkSummary(
          {
            grid,
            lines: summaryLines,
            totalsRow,
            labelColumn: map.own.get("title") ?? map.own.get("section") ?? 0,
            countColumn: map.own.get("posts") ?? null,
            fteColumn: map.own.get("fte") ?? null,
          },
          rows.slice(previousBlock.start, previousBlock.end),
        ),
      );
    }
    previousBlock = null;
  };

  for (let row = 0; row < grid.rows.length; row += 1) {
    if (!seenHeader && row >= HEADER_SEARCH_ROWS) break;
    cells.load(grid, row);
    reportErrors(sheet, cells, problems);
    if (cells.filled === 0) continue;

    if (headerMatches(cells, map !== null) !== null) {
      let headerRow = row;
      let groupRow: number | null = null;
      if (row + 1 < grid.rows.length && headerMatches(other.load(grid, row + 1), map !== null) !== null) {
        groupRow = row;
        headerRow = row + 1;
      } else if (row > 0 && lastDataRow !== row - 1 && isGroupRow(other.load(grid, row - 1))) {
        groupRow = row - 1;
      }
      if (groupRow === row) reportErrors(sheet, other.load(grid, headerRow), problems);
      closeSummary(null);
      if (block !== null) previousBlock = block;
      map = buildColumnMap(grid, headerRow, groupRow, role);
      seenHeader = true;
      block = map.summary
        ? null
        : { reader: new PostRowReader(sheet, map, standardHours), start: rows.length, end: rows.length };
      if (block !== null) {
        previousBlock = null;
        const pay = ["grade", "scp", "salary", "cost"].some((field) => map?.own.has(field as ColumnField));
        hasPayColumn ||= pay;
        pushAll(problems, requiredColumns(sheet, headerRow, map, pay || reportedNoPayColumn));
        reportedNoPayColumn ||= !pay;
      }
      sinceSubtotal = [];
      sinceTotal = [];
      subtotals = [];
      summaryLines = [];
      afterTotal = false;
      row = headerRow;
      continue;
    }

    if (map === null) {
      const text = loneText(cells);
      if (text !== null && !isNote(text)) heading = text;
      continue;
    }

    const label = findTotalLabel(cells);
    if (label !== null) {
      const scope = map.summary
        ? summaryLines
        : label.kind === "subtotal"
          ? sinceSubtotal
          : subtotals.length > 0
            ? [...subtotals, ...sinceSubtotal]
            : sinceTotal;
      const scopeName = map.summary
        ? `the ${String(scope.length)} summary lines above it`
        : label.kind === "total" && subtotals.length > 0
          ? `the ${String(subtotals.length)} subtotals above it${sinceSubtotal.length > 0 ? ` and the ${String(sinceSubtotal.length)} rows after the last one` : ""}`
          : `the ${String(scope.length)} rows it covers`;
      problems.push(
        makeProblem(
          "total-row",
          { sheet, row, column: label.column },
          `"${label.text}" in ${cellRef(row, label.column)} is a ${label.kind}: checked against ${scopeName}, not read as a post.`,
        ),
      );
      pushAll(problems, checkTotalRow(grid, row, label.column, label.kind, scope, scopeName, map));
      if (label.kind === "subtotal" && !map.summary) {
        subtotals.push(row);
        sinceSubtotal = [];
      } else {
        if (map.summary) closeSummary(row);
        sinceSubtotal = [];
        sinceTotal = [];
        subtotals = [];
        summaryLines = [];
        afterTotal = true;
      }
      continue;
    }

    const text = loneText(cells);
    if (text !== null) {
      if (isNote(text)) continue;
      heading = text;
      if (map.summary) {
        closeSummary(null);
        map = null;
      }
      afterTotal = false;
      continue;
    }

    if (afterTotal) {
      problems.push(
        makeProblem(
          "footer-row",
          { sheet, row, column: 0 },
          `Row ${String(row + 1)} is below the table's total: read as a stated figure, not a post.`,
        ),
      );
      continue;
    }

    lastDataRow = row;
    if (map.summary) {
      summaryLines.push(row);
      continue;
    }
    sinceSubtotal.push(row);
    sinceTotal.push(row);
    if (block === null) continue;
    const read = block.reader.read(cells, heading, problems);
    if (read !== null) {
      rows.push(read);
      block.end = rows.length;
      if (read.leaver) leavers.push({ row: read, struck: block.reader.struck, starred: block.reader.starred });
    }
  }
  closeSummary(null);

  if (!seenHeader) {
    problems.push(
      makeProblem(
        "no-header-row",
        { sheet, row: 0, column: 0 },
        `No row in the first ${String(HEADER_SEARCH_ROWS)} rows of "${sheet}" looks like column headings (job title, FTE or hours, grade …).`,
      ),
    );
  }
  pushAll(problems, leaverProblems(sheet, leavers));
  return {
    establishment: { sheet, role, rows, hasPayColumn },
    problems,
  };
}

function reportErrors(sheet: string, cells: RowCells, problems: Problem[]): void {
  if (cells.errorCount === 0) return;
  for (let c = 0; c < cells.width; c += 1) {
    const error = cells.error(c);
    if (error !== null) {
      problems.push(
        makeProblem(
          "formula-error",
          { sheet, row: cells.row, column: c },
          `${cellRef(cells.row, c)} holds the error ${error} instead of a value.`,
        ),
      );
    }
  }
}

function loneText(cells: RowCells): string | null {
  if (cells.filled !== 1) return null;
  for (let c = 0; c < cells.width; c += 1) {
    const value = cells.value(c);
    if (cells.error(c) === null && typeof value === "string" && value.trim() !== "") {
      return value.replace(/\s+/g, " ").trim();
    }
  }
  return null;
}

// Legends and sentences between tables (Leicester A.1 "*Indicates person is no longer employed…")
// are notes, not headings: they start with "*", run long, or end like a sentence.
function isNote(text: string): boolean {
  return text.startsWith("*") || text.length > 80 || /[.:]$/.test(text);
}

// A row of group labels over a header ("| Proposed | | Current |"): text only, at least two cells.
function isGroupRow(cells: RowCells): boolean {
  return cells.numbers === 0 && cells.texts >= 2 && cells.filled === cells.texts;
}

function findTotalLabel(cells: RowCells): { text: string; column: number; kind: "subtotal" | "total" } | null {
  let seen = 0;
  for (let c = 0; c < cells.width && seen < 3; c += 1) {
    const value = cells.value(c);
    if (value === null || value === undefined || value === "") continue;
    seen += 1;
    if (typeof value !== "string") continue;
    const kind = totalLabel(value);
    if (kind !== null) return { text: value.trim(), column: c, kind };
  }
  return null;
}

function requiredColumns(sheet: string, row: number, map: ColumnMap, payReported: boolean): Problem[] {
  const problems: Problem[] = [];
  const place = { sheet, row, column: 0 };
  if (!map.own.has("title")) {
    problems.push(
      makeProblem(
        "missing-column",
        place,
        `The header in row ${String(row + 1)} has no job title column (headed job title, post title, role or post).`,
      ),
    );
  }
  if (!["fte", "hours", "posts", "cost"].some((field) => map.own.has(field as ColumnField))) {
    problems.push(
      makeProblem(
        "missing-column",
        place,
        `The header in row ${String(row + 1)} has no FTE or weekly hours column (headed FTE, WTE, full time equivalent, hours or contracted hours).`,
      ),
    );
  }
  if (!payReported) {
    problems.push(
      makeProblem(
        "missing-column",
        place,
        `The header in row ${String(row + 1)} has no grade, SCP, salary or cost column, so its posts cannot be costed.`,
        { severity: "warning", hint: "Add a grade (or band, or SCP) column so that the posts can be costed." },
      ),
    );
  }
  return problems;
}

const COUNT_FIELDS: ReadonlySet<ColumnField> = new Set(["posts"]);
const MONEY_FIELDS: ReadonlySet<ColumnField> = new Set(["cost", "salary", "costPerFte"]);

function checkTotalRow(
  grid: SheetGrid,
  row: number,
  labelColumn: number,
  kind: "subtotal" | "total",
  scope: readonly number[],
  scopeName: string,
  map: ColumnMap,
): Problem[] {
  const fieldOf = new Map<number, ColumnField>();
  for (const [field, column] of [...map.other, ...map.own]) fieldOf.set(column, field);
  const problems: Problem[] = [];
  const width = grid.rows[row]?.length ?? 0;
  for (let column = 0; column < width; column += 1) {
    if (column === labelColumn) continue;
    const stated = figureAt(grid, row, column);
    if (stated === null) continue;
    const field = fieldOf.get(column);
    if (field === "title" || field === "section" || field === "grade" || field === "scp") continue;
    if (scope.length === 0) continue;
    const inputs = figureColumn(grid, scope, column);
    const label = map.labels[column] ?? "";
    const figureKind: FigureKind =
      field !== undefined && COUNT_FIELDS.has(field)
        ? "count"
        : (field !== undefined && MONEY_FIELDS.has(field)) || /£|cost/i.test(label)
          ? "money"
          : "measure";
    const problem = checkTotal({
      sheet: grid.name,
      row,
      column,
      stated,
      inputs,
      kind: figureKind,
      totalName:
        kind === "subtotal" ? `The subtotal in ${cellRef(row, column)}` : `The total in ${cellRef(row, column)}`,
      inputsName: scopeName,
      columnName: label === "" ? `column ${cellRef(row, column).replace(/\d+$/, "")}` : `"${label}"`,
    });
    if (problem !== null) problems.push(problem);
  }
  return problems;
}

// The figures of one column over the rows a total covers; blanks and text are not figures.
function figureColumn(grid: SheetGrid, rows: readonly number[], column: number): FigureColumn {
  const values: number[] = [];
  let decimals = 0;
  const parts: CellParts = { value: null, struck: false, error: null };
  for (const row of rows) {
    readCellInto(grid.rows[row]?.[column], parts);
    if (parts.error !== null) continue;
    if (typeof parts.value === "number") {
      values.push(parts.value);
      decimals = Math.max(decimals, decimalPlaces(parts.value));
      continue;
    }
    const parsed = parseHrNumber(parts.value);
    if (parsed.kind === "number") {
      values.push(parsed.value);
      decimals = Math.max(decimals, parsed.decimals);
    } else if (parsed.kind === "nil") values.push(0);
  }
  return { values, decimals };
}

function figureAt(grid: SheetGrid, row: number, column: number): Figure | null {
  const cell = readCell(grid.rows, row, column);
  if (cell.error !== null) return null;
  const parsed = parseHrNumber(cell.value);
  if (parsed.kind === "number") return { value: parsed.value, decimals: parsed.decimals };
  return parsed.kind === "nil" ? { value: 0, decimals: 0 } : null;
}

// hr-sheet-problems.md #7: a leaver is struck through and/or starred. Where a sheet strikes its
// leavers, a row with only the `*` is worth a second look (Leicester A.1 rows 94 and 240).
function leaverProblems(sheet: string, leavers: readonly Leaver[]): Problem[] {
  const sheetStrikes = leavers.some((leaver) => leaver.struck);
  return leavers.map((leaver) => {
    const marks =
      leaver.struck && leaver.starred ? "struck through and marked *" : leaver.struck ? "struck through" : "marked *";
    const partial = sheetStrikes && !leaver.struck;
    const row = leaver.row;
    return makeProblem(
      "leaver-row",
      { sheet, row: row.row - 1, column: columnOfRef(row.titleCell) },
      `"${row.title}"${row.postHolder === null ? "" : ` (${row.postHolder})`} is ${marks}: a leaver, not counted in the establishment; the post counts as a vacancy.${partial ? " Other leavers on this sheet are struck through as well: check this one." : ""}`,
      partial ? { severity: "warning" } : {},
    );
  });
}

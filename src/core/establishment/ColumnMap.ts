import { type ColumnField, type HeaderMatch, matchHeader, type Side } from "./matchHeader";
import type { RowCells } from "./RowCells";
import { readCell, type SheetGrid } from "./SheetGrid";

/** The columns of one block, from its header row (and a group row above it, if any). */
export interface ColumnMap {
  /** Columns of this sheet's own structure (or unqualified), by field. */
  readonly own: ReadonlyMap<ColumnField, number>;
  /** Columns qualified with the other structure ("Proposed FTE" on the current sheet). */
  readonly other: ReadonlyMap<ColumnField, number>;
  /** The heading of each column as read (group and header rows joined). */
  readonly labels: readonly string[];
  /** The block is a summary ("Post | Numbers in Post | FTE including Vacancies"). */
  readonly summary: boolean;
  /** 0-based rows the header occupies. */
  readonly headerRows: readonly number[];
  /** The title column had no heading and was taken to be the first column. */
  readonly titleInferred: boolean;
}

function textAt(grid: SheetGrid, row: number, column: number): string {
  const value = readCell(grid.rows, row, column).value;
  return typeof value === "string" ? value.trim() : "";
}

/**
 * The headings a row would have as a header row: each cell's match, or null. A header row has no
 * numbers, at least two recognised headings, and recognised headings in at least half its cells
 * (all of them when `strict`, for a row inside a block).
 *
 * @example
 * headerMatches(new RowCells().load({ name: "S", rows: [["Job title", "FTE"]] }, 0))?.length //=> 2
 */
export function headerMatches(cells: RowCells, strict = false): (HeaderMatch | null)[] | null {
  if (cells.numbers > 0 || cells.texts < 2) return null;
  const matches: (HeaderMatch | null)[] = [];
  let recognised = 0;
  for (let c = 0; c < cells.width; c += 1) {
    const text = cells.text(c);
    // Headings are short; a long text cell is a note or a wrapped title.
    const match = text === "" || text.length > 60 ? null : matchHeader(text);
    if (match !== null) recognised += 1;
    matches.push(match);
  }
  // Inside a block a text-only post row ("Team Manager | | Vacant | | PO3") can look like headings,
  // so there every text cell must be one.
  const enough = strict ? recognised === cells.texts : recognised * 2 >= cells.texts;
  return recognised >= 2 && enough ? matches : null;
}

/**
 * Builds the column map of a header at `row`. When the row above is a group row (`| Proposed | |
 * Current | | Reduction`, Leicester §7) its labels run right over the empty cells after them, as a
 * merged heading does, and are joined to the headings below.
 *
 * @example
 * buildColumnMap({ name: "S", rows: [["Job title", "FTE"]] }, 0, null, "current").own.get("fte") //=> 1
 */
export function buildColumnMap(grid: SheetGrid, row: number, groupRow: number | null, role: Side | null): ColumnMap {
  const width = Math.max(grid.rows[row]?.length ?? 0, groupRow === null ? 0 : (grid.rows[groupRow]?.length ?? 0));
  const labels: string[] = [];
  let group = "";
  for (let c = 0; c < width; c += 1) {
    if (groupRow !== null) {
      const above = textAt(grid, groupRow, c);
      if (above !== "") group = above;
    }
    const below = textAt(grid, row, c);
    labels.push(groupRow === null || below === "" ? (below === "" ? group : below) : `${group} ${below}`.trim());
  }
  const own = new Map<ColumnField, number>();
  const ownQualified = new Set<ColumnField>();
  const other = new Map<ColumnField, number>();
  let summary = false;
  labels.forEach((label, column) => {
    if (label === "" || label.length > 60) return;
    const match = matchHeader(label);
    if (match === null) return;
    summary ||= match.summary;
    if (match.side !== null && role !== null && match.side !== role) {
      if (!other.has(match.field)) other.set(match.field, column);
      return;
    }
    const field = secondGradeIsRange(match.field, own);
    // A column qualified with this sheet's side beats an unqualified one ("Proposed FTE" over "FTE").
    if (!own.has(field) || (match.side !== null && !ownQualified.has(field))) {
      own.set(field, column);
      if (match.side !== null) ownQualified.add(field);
    }
  });
  let titleInferred = false;
  if (!own.has("title") && textAt(grid, row, 0) === "" && (groupRow === null || textAt(grid, groupRow, 0) === "")) {
    own.set("title", 0);
    titleInferred = true;
  }
  // A summary has a count of staff in post or an "including vacancies" FTE, and no post-level columns.
  summary &&= !own.has("postNumber") && !own.has("postHolder") && !own.has("hours");
  return {
    own,
    other,
    labels,
    summary,
    headerRows: groupRow === null ? [row] : [groupRow, row],
    titleInferred,
  };
}

// Barnet's grades sheet heads two columns "Grade (Appendix 2)" and "Grade (job description)": the
// second holds the SCP range of the first.
function secondGradeIsRange(field: ColumnField, own: ReadonlyMap<ColumnField, number>): ColumnField {
  return field === "grade" && own.has("grade") && !own.has("scp") ? "scp" : field;
}

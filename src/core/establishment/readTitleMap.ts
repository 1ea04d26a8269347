import { matchHeader } from "./matchHeader";
import { RowCells } from "./RowCells";
import { readCell, type SheetGrid } from "./SheetGrid";
import { titleKey } from "./titleKey";

/** A title map as read: current title key → proposed title keys, with the rows it came from. */
export interface TitleMapRead {
  readonly map: ReadonlyMap<string, readonly string[]>;
  /** Each mapping as written, for the output's audit trail. */
  readonly entries: readonly { readonly from: string; readonly to: string; readonly row: number }[];
}

const SIDE_ONLY: Readonly<Record<string, "current" | "proposed">> = {
  previous: "current",
  current: "current",
  old: "current",
  existing: "current",
  new: "proposed",
  proposed: "proposed",
};

/**
 * Reads a title map: every block headed with a current-title column ("Old Job title", "Current
 * Post", "Previous") and a proposed-title column ("New Job Title", "New Post"), as in Barnet
 * Appendix 2 "Changed Posts" and Leicester §6.2. "No change" maps a title to itself; a blank
 * current cell continues the one above (a wrapped cell); a cell listing several titles
 * ("Assessment Workers, Childcare Support Workers, …") maps each of them.
 *
 * @example
 * readTitleMap({ name: "Map", rows: [["Old Job title", "New Job Title"], ["Leaving Care Worker", "Personal Advisor"]] }).map.get("leaving care worker") //=> ["personal adviser"]
 */
export function readTitleMap(grid: SheetGrid): TitleMapRead {
  const map = new Map<string, string[]>();
  const entries: { from: string; to: string; row: number }[] = [];
  let columns: { from: number; to: number } | null = null;
  let previous: string | null = null;
  const cells = new RowCells();
  for (let row = 0; row < grid.rows.length; row += 1) {
    const shape = cells.load(grid, row);
    if (shape.filled === 0) {
      columns = null;
      continue;
    }
    const header = headerColumns(grid, row, shape.width);
    if (header !== null) {
      columns = header;
      previous = null;
      continue;
    }
    if (columns === null) continue;
    const fromText = text(grid, row, columns.from);
    const toText = text(grid, row, columns.to);
    const from: string | null = fromText ?? previous;
    if (from === null || toText === null) continue;
    previous = from;
    const to = /^no change$/i.test(toText) ? null : toText;
    for (const title of splitTitles(from)) {
      const target = to ?? title;
      entries.push({ from: title, to: target, row: row + 1 });
      const key = titleKey(title);
      map.set(key, [...(map.get(key) ?? []), titleKey(target)]);
    }
  }
  return { map, entries };
}

function text(grid: SheetGrid, row: number, column: number): string | null {
  const { value } = readCell(grid.rows, row, column);
  if (typeof value !== "string" && typeof value !== "number") return null;
  const trimmed = String(value).replace(/\s+/g, " ").trim();
  return trimmed === "" ? null : trimmed;
}

function headerColumns(grid: SheetGrid, row: number, width: number): { from: number; to: number } | null {
  let from: number | null = null;
  let to: number | null = null;
  for (let c = 0; c < width; c += 1) {
    const cell = text(grid, row, c);
    if (cell === null) continue;
    const sideOnly = SIDE_ONLY[cell.toLowerCase()];
    const match = matchHeader(cell);
    const side = sideOnly ?? (match?.field === "title" ? match.side : null);
    if (side === "current") from ??= c;
    if (side === "proposed") to ??= c;
  }
  return from !== null && to !== null ? { from, to } : null;
}

// Leicester §6.2 lists several current posts in one cell, separated by commas ("and" is part of
// titles such as "Support and Development Workers", so it does not separate).
function splitTitles(cell: string): string[] {
  return cell
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

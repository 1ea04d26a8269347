import ExcelJS, { type Cell, type CellValue as ExcelCellValue, type RichText, type Worksheet } from "exceljs";
import type { GridInput, SheetGrid } from "../core/establishment/SheetGrid";
import type { CellValue } from "../core/pay/parseLocalScale";
import { dateToSerial } from "../core/periods/excelDate";

// Pure: no Node, no file system, no Buffer, so the standalone page can bundle it with ExcelJS's
// browser build and read a workbook exactly as `estab` does.

const MS_PER_DAY = 86_400_000;

/**
 * Reads every worksheet of a loaded ExcelJS workbook into a {@link SheetGrid}, in tab order, with
 * values, strike-through and error values as Excel's `Range.values` would give them. Works in Node
 * and in the browser.
 *
 * @example
 * const workbook = new ExcelJS.Workbook();
 * await workbook.xlsx.load(bytes);
 * gridsFromWorkbook(workbook)[0].name //=> "Current"
 */
export function gridsFromWorkbook(workbook: ExcelJS.Workbook): SheetGrid[] {
  // Sorted into tab order (workbook.xml's <sheets> order), which need not follow the sheet ids.
  return workbook.worksheets.map(gridFromWorksheet);
}

/**
 * Reads one worksheet into a {@link SheetGrid} (see {@link gridsFromWorkbook}).
 *
 * @example
 * gridFromWorksheet(workbook.getWorksheet("Current")).rows.length //=> 560
 */
export function gridFromWorksheet(sheet: Worksheet): SheetGrid {
  const rows: GridInput[][] = [];
  // Only rows and cells that exist in the file are visited, so a sheet whose used range reaches
  // row 1,000,000 through formatting alone costs nothing.
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: GridInput[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      // ExcelJS reports the master's value in every cell of a merge; Excel reports it only in the
      // top-left cell, and a repeated job title or FTE would be counted once per merged cell.
      if (cell.type === ExcelJS.ValueType.Merge) return;
      const input = readExcelCell(cell);
      if (input === null) return;
      while (cells.length < column - 1) cells.push(null);
      cells.push(input);
    });
    if (cells.length === 0) return;
    while (rows.length < rowNumber - 1) rows.push([]);
    rows.push(cells);
  });
  return { name: sheet.name, rows };
}

/** A converted value, or an error value such as `#REF!`. */
type Converted = CellValue | { readonly error: string };

function readExcelCell(cell: Cell): GridInput {
  const cellStruck = cell.font?.strike === true;
  const raw = cell.value;
  // Plain values are nearly every cell of a large sheet: return them without allocating.
  if (typeof raw === "number" || typeof raw === "string" || typeof raw === "boolean") {
    if (raw === "") return null;
    return cellStruck ? { value: raw, struck: true } : raw;
  }
  if (isRichText(raw)) {
    const text = joinRuns(raw.richText);
    if (text === "") return null;
    return richTextStruck(raw.richText, cellStruck) ? { value: text, struck: true } : text;
  }
  const converted = convert(raw, cell);
  if (converted === null || converted === undefined || converted === "") return null;
  if (typeof converted === "object") {
    return cellStruck ? { value: null, error: converted.error, struck: true } : { value: null, error: converted.error };
  }
  return cellStruck ? { value: converted, struck: true } : converted;
}

function convert(value: ExcelCellValue, cell: Cell): Converted {
  if (value === null || value === undefined) return null;
  if (typeof value !== "object") return value;
  if (value instanceof Date) return dateToExcelSerial(value);
  if ("error" in value) return { error: value.error };
  if ("formula" in value || "sharedFormula" in value) {
    // An uncalculated formula (no cached result) shows nothing until Excel recalculates it.
    return value.result === undefined ? null : convert(value.result, cell);
  }
  if (isRichText(value)) return joinRuns(value.richText);
  if ("hyperlink" in value) {
    // ExcelJS types the link text as a string, but a rich-text shared string arrives as rich text.
    const text: unknown = value.text;
    return isRichText(text) ? joinRuns(text.richText) : typeof text === "string" ? text : null;
  }
  // A value kind this ExcelJS version does not model: fall back to the text Excel would show.
  return cell.text;
}

function isRichText(value: unknown): value is { richText: RichText[] } {
  return typeof value === "object" && value !== null && Array.isArray((value as { richText?: unknown }).richText);
}

function joinRuns(runs: readonly RichText[]): string {
  return runs.map((run) => run.text).join("");
}

// A run with its own font (`<rPr>`) is drawn with that font, which overrides the cell's; a run
// without one is drawn in the cell's font. The cell reads as struck only when all its visible text
// is, matching Excel's Range.format.font.strikethrough (null, not true, for a partly struck cell).
function richTextStruck(runs: readonly RichText[], cellStruck: boolean): boolean {
  let visibleRuns = 0;
  for (const run of runs) {
    if (run.text.trim() === "") continue;
    const struck = run.font === undefined ? cellStruck : run.font.strike === true;
    if (!struck) return false;
    visibleRuns++;
  }
  return visibleRuns > 0;
}

/**
 * A date as Excel stores it: a 1900-date-system serial, whole days plus the time as a fraction.
 * ExcelJS builds Dates in UTC from the stored serial (allowing for the 1904 system), so the UTC
 * parts are the calendar date the sheet shows.
 */
function dateToExcelSerial(date: Date): Converted {
  const ms = date.getTime();
  // Out-of-range serials become Invalid Date; Excel shows such a cell as ##### and a formula on it
  // gives #NUM!, which is better than silently reading it as empty.
  if (!Number.isFinite(ms)) return { error: "#NUM!" };
  const days = dateToSerial({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
  const timeOfDay = (((ms % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / MS_PER_DAY;
  return days + timeOfDay;
}

import { readFile } from "node:fs/promises";
import ExcelJS, { type Cell, type CellValue as ExcelCellValue, type RichText, type Worksheet } from "exceljs";
import type { GridInput, SheetGrid } from "../core/establishment/SheetGrid";
import type { CellValue } from "../core/pay/parseLocalScale";
import { dateToSerial } from "../core/periods/excelDate";
import { UnusableFileError } from "./UnusableFileError";

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
// An encrypted .xlsx is not a zip: Office wraps it in an OLE compound file whose directory names
// its streams in UTF-16LE, and only encrypted packages have an "EncryptionInfo" stream.
const ENCRYPTION_INFO = Buffer.from("EncryptionInfo", "utf16le");
const MS_PER_DAY = 86_400_000;

type ExcelBuffer = Parameters<ExcelJS.Xlsx["load"]>[0];

// Data validations and conditional formats are expanded by ExcelJS into one entry per cell, so a
// rule on a whole column costs a million objects; the grid needs neither.
const IGNORED_NODES = ["dataValidations", "conditionalFormatting"];

/**
 * Reads every worksheet of an .xlsx file into a {@link SheetGrid}, in tab order, with values,
 * strike-through and error values as Excel's `Range.values` would give them. The file is only
 * read, never written or locked.
 *
 * @param path the file to read, as the user gave it (used in error messages)
 * @returns one grid per worksheet, in the order the tabs appear
 * @throws {UnusableFileError} when the file is missing, is not an .xlsx workbook (an old .xls, a
 *   password-protected workbook, some other file) or cannot be read
 *
 * @example
 * const [current] = await readXlsxWorkbook("samples/leicester-2013-14.xlsx");
 * current.name //=> "Current"
 * readCell(current.rows, 29, 0) //=> { value: "* Childcare Social Worker", struck: true, error: null }
 */
export async function readXlsxWorkbook(path: string): Promise<SheetGrid[]> {
  const bytes = await readBytes(path);
  if (startsWith(bytes, OLE_MAGIC)) {
    throw new UnusableFileError(bytes.includes(ENCRYPTION_INFO) ? "password-protected" : "old-xls", path);
  }
  if (!startsWith(bytes, ZIP_MAGIC)) throw new UnusableFileError("not-xlsx", path);

  const workbook = new ExcelJS.Workbook();
  try {
    // ExcelJS types its argument as its own ArrayBuffer-like `Buffer`, but passes it straight to
    // JSZip, which takes a Node Buffer as is; converting would copy the whole file.
    await workbook.xlsx.load(bytes as unknown as ExcelBuffer, { ignoreNodes: IGNORED_NODES });
  } catch (error) {
    throw new UnusableFileError("unreadable", path, { detail: oneLine(error), cause: error });
  }
  // Sorted into tab order (workbook.xml's <sheets> order), which need not follow the sheet ids.
  const sheets = workbook.worksheets;
  if (sheets.length === 0) throw new UnusableFileError("unreadable", path, { detail: "it has no worksheets" });
  return sheets.map(readWorksheet);
}

async function readBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new UnusableFileError("not-found", path, { cause: error });
    if (code === "EISDIR") throw new UnusableFileError("not-xlsx", path, { detail: "it is a folder", cause: error });
    throw new UnusableFileError("unreadable", path, { detail: oneLine(error), cause: error });
  }
}

function startsWith(bytes: Buffer, magic: Buffer): boolean {
  return bytes.length >= magic.length && bytes.subarray(0, magic.length).equals(magic);
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = (text.split("\n")[0] ?? "").trim();
  return line.length > 200 ? `${line.slice(0, 197)}...` : line || "no reason given";
}

function readWorksheet(sheet: Worksheet): SheetGrid {
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

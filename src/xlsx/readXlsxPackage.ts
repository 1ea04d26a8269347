import type { SheetGrid } from "../core/establishment/SheetGrid";
import { GridBudget } from "./GridBudget";
import { openZipPackage, type ZipPackage } from "./openZipPackage";
import { PackageFault } from "./PackageFault";
import { readCellStyles, type CellStyles } from "./readCellStyles";
import { readWorkbookPart } from "./readWorkbookPart";
import { isRelationshipType } from "./relationshipType";
import { SharedStringsScanner, type SharedStrings } from "./SharedStringsScanner";
import { UnusableFileError } from "./UnusableFileError";
import { WorksheetScanner } from "./WorksheetScanner";
import type { ZipCodec } from "./ZipCodec";

// Pure: no Node, no Buffer, no DOM, so the standalone page can read a workbook exactly as `estab`
// does, given a ZipCodec. The package is opened by openZipPackage and its workbook found by
// readWorkbookPart, as the package writer does; the parts are read by hand-written scanners,
// streamed, so the grids are the only thing that grows with the sheet.

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
// An encrypted .xlsx is not a zip: Office wraps it in an OLE compound file whose directory names
// its streams in UTF-16LE, and only encrypted packages have an "EncryptionInfo" stream.
const ENCRYPTION_INFO = [..."EncryptionInfo"].flatMap((ch) => [ch.charCodeAt(0), 0]);

const NO_STRINGS: SharedStrings = { texts: [], strikes: [] };
const NO_STYLES: CellStyles = { struck: new Uint8Array(0), date: new Uint8Array(0) };

/**
 * Reads every worksheet of an .xlsx package (its bytes) into a {@link SheetGrid}, in tab order,
 * with values, strike-through and error values as Excel's `Range.values` would give them, the
 * same grids as `gridsFromWorkbook` after ExcelJS loads the file. Chart sheets and dialog sheets
 * are not grids and are left out. Works in Node and in the browser.
 *
 * Before anything is unpacked the zip's declared sizes are checked (`ZIP_LIMITS`), parts are
 * streamed and stopped if they unpack past what they declared, checked against their CRC-32, and
 * the grids may hold at most `GRID_CELL_LIMIT` cells, so a hostile or broken file gives an error,
 * never a crash or an exhausted memory.
 *
 * @param bytes the file's content
 * @param fileName the file as the user knows it, for error messages
 * @param codec inflates the parts (`nodeZipCodec()` in Node)
 * @returns one grid per worksheet, in the order the tabs appear
 * @throws {UnusableFileError} `not-xlsx`, `old-xls`, `password-protected`, `unreadable` (naming
 *   the part, sheet or cell where it can) or `too-large`
 *
 * @example
 * const [current] = await readXlsxPackage(await readFile(path), path, nodeZipCodec());
 * current.name //=> "Current"
 */
export async function readXlsxPackage(bytes: Uint8Array, fileName: string, codec: ZipCodec): Promise<SheetGrid[]> {
  if (startsWith(bytes, OLE_MAGIC)) {
    throw new UnusableFileError(contains(bytes, ENCRYPTION_INFO) ? "password-protected" : "old-xls", fileName);
  }
  if (!startsWith(bytes, ZIP_MAGIC)) throw new UnusableFileError("not-xlsx", fileName);
  try {
    return await readGrids(openZipPackage(bytes, codec));
  } catch (error) {
    if (error instanceof PackageFault) {
      throw new UnusableFileError(error.reason, fileName, { detail: error.detail, cause: error });
    }
    // Whatever else a damaged file provokes (V8's "Invalid string length" and the like) is still
    // a file that cannot be read, not a fault of the program.
    const detail = (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
    throw new UnusableFileError("unreadable", fileName, { detail, cause: error });
  }
}

async function readGrids(zip: ZipPackage): Promise<SheetGrid[]> {
  const workbook = await readWorkbookPart(zip);
  if (workbook.relsXml === undefined) throw new PackageFault("unreadable", `${workbook.relsPart} is missing`);
  const budget = new GridBudget();

  const stringsPart = workbook.sharedStrings?.part ?? null;
  let strings = NO_STRINGS;
  if (stringsPart !== null) {
    const scanner = new SharedStringsScanner(stringsPart, budget);
    await zip.streamText(stringsPart, (text) => scanner.feed(text));
    strings = scanner.finish();
  }
  const stylesPart = workbook.styles?.part ?? null;
  const styles = stylesPart === null ? NO_STYLES : readCellStyles(await zip.readText(stylesPart));

  const grids: SheetGrid[] = [];
  for (const sheet of workbook.sheets) {
    const { relationship } = sheet;
    if (relationship === undefined) {
      throw new PackageFault(
        "unreadable",
        `sheet "${sheet.name}" has no relationship ${sheet.relationshipId || "(no r:id)"} in ${workbook.relsPart}`,
      );
    }
    // Chart sheets, dialog sheets and Excel 4 macro sheets hold no cells.
    if (!isRelationshipType(relationship.type, "worksheet")) continue;
    if (relationship.part === null) {
      throw new PackageFault("unreadable", `sheet "${sheet.name}": its part ${relationship.path} is missing`);
    }
    const scanner = new WorksheetScanner(sheet.name, { strings, styles, date1904: workbook.date1904, budget });
    await zip.streamText(relationship.part, (text) => scanner.feed(text));
    grids.push(scanner.finish());
  }
  if (grids.length === 0) throw new PackageFault("unreadable", "it has no worksheets");
  return grids;
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((byte, i) => bytes[i] === byte);
}

function contains(bytes: Uint8Array, pattern: readonly number[]): boolean {
  const first = pattern[0];
  for (let at = bytes.indexOf(first ?? 0); at !== -1; at = bytes.indexOf(first ?? 0, at + 1)) {
    if (at + pattern.length > bytes.length) return false;
    if (pattern.every((byte, i) => bytes[at + i] === byte)) return true;
  }
  return false;
}

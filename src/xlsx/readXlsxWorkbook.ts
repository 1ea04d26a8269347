import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import type { SheetGrid } from "../core/establishment/SheetGrid";
import { gridsFromWorkbook } from "./gridsFromWorkbook";
import { UnusableFileError } from "./UnusableFileError";

export { gridFromWorksheet, gridsFromWorkbook } from "./gridsFromWorkbook";

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
// An encrypted .xlsx is not a zip: Office wraps it in an OLE compound file whose directory names
// its streams in UTF-16LE, and only encrypted packages have an "EncryptionInfo" stream.
const ENCRYPTION_INFO = Buffer.from("EncryptionInfo", "utf16le");

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
  if (workbook.worksheets.length === 0) {
    throw new UnusableFileError("unreadable", path, { detail: "it has no worksheets" });
  }
  return gridsFromWorkbook(workbook);
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

import { readFile } from "node:fs/promises";
import type { SheetGrid } from "../core/establishment/SheetGrid";
import { nodeZipCodec } from "./nodeZipCodec";
import { readXlsxPackage } from "./readXlsxPackage";
import { UnusableFileError } from "./UnusableFileError";

export { gridFromWorksheet, gridsFromWorkbook } from "./gridsFromWorkbook";

/**
 * Reads every worksheet of an .xlsx file into a {@link SheetGrid}, in tab order, with values,
 * strike-through and error values as Excel's `Range.values` would give them. The file is only
 * read, never written or locked. The package is read by {@link readXlsxPackage}, which checks its
 * sizes before unpacking anything.
 *
 * @param path the file to read, as the user gave it (used in error messages)
 * @returns one grid per worksheet, in the order the tabs appear
 * @throws {UnusableFileError} when the file is missing, is not an .xlsx workbook (an old .xls, a
 *   password-protected workbook, some other file), cannot be read, or is too large to read safely
 *
 * @example
 * const [current] = await readXlsxWorkbook("samples/leicester-2013-14.xlsx");
 * current.name //=> "Current"
 * readCell(current.rows, 29, 0) //=> { value: "* Childcare Social Worker", struck: true, error: null }
 */
export async function readXlsxWorkbook(path: string): Promise<SheetGrid[]> {
  return readXlsxPackage(await readBytes(path), path, nodeZipCodec());
}

async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new UnusableFileError("not-found", path, { cause: error });
    if (code === "EISDIR") throw new UnusableFileError("not-xlsx", path, { detail: "it is a folder", cause: error });
    // A file over Node's 2 GB Buffer limit cannot be read whole, and is over what the reader takes.
    if (code === "ERR_FS_FILE_TOO_LARGE") {
      throw new UnusableFileError("too-large", path, { detail: "it is over 2 GB", cause: error });
    }
    throw new UnusableFileError("unreadable", path, { detail: oneLine(error), cause: error });
  }
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = (text.split("\n")[0] ?? "").trim();
  return line.length > 200 ? `${line.slice(0, 197)}...` : line || "no reason given";
}

import { readFile, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import ExcelJS from "exceljs";
import type { Reduction } from "../core";
import { buildOutputSheets } from "../output/outputSheets";
import { compareWorkbookParts } from "./compareWorkbookParts";
import { readXlsxWorkbook } from "./readXlsxWorkbook";
import { renderOutputSheets } from "./renderOutputSheets";

/**
 * Writes a copy of `input` to `output` with the reduction's sheets added: the reduction table
 * (native SUMIFS formulas over the costed posts, so it stays live when a figure is corrected and
 * opens without the add-in), post changes, staff impact, costed posts and assumptions. Source
 * sheets are copied as they are; text from HR sheets is written as text, never as a formula. The
 * copy is written to a temporary file, checked (every source sheet must read back unchanged) and
 * renamed, so a failed run leaves no partial output. Returns the kinds of content ExcelJS could
 * not carry into the copy (charts, pivot tables …), for the caller to tell the user.
 *
 * @example
 * await writeReductionWorkbook("samples/leicester-2013-14.xlsx", "out.xlsx", reduction)
 */
export async function writeReductionWorkbook(
  input: string,
  output: string,
  reduction: Reduction,
): Promise<{ readonly lost: readonly string[] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(input);
  renderOutputSheets(
    workbook,
    buildOutputSheets(
      reduction,
      workbook.worksheets.map((sheet) => sheet.name),
    ),
  );

  const temporary = join(dirname(output), `.${basename(output)}.${String(process.pid)}.tmp`);
  try {
    await workbook.xlsx.writeFile(temporary);
    await checkSourceSheets(input, temporary, output);
    const lost = await compareWorkbookParts(await readFile(input), await readFile(temporary));
    await rename(temporary, output);
    return { lost };
  } catch (error: unknown) {
    await rm(temporary, { force: true });
    throw error;
  }
}

// Never a change to a source sheet: every value, strike-through and error of every source sheet
// must read back from the copy exactly as from the original, or nothing is written.
async function checkSourceSheets(input: string, copy: string, output: string): Promise<void> {
  const before = await readXlsxWorkbook(input);
  const after = new Map((await readXlsxWorkbook(copy)).map((grid) => [grid.name, JSON.stringify(grid.rows)]));
  for (const grid of before) {
    if (after.get(grid.name) !== JSON.stringify(grid.rows)) {
      throw new Error(`the copy would not keep sheet "${grid.name}" exactly as it is, so ${output} was not written`);
    }
  }
}

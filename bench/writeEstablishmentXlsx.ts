// A synthetic establishment as an .xlsx file, the way HR would send it: one sheet each for the
// current and proposed establishments and the grades, shared strings, leavers struck through.
// Written with ExcelJS's streaming writer so a million rows a side never sit in memory twice.
import ExcelJS from "exceljs";
import type { GridInput, SheetGrid } from "../src/core";
import type { SyntheticWorkbook } from "./generateEstablishment";

/**
 * Writes the three sheets of `workbook` to `path`, cell for cell: numbers as numbers, text as
 * text, struck cells with a struck-through font, blanks left out.
 *
 * @example
 * await writeEstablishmentXlsx(generateEstablishment(1000), "bench/out/1000.xlsx")
 */
export async function writeEstablishmentXlsx(workbook: SyntheticWorkbook, path: string): Promise<void> {
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
  for (const grid of [workbook.current, workbook.proposed, workbook.grades]) writeSheet(writer, grid);
  await writer.commit();
}

function writeSheet(writer: ExcelJS.stream.xlsx.WorkbookWriter, grid: SheetGrid): void {
  const sheet = writer.addWorksheet(grid.name);
  for (const cells of grid.rows) {
    const row = sheet.addRow(cells.map(plainValue));
    cells.forEach((cell, c) => {
      if (isStruck(cell)) row.getCell(c + 1).font = { strike: true };
    });
    row.commit();
  }
  sheet.commit();
}

function plainValue(cell: GridInput): string | number | boolean | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === "object") return cell.value ?? null;
  return cell;
}

function isStruck(cell: GridInput): boolean {
  return cell !== null && typeof cell === "object" && cell.struck === true;
}

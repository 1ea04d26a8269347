import type ExcelJS from "exceljs";
import type { OutputSheet } from "../output/outputSheets";

/**
 * Adds output sheets to an ExcelJS workbook (Node or browser) and makes the first one active. Text
 * is set as a string value, so a title beginning `=`, `+`, `-` or `@` is never a formula.
 *
 * @example
 * renderOutputSheets(workbook, buildOutputSheets(reduction, names))
 */
export function renderOutputSheets(workbook: ExcelJS.Workbook, sheets: readonly OutputSheet[]): void {
  for (const output of sheets) {
    const sheet = workbook.addWorksheet(output.name);
    output.rows.forEach((cells, r) => {
      const row = sheet.getRow(r + 1);
      cells.forEach((cell, c) => {
        const target = row.getCell(c + 1);
        target.value = cell.value;
        if (cell.numFmt !== undefined) target.numFmt = cell.numFmt;
        if (cell.bold === true) target.font = { bold: true };
      });
    });
    output.widths.forEach((width, c) => {
      sheet.getColumn(c + 1).width = width;
    });
    if (output.frozenRows > 0) sheet.views = [{ state: "frozen", ySplit: output.frozenRows }];
  }
  const first = sheets[0];
  const activeTab = first === undefined ? 0 : workbook.worksheets.findIndex((sheet) => sheet.name === first.name);
  workbook.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab, visibility: "visible" }];
}

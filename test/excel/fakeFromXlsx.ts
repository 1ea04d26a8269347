// Loads an .xlsx file into the fake Excel with what a user sees of it, not only the values the
// grid contract needs: formulas with their cached results, number formats, bold, strike-through,
// fills, column widths, visibility, frozen rows and workbook-scoped defined names.
import ExcelJS from "exceljs";
import { type FakeCell, FakeExcel } from "./fakeExcel";

const VISIBILITY = { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" } as const;
// Column widths in characters (as the file stores them) to points (as Office.js gives them):
// Calibri 11 draws a character in 7 pixels, and a pixel is 0.75 points.
const POINTS_PER_CHARACTER = 5.25;
const DAY_MS = 86_400_000;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * A fake workbook holding an .xlsx file's sheets, cells and their look.
 *
 * @example
 * const excel = await fakeExcelFromXlsx("samples/leicester-2013-14.xlsx");
 */
export async function fakeExcelFromXlsx(file: string): Promise<FakeExcel> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const excel = new FakeExcel();
  for (const worksheet of workbook.worksheets) {
    const sheet = excel.addSheet(worksheet.name);
    sheet.visibility = VISIBILITY[worksheet.state];
    // ExcelJS's types promise an array, but a sheet saved without views gives null.
    const views = worksheet.views as ExcelJS.WorksheetView[] | null;
    const view = views?.[0];
    if (view?.state === "frozen") sheet.frozenRows = view.ySplit ?? 0;
    (worksheet.columns ?? []).forEach((column, c) => {
      if (column.width !== undefined) sheet.columnWidths.set(c, column.width * POINTS_PER_CHARACTER);
    });
    worksheet.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => sheet.setCell(r - 1, c - 1, fakeCell(cell)));
    });
  }
  for (const { name, ranges } of workbook.definedNames.model) {
    const [range] = ranges;
    if (range !== undefined) excel.addName(name, `=${range}`);
  }
  return excel;
}

function fakeCell(cell: ExcelJS.Cell): FakeCell {
  const look: { -readonly [K in keyof FakeCell]: FakeCell[K] } = {};
  if (cell.numFmt !== undefined && cell.numFmt !== "" && cell.numFmt !== "General") look.numberFormat = cell.numFmt;
  if (cell.font?.bold === true) look.bold = true;
  if (cell.font?.strike === true) look.struck = true;
  const fill = cell.fill;
  if (fill?.type === "pattern" && fill.pattern === "solid" && fill.fgColor?.argb !== undefined) {
    look.fill = `#${fill.fgColor.argb.slice(-6).toUpperCase()}`;
  }
  const value = cell.value;
  if (value === null || value === undefined) return look;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return { ...look, value };
  if (value instanceof Date) return { ...look, value: (value.getTime() - EXCEL_EPOCH) / DAY_MS };
  if ("error" in value) return { ...look, error: value.error };
  if ("richText" in value) return { ...look, value: value.richText.map((run) => run.text).join("") };
  if ("formula" in value || "sharedFormula" in value) {
    const result = value.result;
    const formula = `=${cell.formula}`;
    if (result !== null && typeof result === "object" && "error" in result)
      return { ...look, formula, error: result.error };
    if (typeof result === "number" || typeof result === "string" || typeof result === "boolean") {
      return { ...look, formula, value: result };
    }
    return { ...look, formula };
  }
  if ("text" in value) return { ...look, value: value.text };
  return look;
}

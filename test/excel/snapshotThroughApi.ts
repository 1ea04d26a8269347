// What a user could see of a workbook, read back through the Office.js API (as an add-in or a
// test harness in real Excel would read it), for before/after comparisons.
import type { ExcelRun } from "../../src/excel/ExcelRun";

/** One sheet as the API reports it. */
export interface SheetSnapshot {
  readonly name: string;
  readonly position: number;
  readonly visibility: string;
  /** The frozen panes' range, or null when nothing is frozen. */
  readonly frozen: string | null;
  /** The used range (formats included), or null for an empty sheet. */
  readonly address: string | null;
  readonly values: unknown;
  readonly formulas: unknown;
  readonly numberFormat: unknown;
  /** Per cell: font bold and strike-through, and fill colour. */
  readonly looks: unknown;
  /** Per column of the used range: its index and width. */
  readonly widths: unknown;
}

/** The workbook as the API reports it: sheets in tab order, tables and defined names. */
export interface WorkbookSnapshot {
  readonly sheets: readonly SheetSnapshot[];
  readonly tables: readonly { readonly name: string; readonly style: string; readonly showBandedRows: boolean }[];
  readonly names: readonly { readonly name: string; readonly formula: string }[];
}

/**
 * Reads every sheet named (all when none are) through the API: values, formulas, number formats,
 * fonts, fills, column widths, visibility, name, position and frozen panes; and the workbook's
 * tables and defined names.
 *
 * @example
 * expect(await snapshotThroughApi(excel.run)).toEqual(before);
 */
export async function snapshotThroughApi(run: ExcelRun, only?: readonly string[]): Promise<WorkbookSnapshot> {
  return run(async (context) => {
    const worksheets = context.workbook.worksheets;
    worksheets.load("items/name,items/position,items/visibility");
    const tables = context.workbook.tables;
    tables.load("items/name,items/style,items/showBandedRows");
    const names = context.workbook.names;
    names.load("items/name,items/formula");
    await context.sync();
    const chosen = worksheets.items.filter((sheet) => only === undefined || only.includes(sheet.name));
    const parts = chosen.map((sheet) => {
      const used = sheet.getUsedRangeOrNullObject(false);
      const frozen = sheet.freezePanes.getLocationOrNullObject();
      frozen.load("address");
      return { sheet, used, frozen };
    });
    await context.sync();
    const filled = parts.map((part) => {
      if (part.used.isNullObject) return { ...part, looks: null, widths: null };
      part.used.load("address,values,formulas,numberFormat");
      const looks = part.used.getCellProperties({
        format: { font: { bold: true, strikethrough: true }, fill: { color: true } },
      });
      const widths = part.used.getColumnProperties({ columnIndex: true, format: { columnWidth: true } });
      return { ...part, looks, widths };
    });
    await context.sync();
    return {
      sheets: filled.map(({ sheet, used, frozen, looks, widths }) => ({
        name: sheet.name,
        position: sheet.position,
        visibility: sheet.visibility,
        frozen: frozen.isNullObject ? null : frozen.address,
        address: used.isNullObject ? null : used.address,
        values: used.isNullObject ? null : used.values,
        formulas: used.isNullObject ? null : used.formulas,
        numberFormat: used.isNullObject ? null : used.numberFormat,
        looks: looks?.value ?? null,
        widths: widths?.value ?? null,
      })),
      tables: tables.items.map((table) => ({
        name: table.name,
        style: table.style,
        showBandedRows: table.showBandedRows,
      })),
      names: names.items.map((item) => ({ name: item.name, formula: item.formula })),
    };
  });
}

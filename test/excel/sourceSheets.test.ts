// Issue 7, Excel adapter: the source sheets never change. The Leicester sample is loaded into the
// fake Excel with everything a user sees of it (and a few things the sample lacks: formulas, bold,
// fills, frozen rows, a hidden sheet, a table and a defined name), then taken through the pane's
// whole flow through ExcelHost: read the sheets and validate, then read, validate, reduce and write
// the outputs. Every source sheet reads back through the API exactly as before, no write of any
// kind went to one, and the outputs were built hidden and shown only in the last sync.
import { beforeAll, describe, expect, it } from "vitest";
import { buildReduction, findSheets, readTitleMap, validateWorkbook } from "../../src/core";
import { ExcelHost } from "../../src/excel/ExcelHost";
import { DEFAULT_PANE_SETTINGS, toReductionSettings } from "../../src/host/PaneSettings";
import type { FakeExcel } from "./fakeExcel";
import { fakeExcelFromXlsx } from "./fakeFromXlsx";
import { LEICESTER } from "./gridContract";
import { MemorySettings } from "./MemorySettings";
import { OUTPUT_SHEETS, STAMP } from "./leicesterReduction";
import { snapshotThroughApi, type WorkbookSnapshot } from "./snapshotThroughApi";

const SOURCES = ["Current", "Proposed", "Bands", "Title map", "Notes"];

/** The sample as a user has it open, with more of what real workbooks hold. */
async function userWorkbook(): Promise<FakeExcel> {
  const excel = await fakeExcelFromXlsx(LEICESTER);
  const current = excel.sheet("Current");
  current.frozenRows = 1;
  for (let c = 0; c < 4; c++) current.setCell(0, c, { ...current.cell(0, c), bold: true, fill: "#DDEBF7" });
  const bands = excel.sheet("Bands");
  bands.setCell(0, 5, { formula: "=COUNTA(A:A)", value: 7, bold: true, fill: "#FFFF00", numberFormat: "0" });
  const notes = excel.addSheet("Notes");
  notes.visibility = "Hidden";
  notes.setCell(0, 0, { value: "Item", bold: true });
  notes.setCell(0, 1, { value: "Cost", bold: true });
  notes.setCell(1, 0, { value: "Agency staff" });
  notes.setCell(1, 1, { value: 125_000, numberFormat: "£#,##0" });
  notes.setCell(2, 1, { formula: "=SUM(B2:B2)", value: 125_000, struck: true });
  notes.columnWidths.set(0, 120);
  excel.addTable(notes, { row: 0, column: 0, rowCount: 2, columnCount: 2 }, "ReductionTable");
  excel.addName("AgencyBudget", "=Notes!$B$2");
  return excel;
}

describe("the source sheets through validate and build", () => {
  let excel: FakeExcel;
  let before: WorkbookSnapshot;
  let internalBefore: string[];
  let writeSyncs: { first: number; last: number };
  let added: string[];

  beforeAll(async () => {
    excel = await userWorkbook();
    before = await snapshotThroughApi(excel.run);
    internalBefore = SOURCES.map((name) => excel.sheet(name).snapshot());

    // The pane's flow (src/taskpane/Pane.ts): sheet names and settings, then Validate, then Build.
    const host = new ExcelHost(excel.run, { settings: new MemorySettings() });
    const names = await host.sheetNames();
    const stored = (await host.loadSettings()) ?? DEFAULT_PANE_SETTINGS;
    const roles = { current: "Proposed", proposed: "Proposed" };
    const found = findSheets(names, roles);
    const read = [found.proposed, found.grades, "Title map"].filter((name): name is string => name !== null);
    const validate = async (): Promise<ReturnType<typeof validateWorkbook>> => {
      const grids = await host.readSheets(read);
      return validateWorkbook(
        grids.filter((grid) => grid.name !== "Title map"),
        { sheets: { ...roles, ...(found.grades === null ? {} : { grades: found.grades }) } },
      );
    };
    expect((await validate()).counts.error).toBeGreaterThan(0);
    const validation = await validate();
    const [mapGrid] = await host.readSheets(["Title map"]);
    const reduction = buildReduction(
      validation,
      mapGrid === undefined ? new Map() : readTitleMap(mapGrid).map,
      toReductionSettings(stored),
      STAMP,
    );
    const first = excel.syncs.length + 1;
    added = await host.writeOutputs(reduction);
    writeSyncs = { first, last: excel.syncs.length };
  });

  it("wrote its outputs", () => {
    expect(added).toEqual(OUTPUT_SHEETS);
    expect(excel.sheets.map((sheet) => sheet.name)).toEqual([...SOURCES, ...OUTPUT_SHEETS]);
  });

  it("leaves every source sheet as it was: values, formulas, formats, fonts, fills, widths, visibility, names, order, frozen panes", async () => {
    const after = await snapshotThroughApi(excel.run, SOURCES);
    expect(after.sheets).toEqual(before.sheets);
    // The snapshot saw what it should: the sample's look and the additions.
    const current = before.sheets.find((sheet) => sheet.name === "Current");
    expect(current?.frozen).toBe("Current!A1:XFD1");
    expect(JSON.stringify(current?.looks)).toContain('"strikethrough":true');
    expect(JSON.stringify(current?.looks)).toContain('"color":"#DDEBF7"');
    expect(current?.widths).toContainEqual({ columnIndex: 0, format: { columnWidth: 45 * 5.25 } });
    expect(JSON.stringify(before.sheets)).toContain("=COUNTA(A:A)");
    expect(before.sheets.find((sheet) => sheet.name === "Notes")?.visibility).toBe("Hidden");
    // And the fake's own record of each sheet agrees.
    expect(SOURCES.map((name) => excel.sheet(name).snapshot())).toEqual(internalBefore);
  });

  it("keeps the workbook's tables and defined names, adding its own under free names", async () => {
    const after = await snapshotThroughApi(excel.run);
    expect(after.names).toEqual(before.names);
    expect(after.tables.map((table) => table.name)).toEqual(["ReductionTable", "ReductionTable2", "CostedPosts"]);
    expect(after.tables[0]).toEqual(before.tables[0]);
  });

  it("never wrote to a source sheet", () => {
    const sources = new Set(SOURCES.map((name) => excel.sheet(name).id));
    expect(excel.writes.length).toBeGreaterThan(0);
    expect(excel.writes.filter((write) => sources.has(write.sheetId))).toEqual([]);
    const outputs = new Set(OUTPUT_SHEETS.map((name) => excel.sheet(name).id));
    expect(excel.writes.every((write) => outputs.has(write.sheetId))).toBe(true);
  });

  it("built the outputs hidden and showed them only in the last sync", () => {
    const syncs = excel.syncs.slice(writeSyncs.first - 1, writeSyncs.last);
    const visibleSources = SOURCES.filter((name) => name !== "Notes");
    for (const sync of syncs.slice(0, -1)) expect(sync.visible).toEqual(visibleSources);
    expect(syncs.at(-1)?.visible).toEqual([...visibleSources, ...OUTPUT_SHEETS]);
    // Cells, formats, widths, tables and charts all came before the last sync; it only shows the
    // sheets, freezes their headings and activates the reduction table.
    const last = writeSyncs.last;
    const kinds = new Set(excel.writes.filter((write) => write.sync === last).map((write) => write.kind));
    expect([...kinds].sort()).toEqual(["activate", "freezePanes", "visibility"]);
    const building = excel.writes.filter((write) => write.sync < last).map((write) => write.kind);
    for (const kind of ["numberFormat", "values", "formulas", "bold", "columnWidth", "table", "chart"]) {
      expect(building, kind).toContain(kind);
    }
  });
});

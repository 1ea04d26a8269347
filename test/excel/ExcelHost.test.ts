// Issue 5, Excel adapter: ExcelHost against the in-memory fake of the Office.js subset it uses.
// The fake enforces load/sync discipline and the 5 MB payload limit and counts syncs, so these
// tests check what matters on Excel on the web without Excel: block reads, a fixed number of syncs
// per block, outputs built hidden and shown only when complete, nothing left behind on failure,
// source sheets never touched, and every Office error turned into a message a user can act on.
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildReduction,
  cellRef,
  DEFAULT_REDUCTION_SETTINGS,
  type GridInput,
  type Reduction,
  type SheetGrid,
  validateWorkbook,
} from "../../src/core";
import { serialiseSettings, SETTINGS_SHEET_NAME } from "../../src/host/storedSettings";
import { ExcelHost } from "../../src/excel/ExcelHost";
import { OFFICE_ERROR_MESSAGES } from "../../src/excel/toHostError";
import { WRITE_ERROR_MESSAGES } from "../../src/excel/writeOutputSheets";
import { SETTINGS_KEY, type SettingsStore } from "../../src/excel/workbookSettings";
import { DEFAULT_PANE_SETTINGS, type PaneSettings } from "../../src/host/PaneSettings";
import { buildOutputSheets, type OutputSheet } from "../../src/output/outputSheets";
import { readXlsxWorkbook } from "../../src/xlsx/readXlsxWorkbook";
import { type Extent, type FakeCell, FakeExcel, FakeOfficeError, type FakeSheet, type SyncRecord } from "./fakeExcel";
import { expectHostError as rejection } from "./expectHostError";
import { LEICESTER } from "./gridContract";
import { MemorySettings } from "./MemorySettings";

const STAMP = { builtOn: "2026-11-23", version: "test" };
const LIMIT = 5_000_000;

let leicesterGrids: SheetGrid[];
let reduction: Reduction;

beforeAll(async () => {
  leicesterGrids = await readXlsxWorkbook(LEICESTER);
  const validation = validateWorkbook(leicesterGrids, { sheets: { current: "Proposed", proposed: "Proposed" } });
  reduction = buildReduction(validation, new Map(), { ...DEFAULT_REDUCTION_SETTINGS, budget: 1_665_380_000 }, STAMP);
});

/** The syncs a piece of work made on the fake. */
async function syncsOf(excel: FakeExcel, work: () => Promise<unknown>): Promise<SyncRecord[]> {
  const first = excel.syncs.length;
  await work();
  return excel.syncs.slice(first);
}

function snapshots(excel: FakeExcel, names: readonly string[]): string[] {
  return names.map((name) => excel.sheet(name).snapshot());
}

describe("reading", () => {
  it("lists the sheets in tab order", async () => {
    const excel = FakeExcel.fromGrids(leicesterGrids);
    expect(await new ExcelHost(excel.run).sheetNames()).toEqual(["Current", "Proposed", "Bands", "Title map"]);
  });

  it("reads error values, strike-through, formula results and data off A1, ignoring formatting and empty text", async () => {
    const excel = new FakeExcel();
    const sheet = excel.addSheet("Data");
    const cells: [number, number, FakeCell][] = [
      [1, 1, { bold: true }], // formatting only: outside the values-only used range
      [2, 2, { value: "Title", bold: true }],
      [2, 3, { value: 0 }],
      [2, 4, { value: false }],
      [3, 2, { error: "#REF!" }],
      [3, 3, { error: "#N/A", struck: true }],
      [3, 4, { value: "Leaver", struck: true }],
      [4, 2, { formula: "=1+1", value: 2 }],
      [4, 3, { formula: "=NA()", error: "#N/A" }],
      [4, 4, { value: "" }],
      [5, 2, { value: "#N/A" }], // text that looks like an error stays text
      [6, 5, { struck: true }],
      [7, 2, { value: "" }],
    ];
    for (const [r, c, cell] of cells) sheet.setCell(r, c, cell);
    const [grid] = await new ExcelHost(excel.run).readSheets(["Data"]);
    const rows: GridInput[][] = [
      [],
      [],
      [null, null, "Title", 0, false],
      [
        null,
        null,
        { value: null, error: "#REF!" },
        { value: null, error: "#N/A", struck: true },
        { value: "Leaver", struck: true },
      ],
      [null, null, 2, { value: null, error: "#N/A" }],
      [null, null, "#N/A"],
    ];
    expect(grid).toStrictEqual({ name: "Data", rows });
  });

  it("reads an empty sheet as no rows", async () => {
    const excel = new FakeExcel();
    excel.addSheet("Blank").setCell(3, 3, { bold: true });
    expect(await new ExcelHost(excel.run).readSheets(["Blank"])).toStrictEqual([{ name: "Blank", rows: [] }]);
  });

  it("names a sheet that no longer exists", async () => {
    const excel = FakeExcel.fromGrids(leicesterGrids);
    const error = await rejection(new ExcelHost(excel.run).readSheets(["Current", "Staff 2025"]));
    expect(error.code).toBe("ItemNotFound");
    expect(error.message).toContain('"Staff 2025"');
    expect(error.message).toContain("pick the sheets again");
  });

  it("asks the user to leave the cell when Excel is editing one", async () => {
    const excel = FakeExcel.fromGrids(leicesterGrids);
    excel.cellEditMode = true;
    const error = await rejection(new ExcelHost(excel.run).readSheets(["Current"]));
    expect(error.code).toBe("InvalidOperationInCellEditMode");
    expect(error.message).toBe(OFFICE_ERROR_MESSAGES.InvalidOperationInCellEditMode);
  });

  describe("a 200,000-row × 8-column sheet", () => {
    const ROWS = 200_000;
    const COLUMNS = 8;
    const titles = ["Social Worker", "Team Manager", "Senior Practitioner", "Family Support Worker", "Admin Officer"];
    const expected: GridInput[][] = [];
    const excel = new FakeExcel();

    beforeAll(() => {
      const sheet = excel.addSheet("Big");
      const heading = ["Post", "Title", "Grade", "SCP", "FTE", "Start", "Cost", "Note"];
      sheet.rows.set(
        0,
        heading.map((value) => ({ value })),
      );
      expected.push(heading);
      // Cells are immutable, so rows share them where the values repeat, as a real sheet's do.
      const titleCells = titles.map((value) => ({ value }));
      const struckTitles = titles.map((value) => ({ value, struck: true }));
      const grades = ["6", "7", "8", "10-11", "PO1"].map((value) => ({ value }));
      const fte = { value: 1 };
      const start = { value: 45383 };
      const note = { value: "Covers the North and West localities on a rota" };
      const ref = { error: "#REF!" };
      for (let r = 1; r < ROWS; r++) {
        const struck = r % 97 === 0;
        const broken = r % 1009 === 0;
        const title = (struck ? struckTitles : titleCells)[r % 5]!;
        const grade = grades[r % 5]!;
        sheet.rows.set(r, [
          { value: `P${String(r)}` },
          title,
          grade,
          { value: 20 + (r % 30) },
          fte,
          start,
          broken ? ref : { value: r * 1.5 },
          note,
        ]);
        expected.push([
          `P${String(r)}`,
          struck ? { value: title.value, struck: true } : title.value,
          grade.value,
          20 + (r % 30),
          1,
          45383,
          broken ? { value: null, error: "#REF!" } : r * 1.5,
          note.value,
        ]);
      }
    });

    it("is read in blocks under 5 MB, with one sync per block and progress per block", async () => {
      const progress: [number, number][] = [];
      let grids: SheetGrid[] = [];
      const syncs = await syncsOf(excel, async () => {
        grids = await new ExcelHost(excel.run).readSheets(["Big"], (done, total) => progress.push([done, total]));
      });
      const blocks = syncs.reduce((sum, sync) => sum + sync.reads, 0);

      expect(grids[0]?.rows).toHaveLength(ROWS);
      expect(JSON.stringify(grids[0]?.rows) === JSON.stringify(expected)).toBe(true);
      expect(Math.max(...syncs.map((sync) => sync.requestBytes))).toBeLessThan(LIMIT);
      expect(Math.max(...syncs.map((sync) => sync.responseBytes))).toBeLessThan(LIMIT);
      // At most 50,000 cells a block, and never anything like a sync per row.
      expect(blocks).toBeGreaterThanOrEqual((ROWS * COLUMNS) / 50_000);
      expect(blocks).toBeLessThan(100);
      // One sync per block, plus two to find the sheet and its used range.
      expect(syncs.length).toBeLessThanOrEqual(blocks * 1 + 2);
      expect(syncs.filter((sync) => sync.reads > 1)).toEqual([]);
      expect(progress).toHaveLength(blocks);
      expect(progress.at(-1)).toEqual([ROWS, ROWS]);
      expect(progress.every(([done], i) => i === 0 || done > progress[i - 1]![0])).toBe(true);
      // Not a timing test: 1.6 million cells through the fake take seconds, more when other test
      // files run alongside.
    }, 60_000);
  });

  it("sizes blocks by the bytes it measures, and halves a block Excel on the web finds too large", async () => {
    const excel = new FakeExcel();
    const sheet = excel.addSheet("Notes");
    const short = { value: "ok" };
    const long = { value: "x".repeat(3000) };
    for (let r = 0; r < 3000; r++) sheet.rows.set(r, new Array<FakeCell>(8).fill(r < 500 ? short : long));
    let grids: SheetGrid[] = [];
    const syncs = await syncsOf(excel, async () => {
      grids = await new ExcelHost(excel.run).readSheets(["Notes"]);
    });
    const rows = grids[0]?.rows ?? [];
    expect(rows).toHaveLength(3000);
    expect(rows[0]).toEqual(new Array(8).fill("ok"));
    expect(rows[2999]).toEqual(new Array(8).fill(long.value));
    const refused = syncs.filter((sync) => sync.responseBytes > LIMIT);
    const read = syncs.filter((sync) => sync.reads > 0 && sync.responseBytes <= LIMIT);
    // 72 MB of text: about 4 MB a block once measured, after a few refused (and halved) blocks.
    expect(read.length).toBeGreaterThanOrEqual(18);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.length).toBeLessThanOrEqual(10);
    expect(read.length).toBeLessThan(40);
  });
});

/** Checks a written sheet holds exactly what the layout asked for. */
function expectWritten(excel: FakeExcel, output: OutputSheet): void {
  const sheet = excel.sheet(output.name);
  let cells = 0;
  output.rows.forEach((row, r) => {
    row.forEach((cell, c) => {
      const stored = sheet.cell(r, c);
      const where = `${output.name}!${cellRef(r, c)}`;
      const { value } = cell;
      if (typeof value === "string" && value !== "") {
        cells += 1;
        expect(stored, where).toMatchObject({ value, numberFormat: "@" });
        expect(stored?.formula, where).toBeUndefined();
      } else if (typeof value === "number") {
        cells += 1;
        expect(stored?.value, where).toBe(value);
        expect(stored?.numberFormat, where).toBe(cell.numFmt);
      } else if (value !== null && typeof value === "object") {
        cells += 1;
        expect(stored?.formula, where).toBe(`=${value.formula}`);
        expect(stored?.numberFormat, where).toBe(cell.numFmt);
      } else {
        expect(stored?.value, where).toBeUndefined();
      }
      expect(stored?.bold === true, `${where} bold`).toBe(cell.bold === true);
    });
  });
  const stored = [...sheet.rows.values()]
    .flat()
    .filter((cell) => cell?.value !== undefined || cell?.formula !== undefined);
  expect(stored, `${output.name}: cells beyond the layout`).toHaveLength(cells);
  expect([...sheet.columnWidths.entries()]).toEqual(
    output.widths.map((width, c) => [c, Math.round(width * 5.25 * 100) / 100]),
  );
  expect(sheet.frozenRows).toBe(output.frozenRows);
}

const SOURCES = ["Current", "Proposed", "Bands", "Title map"];
const OUTPUT_NAMES = ["Reduction table", "Post changes", "Staff impact", "Costed posts", "Assumptions"];

describe("writing the outputs", () => {
  it("adds the five sheets after the sources, built hidden and shown only when complete", async () => {
    const excel = FakeExcel.fromGrids(leicesterGrids);
    const before = snapshots(excel, SOURCES);
    const expectedSheets = buildOutputSheets(reduction, SOURCES);
    const progress: [number, number][] = [];
    let names: string[] = [];
    const syncs = await syncsOf(excel, async () => {
      names = await new ExcelHost(excel.run).writeOutputs(reduction, (done, total) => progress.push([done, total]));
    });

    expect(names).toEqual(["Reduction table", "Post changes", "Staff impact", "Costed posts", "Assumptions"]);
    expect(excel.sheets.map((sheet) => sheet.name)).toEqual([...SOURCES, ...names]);
    for (const output of expectedSheets) expectWritten(excel, output);
    expect(snapshots(excel, SOURCES)).toEqual(before);

    // Hidden from the sync that added them to the last one, which shows them all at once.
    const added = syncs.findIndex((sync) => names.every((name) => sync.sheets.includes(name)));
    expect(added).toBe(1);
    for (const sync of syncs.slice(0, -1)) expect(sync.visible).toEqual(SOURCES);
    expect(syncs.at(-1)?.visible).toEqual([...SOURCES, ...names]);
    expect(excel.active?.name).toBe("Reduction table");
    expect(excel.selection).toEqual({ sheet: "Reduction table", address: "A1" });
    // Load names, add, one block per sheet, show.
    expect(syncs).toHaveLength(8);
    expect(progress.at(-1)).toEqual([6, 6]);
  });

  it("draws native charts of FTE and cost by grade over the data beside the table", async () => {
    const excel = FakeExcel.fromGrids(leicesterGrids);
    await new ExcelHost(excel.run).writeOutputs(reduction);
    const charts = excel.sheet("Reduction table").charts;
    expect(charts.map((chart) => [chart.type, chart.seriesBy, chart.title])).toEqual([
      ["ColumnClustered", "Columns", "FTE by grade, current and proposed"],
      ["ColumnClustered", "Columns", "Cost by grade, current and proposed"],
    ]);
    // The FTE block's data: its heading in M1 and one row per grade below it.
    const layout = buildOutputSheets(reduction, SOURCES)[0]?.charts ?? [];
    expect(charts.map((chart) => chart.data)).toEqual(layout.map((chart) => chart.data));
    expect(excel.sheet("Reduction table").cell(0, 12)?.value).toBe("Grade");
  });

  it("writes the reduction table's formulas as formulas, and the same cells however small the blocks", async () => {
    const excel = FakeExcel.fromGrids(leicesterGrids);
    const syncs = await syncsOf(excel, () =>
      new ExcelHost(excel.run, { limits: { bytes: 3000, cells: 120, writeCells: 120 } }).writeOutputs(reduction),
    );
    const table = buildOutputSheets(reduction, SOURCES)[0]!;
    const formulas = table.rows.flatMap((row, r) =>
      row.flatMap((cell, c) =>
        cell.value !== null && typeof cell.value === "object" ? [[cellRef(r, c), `=${cell.value.formula}`]] : [],
      ),
    );
    expect(formulas.length).toBeGreaterThan(250);
    const sheet = excel.sheet("Reduction table");
    for (const [ref, formula] of formulas) {
      const match = /^([A-Z]+)(\d+)$/.exec(ref!)!;
      const column = match[1]!.charCodeAt(0) - 65;
      expect(sheet.cell(Number(match[2]) - 1, column)?.formula, ref).toBe(formula);
    }
    for (const output of buildOutputSheets(reduction, SOURCES)) expectWritten(excel, output);
    const blocks = syncs.length - 3;
    expect(blocks).toBeGreaterThan(20);
    expect(Math.max(...syncs.map((sync) => sync.requestBytes))).toBeLessThan(3000 + 2000);
  });

  it("uses the next free name when one is taken, leaving the sheet that has it alone", async () => {
    const excel = FakeExcel.fromGrids(leicesterGrids);
    const mine = excel.addSheet("Reduction table");
    mine.setCell(0, 0, { value: "my notes" });
    const before = mine.snapshot();
    const names = await new ExcelHost(excel.run).writeOutputs(reduction);
    expect(names[0]).toBe("Reduction table (2)");
    expect(names.slice(1)).toEqual(["Post changes", "Staff impact", "Costed posts", "Assumptions"]);
    expect(excel.sheet("Reduction table").snapshot()).toBe(before);
    expect(excel.active?.name).toBe("Reduction table (2)");
    // The formulas point at the costed posts under whatever name they got.
    expect(excel.sheet("Reduction table (2)").cell(3, 2)?.formula).toContain("'Costed posts'!");
  });

  it("writes text that Excel would take for a formula, number or date as text", async () => {
    const [first, ...rest] = reduction.table.rows;
    const tricky = { ...reduction, table: { ...reduction.table, rows: [{ ...first!, title: "=SUM(1,2)" }, ...rest] } };
    const withTricks = {
      ...tricky,
      assumptions: [
        ...tricky.assumptions,
        { label: "+44 20 7946 0000", value: "-" },
        { label: "@risk", value: "007" },
        { label: "-5", value: "10-11" },
      ],
    } as Reduction;
    const excel = FakeExcel.fromGrids(leicesterGrids);
    await new ExcelHost(excel.run).writeOutputs(withTricks);
    const table = excel.sheet("Reduction table");
    const titleRow = [...table.rows.entries()].find(([, cells]) => cells[1]?.value === "=SUM(1,2)");
    expect(titleRow?.[1][1]).toEqual({ value: "=SUM(1,2)", numberFormat: "@" });
    for (const output of buildOutputSheets(withTricks, SOURCES)) expectWritten(excel, output);
    const assumptions = excel.sheet("Assumptions");
    const last = Math.max(...assumptions.rows.keys());
    expect(assumptions.cell(last, 0)).toEqual({ value: "-5", numberFormat: "@" });
    expect(assumptions.cell(last, 1)).toEqual({ value: "10-11", numberFormat: "@" });
  });

  it("removes every sheet it added, and only those, whichever sync fails", async () => {
    const clean = FakeExcel.fromGrids(leicesterGrids);
    const total = (await syncsOf(clean, () => new ExcelHost(clean.run).writeOutputs(reduction))).length;
    expect(total).toBe(8);
    for (let at = 1; at <= total; at++) {
      for (const afterOps of [0, 1, 2, 4]) {
        const excel = FakeExcel.fromGrids(leicesterGrids);
        excel.addSheet("Post changes").setCell(0, 0, { value: "someone else's" });
        const names = [...SOURCES, "Post changes"];
        const before = snapshots(excel, names);
        excel.faults = [{ at, code: "GeneralException", afterOps }];
        const error = await rejection(new ExcelHost(excel.run).writeOutputs(reduction));
        const where = `fault at sync ${String(at)} after ${String(afterOps)} commands`;
        expect(error.code, where).toBe("GeneralException");
        expect(error.message.startsWith(OFFICE_ERROR_MESSAGES.GeneralException), where).toBe(true);
        expect(error.message, where).toMatch(at === 1 ? /Nothing was added/ : /unfinished output sheets were removed/);
        expect(
          excel.sheets.map((sheet) => sheet.name),
          where,
        ).toEqual(names);
        expect(snapshots(excel, names), where).toEqual(before);
      }
    }
  });

  it("says which hidden sheets are left when it cannot remove them either", async () => {
    const excel = FakeExcel.fromGrids(leicesterGrids);
    excel.faults = [
      { at: 4, code: "GeneralException" },
      { at: 5, code: "GeneralException" },
    ];
    const error = await rejection(new ExcelHost(excel.run).writeOutputs(reduction));
    expect(error.message).toContain(
      "could not remove the unfinished, hidden output sheets (Reduction table, Post changes",
    );
    expect(error.message).toContain("Unhide");
    expect(excel.sheets.filter((sheet) => sheet.visibility === "Hidden")).toHaveLength(5);
  });

  it("refuses a protected workbook before adding anything", async () => {
    const excel = FakeExcel.fromGrids(leicesterGrids);
    excel.protected = true;
    const error = await rejection(new ExcelHost(excel.run).writeOutputs(reduction));
    expect(error.code).toBe("AccessDenied");
    expect(error.message).toBe(`${WRITE_ERROR_MESSAGES.structureProtected} Nothing was added to the workbook.`);
    expect(excel.sheets.map((sheet) => sheet.name)).toEqual(SOURCES);
  });

  it("explains AccessDenied met part-way, and cleans up", async () => {
    const excel = FakeExcel.fromGrids(leicesterGrids);
    excel.faults = [{ at: 5, code: "AccessDenied" }];
    const error = await rejection(new ExcelHost(excel.run).writeOutputs(reduction));
    expect(error.message).toBe(`${OFFICE_ERROR_MESSAGES.AccessDenied} The unfinished output sheets were removed.`);
    expect(excel.sheets.map((sheet) => sheet.name)).toEqual(SOURCES);
  });

  it("asks the user to leave the cell when Excel is editing one", async () => {
    const excel = FakeExcel.fromGrids(leicesterGrids);
    excel.cellEditMode = true;
    const error = await rejection(new ExcelHost(excel.run).writeOutputs(reduction));
    expect(error.code).toBe("InvalidOperationInCellEditMode");
    expect(error.message).toContain("press Enter or Esc to leave the cell, then try again");
    expect(excel.sheets.map((sheet) => sheet.name)).toEqual(SOURCES);
  });

  it("reports a sheet name taken meanwhile, and removes what it added", async () => {
    const excel = FakeExcel.fromGrids(leicesterGrids);
    const host = new ExcelHost(excel.run);
    // Someone adds "Staff impact" between the add-in reading the names and adding its sheets.
    excel.afterSync = (index) => {
      if (index === 1) excel.addSheet("Staff impact");
    };
    const error = await rejection(host.writeOutputs(reduction));
    expect(error.code).toBe("ItemAlreadyExists");
    expect(error.message).toContain("try again");
    expect(excel.sheets.map((sheet) => sheet.name)).toEqual([...SOURCES, "Staff impact"]);
    expect(await host.writeOutputs(reduction)).toContain("Staff impact (2)");
  });

  it("writes a block Excel on the web refuses as too large again in halves", async () => {
    const excel = FakeExcel.fromGrids(leicesterGrids);
    excel.payloadLimit = 20_000;
    const syncs = await syncsOf(excel, () => new ExcelHost(excel.run).writeOutputs(reduction));
    for (const output of buildOutputSheets(reduction, SOURCES)) expectWritten(excel, output);
    const refused = syncs.filter((sync) => sync.error === "RequestPayloadSizeLimitExceeded");
    expect(refused.length).toBeGreaterThan(0);
    expect(Math.max(...syncs.filter((sync) => sync.error === null).map((sync) => sync.requestBytes))).toBeLessThan(
      20_000,
    );
    expect(syncs.at(-1)?.visible).toEqual([...SOURCES, ...OUTPUT_NAMES]);
  });

  it("turns the 5 MB request limit into a message when even one row is too large, and removes what it added", async () => {
    const excel = FakeExcel.fromGrids(leicesterGrids);
    // One assumption longer than the limit: no block holding it can be sent, however small.
    excel.payloadLimit = 30_000;
    const long = {
      ...reduction,
      assumptions: [...reduction.assumptions, { label: "Note", value: "x".repeat(40_000) }],
    };
    const error = await rejection(new ExcelHost(excel.run).writeOutputs(long));
    expect(error.code).toBe("RequestPayloadSizeLimitExceeded");
    expect(error.message).toBe(`${WRITE_ERROR_MESSAGES.rowTooLarge} The unfinished output sheets were removed.`);
    expect(excel.sheets.map((sheet) => sheet.name)).toEqual(SOURCES);
  });
});

describe("Excel tables", () => {
  /** The layout's tables, with the sheet each is on. */
  const layoutTables = (names: readonly string[]): { sheet: string; name: string; range: string }[] =>
    buildOutputSheets(reduction, names).flatMap((output) =>
      (output.tables ?? []).map((table) => ({ sheet: output.name, ...table })),
    );
  const address = (extent: Extent): string => {
    const letter = (c: number): string => String.fromCharCode(65 + c);
    return `${letter(extent.column)}${String(extent.row + 1)}:${letter(extent.column + extent.columnCount - 1)}${String(extent.row + extent.rowCount)}`;
  };

  it("makes the reduction table and the costed posts Excel tables, styled, over the cells already written", async () => {
    const excel = FakeExcel.fromGrids(leicesterGrids);
    const syncs = await syncsOf(excel, () => new ExcelHost(excel.run).writeOutputs(reduction));
    const expected = layoutTables(SOURCES);
    expect(expected.map((table) => table.name)).toEqual(["ReductionTable", "CostedPosts"]);
    expect(
      excel.tables.map((table) => ({ sheet: table.sheet.name, name: table.name, range: address(table.extent) })),
    ).toEqual(expected);
    expect(excel.tables.map((table) => [table.style, table.showBandedRows])).toEqual([
      ["TableStyleLight9", false],
      ["TableStyleLight9", true],
    ]);
    // The header cells became the column names unchanged: the layout's headings are unique and
    // none is blank, so Excel renamed none of them ("Column1", "Title2").
    const outputs = buildOutputSheets(reduction, SOURCES);
    for (const table of excel.tables) {
      const output = outputs.find((sheet) => sheet.name === table.sheet.name);
      const headings = (output?.rows[0] ?? [])
        .slice(0, table.extent.columnCount)
        .map((cell) => (typeof cell.value === "string" ? cell.value : ""));
      expect(headings.every((heading) => heading !== "")).toBe(true);
      expect(new Set(headings.map((heading) => heading.toLowerCase())).size).toBe(headings.length);
      expect(table.columns).toEqual(headings);
    }
    // The bold and number formats written stay as they were, under the table style.
    for (const output of outputs) expectWritten(excel, output);
    // Tables ride with each sheet's last block: no sync of their own (8 without tables too).
    expect(syncs.length).toBeLessThanOrEqual(8 + 1);
    expect(syncs).toHaveLength(8);
    // Made while the sheets were hidden.
    const last = syncs.at(-1)?.index ?? 0;
    const tableWrites = excel.writes.filter((write) => write.kind.startsWith("table"));
    expect(tableWrites.length).toBe(8);
    expect(tableWrites.every((write) => write.sync < last)).toBe(true);
  });

  it("takes the next free name when the workbook already has a table or defined name (of any scope) of that name", async () => {
    const excel = FakeExcel.fromGrids(leicesterGrids);
    const notes = excel.addSheet("Notes");
    notes.setCell(0, 0, { value: "Item" });
    notes.setCell(1, 0, { value: "Pens" });
    excel.addTable(notes, { row: 0, column: 0, rowCount: 2, columnCount: 1 }, "reductiontable");
    excel.addName("CostedPosts", "=Notes!$A$2");
    excel.addName("CostedPosts2", "=Notes!$A$1", notes);
    const host = new ExcelHost(excel.run);
    await host.writeOutputs(reduction);
    expect(excel.tables.map((table) => [table.sheet.name, table.name])).toEqual([
      ["Notes", "reductiontable"],
      ["Reduction table", "ReductionTable2"],
      ["Costed posts", "CostedPosts3"],
    ]);
    // A second build finds its own first tables too.
    await host.writeOutputs(reduction);
    expect(excel.tables.slice(3).map((table) => [table.sheet.name, table.name])).toEqual([
      ["Reduction table (2)", "ReductionTable3"],
      ["Costed posts (2)", "CostedPosts4"],
    ]);
  });

  describe("the fake holds Excel's table rules", () => {
    const sheetWith = (excel: FakeExcel, name: string, rows: (string | number)[][]): FakeSheet => {
      const sheet = excel.addSheet(name);
      rows.forEach((cells, r) => cells.forEach((value, c) => sheet.setCell(r, c, { value })));
      return sheet;
    };
    const box = (row: number, column: number, rowCount: number, columnCount: number): Extent => ({
      row,
      column,
      rowCount,
      columnCount,
    });
    const codeOf = (act: () => unknown): string | null => {
      try {
        act();
        return null;
      } catch (error: unknown) {
        return error instanceof FakeOfficeError ? error.code : "not an Office error";
      }
    };

    it("refuses a table over another, and a name a table or defined name has (InvalidArgument)", () => {
      const excel = new FakeExcel();
      const a = sheetWith(excel, "A", [
        ["Title", "FTE"],
        ["Clerk", 1],
        ["Cook", 2],
      ]);
      const b = sheetWith(excel, "B", [["Title"], ["Clerk"]]);
      excel.addTable(a, box(0, 0, 3, 2), "Staff");
      expect(codeOf(() => excel.addTable(a, box(1, 1, 2, 1)))).toBe("InvalidArgument");
      expect(codeOf(() => excel.addTable(b, box(0, 0, 2, 1), "STAFF"))).toBe("InvalidArgument");
      excel.addName("Budget", "=A!$B$2");
      expect(codeOf(() => excel.addTable(b, box(0, 0, 2, 1), "budget"))).toBe("InvalidArgument");
      for (const bad of ["My table", "1st", "A1", "R1C1", "c", "x".repeat(256)]) {
        expect(
          codeOf(() => excel.addTable(b, box(0, 0, 2, 1), bad)),
          bad,
        ).toBe("InvalidArgument");
      }
      expect(excel.addTable(b, box(0, 0, 2, 1)).name).toBe("Table1");
    });

    it("makes header cells the column names, renaming blank and repeated ones as Excel does", () => {
      const excel = new FakeExcel();
      const sheet = sheetWith(excel, "A", [
        ["Title", "", "Title", 2024],
        ["Clerk", 1, "x", 3],
      ]);
      expect(excel.addTable(sheet, box(0, 0, 2, 4)).columns).toEqual(["Title", "Column2", "Title2", "2024"]);
      expect(sheet.cell(0, 1)?.value).toBe("Column2");
    });

    it("deletes a sheet's tables with the sheet", async () => {
      const excel = new FakeExcel();
      sheetWith(excel, "Keep", [["x"]]);
      const gone = sheetWith(excel, "Gone", [["Title"], ["Clerk"]]);
      excel.addTable(gone, box(0, 0, 2, 1), "Staff");
      await excel.run(async (context) => {
        context.workbook.worksheets.getItem("Gone").delete();
        await context.sync();
      });
      expect(excel.tables).toEqual([]);
      expect(excel.writes.map((write) => [write.sheet, write.kind])).toEqual([["Gone", "delete"]]);
    });
  });
});

describe("reveal", () => {
  it("activates the sheet and selects the cell", async () => {
    const excel = FakeExcel.fromGrids(leicesterGrids);
    await new ExcelHost(excel.run).reveal("Proposed", "B12");
    expect(excel.active?.name).toBe("Proposed");
    expect(excel.selection).toEqual({ sheet: "Proposed", address: "B12" });
  });

  it("says when the sheet is hidden or gone", async () => {
    const excel = FakeExcel.fromGrids(leicesterGrids);
    excel.sheet("Bands").visibility = "Hidden";
    const hidden = await rejection(new ExcelHost(excel.run).reveal("Bands", "A2"));
    expect(hidden.code).toBe("SheetHidden");
    expect(hidden.message).toContain("unhide it");
    const gone = await rejection(new ExcelHost(excel.run).reveal("Old staff", "A2"));
    expect(gone.code).toBe("ItemNotFound");
    expect(gone.message).toContain('"Old staff"');
  });
});

describe("settings in the workbook", () => {
  const host = (settings: SettingsStore): ExcelHost => new ExcelHost(new FakeExcel().run, { settings });

  it("round-trips through the workbook's settings as JSON under estab.settings", async () => {
    const store = new MemorySettings();
    const settings: PaneSettings = {
      ...DEFAULT_PANE_SETTINGS,
      sheets: { current: "Current", proposed: "Proposed", grades: "Bands", titleMap: null },
      pension: "19.5%",
      niMethod: "monthly",
      levy: false,
      point: "mid",
      standardHours: 36,
      budget: 16_653_800,
    };
    await host(store).saveSettings(settings);
    expect(typeof store.saved?.get(SETTINGS_KEY)).toBe("string");
    expect(await host(store).loadSettings()).toEqual(settings);
  });

  it("has none for a workbook that never stored any", async () => {
    expect(await host(new MemorySettings()).loadSettings()).toBeNull();
  });

  it("reads the settings a workbook saved from the standalone page carries, and hides their sheet", async () => {
    const excel = FakeExcel.fromGrids([
      { name: "Current", rows: [["Job title", "FTE"]] },
      { name: SETTINGS_SHEET_NAME, rows: [[serialiseSettings({ ...DEFAULT_PANE_SETTINGS, standardHours: 36 })]] },
    ]);
    const standalone = new ExcelHost(excel.run, { settings: new MemorySettings() });
    expect(await standalone.sheetNames()).toEqual(["Current"]);
    expect((await standalone.loadSettings())?.standardHours).toBe(36);
  });

  it("gives the defaults for stored text that is not JSON, and for each field that is missing or wrong", async () => {
    const store = new MemorySettings();
    store.set(SETTINGS_KEY, "{not json");
    expect(await host(store).loadSettings()).toEqual(DEFAULT_PANE_SETTINGS);
    store.set(SETTINGS_KEY, "[1,2]");
    expect(await host(store).loadSettings()).toEqual(DEFAULT_PANE_SETTINGS);
    store.set(
      SETTINGS_KEY,
      JSON.stringify({
        sheets: { current: "Staff", proposed: 3 },
        levy: "no",
        niMethod: "weekly",
        point: "bottom",
        standardHours: -1,
        budget: "lots",
        future: true,
      }),
    );
    expect(await host(store).loadSettings()).toEqual({
      ...DEFAULT_PANE_SETTINGS,
      sheets: { ...DEFAULT_PANE_SETTINGS.sheets, current: "Staff" },
      point: "bottom",
    });
  });

  it("says when Excel could not save them", async () => {
    const store = new MemorySettings();
    store.failSave = true;
    const error = await rejection(host(store).saveSettings(DEFAULT_PANE_SETTINGS));
    expect(error.code).toBe("SettingsNotSaved");
    expect(error.message).toContain("The document is read-only.");
    expect(error.message).toContain("try again");
  });
});

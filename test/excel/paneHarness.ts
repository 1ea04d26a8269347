// The task pane over ExcelHost over the fake Excel, bundled for a browser page, so a test can drive
// the real pane (src/taskpane/Pane.ts) through faults of the workbook and try again. The page
// exposes `window.paneHarness`; scenarios are named here because functions cannot cross into the
// page from the test.
import type { SheetGrid } from "../../src/core";
import { ExcelHost } from "../../src/excel/ExcelHost";
import { Pane } from "../../src/taskpane/Pane";
import { FakeExcel } from "./fakeExcel";
import { MemorySettings } from "./MemorySettings";

/** A fault a scenario puts into the workbook, from the next build on. */
export type Scenario =
  | "structure protected"
  | "structure protected meanwhile"
  | "cell edited part-way"
  | "connection lost for good"
  | "table name taken meanwhile";

/** What the page offers the test. */
export interface PaneHarness {
  /** Makes the workbook and the pane, and loads the pane. */
  start(grids: readonly SheetGrid[]): Promise<void>;
  inject(scenario: Scenario): void;
  /** Takes every fault away again. */
  heal(): void;
  /** The workbook's sheets with their visibility, and its tables. */
  state(): { sheets: [string, string][]; tables: string[] };
}

let excel = new FakeExcel();

const harness: PaneHarness = {
  async start(grids) {
    excel = FakeExcel.fromGrids(grids);
    const root = document.getElementById("pane");
    if (root === null) throw new Error("the page has no #pane");
    const host = new ExcelHost(excel.run, { settings: new MemorySettings() });
    await new Pane(root, host, { version: "test", today: () => "2026-11-23" }).load();
  },
  inject(scenario) {
    // Part-way faults strike after the first sync that wrote cells: the sheets are there, hidden.
    const wroteCells = (index: number): boolean =>
      excel.writes.some((write) => write.kind === "values" && write.sync === index);
    switch (scenario) {
      case "structure protected":
        excel.protected = true;
        break;
      case "structure protected meanwhile":
        excel.afterSync = (index) => {
          if (wroteCells(index)) excel.protected = true;
        };
        break;
      case "cell edited part-way":
        excel.afterSync = (index) => {
          if (wroteCells(index)) excel.cellEditMode = true;
        };
        break;
      case "connection lost for good":
        excel.afterSync = (index) => {
          if (wroteCells(index)) excel.connectionLost = "GeneralException";
        };
        break;
      case "table name taken meanwhile":
        // Once the build has looked the names up and added its sheets, a user makes a table
        // called "CostedPosts".
        excel.afterSync = () => {
          if (excel.tables.length > 0 || excel.find("Costed posts") === undefined) return;
          excel.addTable(excel.sheet("Bands"), { row: 0, column: 0, rowCount: 2, columnCount: 1 }, "CostedPosts");
        };
        break;
    }
  },
  heal() {
    excel.afterSync = null;
    excel.protected = false;
    excel.cellEditMode = false;
    excel.connectionLost = null;
  },
  state() {
    return {
      sheets: excel.sheets.map((sheet): [string, string] => [sheet.name, sheet.visibility]),
      tables: excel.tables.map((table) => table.name),
    };
  },
};

(window as unknown as { paneHarness: PaneHarness }).paneHarness = harness;

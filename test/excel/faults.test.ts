// Issue 7, Excel adapter: what happens when writing the outputs meets a protected workbook, a name
// taken meanwhile, a cell being edited, Excel on the web's payload limit or a lost connection.
// In every case the user is told what happened and what to do, the workbook is left exactly as it
// was (no half-written or hidden sheet, no table), and trying again succeeds once the cause is
// gone. Where even the clean-up fails (the connection is still down), the message names the hidden
// sheets left, and the next attempt removes them before it adds its own.
import { beforeAll, describe, expect, it } from "vitest";
import type { Reduction, SheetGrid } from "../../src/core";
import { ExcelHost } from "../../src/excel/ExcelHost";
import { OFFICE_ERROR_MESSAGES } from "../../src/excel/toHostError";
import { UnremovedSheetsError } from "../../src/excel/UnremovedSheetsError";
import { WRITE_ERROR_MESSAGES } from "../../src/excel/writeOutputSheets";
import { expectHostError as rejection } from "./expectHostError";
import { FakeExcel } from "./fakeExcel";
import { LEICESTER_SHEETS, leicesterReduction, OUTPUT_SHEETS } from "./leicesterReduction";

let grids: SheetGrid[];
let reduction: Reduction;
// Syncs a clean write makes: load names, add the sheets, one block per sheet, show them.
const CLEAN_SYNCS = 8;

beforeAll(async () => {
  ({ grids, reduction } = await leicesterReduction());
});

/** The sample, with a user's table and defined name, so a leftover or renamed table would show. */
function workbook(): FakeExcel {
  const excel = FakeExcel.fromGrids(grids);
  const notes = excel.addSheet("Notes");
  notes.setCell(0, 0, { value: "Item" });
  notes.setCell(1, 0, { value: "Pens" });
  excel.addTable(notes, { row: 0, column: 0, rowCount: 2, columnCount: 1 }, "Stationery");
  excel.addName("Budget", "=Notes!$A$2");
  return excel;
}

const SOURCES = [...LEICESTER_SHEETS, "Notes"];

/** The workbook's snapshot once the outputs of a successful attempt are taken away again. */
function withoutOutputs(excel: FakeExcel): string {
  for (const name of OUTPUT_SHEETS) excel.removeSheet(excel.sheet(name));
  return excel.snapshot();
}

/** Trying again succeeds and leaves exactly one set of outputs, under the names a clean workbook gets. */
async function expectRetrySucceeds(excel: FakeExcel, host: ExcelHost): Promise<void> {
  expect(await host.writeOutputs(reduction)).toEqual(OUTPUT_SHEETS);
  expect(excel.sheets.map((sheet) => [sheet.name, sheet.visibility])).toEqual(
    [...SOURCES, ...OUTPUT_SHEETS].map((name) => [name, "Visible"]),
  );
  expect(excel.tables.map((table) => table.name)).toEqual(["Stationery", "ReductionTable", "CostedPosts"]);
}

describe("a protected workbook", () => {
  it("is refused before anything is added when its structure is protected, and works once unprotected", async () => {
    const excel = workbook();
    const before = excel.snapshot();
    excel.protected = true;
    const host = new ExcelHost(excel.run);
    const error = await rejection(host.writeOutputs(reduction));
    expect(error.code).toBe("AccessDenied");
    expect(error.message).toBe(`${WRITE_ERROR_MESSAGES.structureProtected} Nothing was added to the workbook.`);
    excel.protected = false;
    expect(excel.snapshot()).toBe(before);
    await expectRetrySucceeds(excel, host);
  });

  it("protected meanwhile: names the hidden sheets it could not remove, and removes them on the next attempt", async () => {
    const excel = workbook();
    const before = excel.snapshot();
    const host = new ExcelHost(excel.run);
    // Someone protects the structure while the sheets are being filled: showing them, and then
    // deleting them, are refused.
    excel.afterSync = (index) => {
      if (index === 3) excel.protected = true;
    };
    const error = await rejection(host.writeOutputs(reduction));
    excel.afterSync = null;
    expect(error).toBeInstanceOf(UnremovedSheetsError);
    expect(error.code).toBe("AccessDenied");
    expect(error.message).toBe(
      `${OFFICE_ERROR_MESSAGES.AccessDenied} The add-in could not remove the unfinished, hidden output sheets ` +
        `(${OUTPUT_SHEETS.join(", ")}): try again and they will be removed first, or unhide them ` +
        "(right-click a sheet tab > Unhide) and delete them.",
    );
    expect(excel.sheets.filter((sheet) => sheet.visibility === "Hidden").map((sheet) => sheet.name)).toEqual(
      OUTPUT_SHEETS,
    );
    // Still protected: nothing more is added, and the message says so.
    const again = await rejection(host.writeOutputs(reduction));
    expect(again.message).toMatch(/^The workbook or a sheet is protected: .* Nothing was added to the workbook\. /);
    expect(again.message).toContain(OUTPUT_SHEETS.join(", "));
    expect(excel.sheets).toHaveLength(SOURCES.length + OUTPUT_SHEETS.length);
    // Unprotected: the leftovers go, and one set of outputs is written.
    excel.protected = false;
    await expectRetrySucceeds(excel, host);
    // Nothing of the first attempt is left: removing the outputs gives the workbook back.
    expect(withoutOutputs(excel)).toBe(before);
  });

  it("does not mind a protected source sheet, which it never writes to", async () => {
    const excel = workbook();
    excel.sheet("Proposed").protected = true;
    const before = excel.sheet("Proposed").snapshot();
    await expectRetrySucceeds(excel, new ExcelHost(excel.run));
    expect(excel.sheet("Proposed").snapshot()).toBe(before);
  });

  it("an output sheet refusing a write part-way (AccessDenied): removed, and the next attempt succeeds", async () => {
    const excel = workbook();
    const before = excel.snapshot();
    excel.faults = [{ at: 4, code: "AccessDenied", afterOps: 1 }];
    const host = new ExcelHost(excel.run);
    const error = await rejection(host.writeOutputs(reduction));
    expect(error.message).toBe(`${OFFICE_ERROR_MESSAGES.AccessDenied} The unfinished output sheets were removed.`);
    expect(excel.snapshot()).toBe(before);
    await expectRetrySucceeds(excel, host);
  });
});

describe("a name taken meanwhile", () => {
  it("a sheet: ItemAlreadyExists, cleaned up, and the next attempt takes the next free name", async () => {
    const excel = workbook();
    const host = new ExcelHost(excel.run);
    excel.afterSync = (index) => {
      if (index === 1) excel.addSheet("Costed posts").setCell(0, 0, { value: "mine" });
    };
    const error = await rejection(host.writeOutputs(reduction));
    excel.afterSync = null;
    expect(error.code).toBe("ItemAlreadyExists");
    expect(error.message).toBe(`${OFFICE_ERROR_MESSAGES.ItemAlreadyExists} The unfinished output sheets were removed.`);
    expect(excel.sheets.map((sheet) => sheet.name)).toEqual([...SOURCES, "Costed posts"]);
    expect(excel.sheet("Costed posts").cell(0, 0)?.value).toBe("mine");
    const names = await host.writeOutputs(reduction);
    expect(names).toContain("Costed posts (2)");
    expect(excel.tables.find((table) => table.name === "CostedPosts")?.sheet.name).toBe("Costed posts (2)");
  });

  for (const [what, take] of [
    [
      "a table",
      (excel: FakeExcel) =>
        excel.addTable(excel.sheet("Notes"), { row: 3, column: 0, rowCount: 2, columnCount: 1 }, "CostedPosts"),
    ],
    ["a defined name", (excel: FakeExcel) => excel.addName("costedposts", "=Notes!$A$1")],
  ] as const) {
    it(`${what} of a table's name: explained, cleaned up, and the next attempt takes the next free name`, async () => {
      const excel = workbook();
      const notes = excel.sheet("Notes");
      notes.setCell(3, 0, { value: "Head" });
      notes.setCell(4, 0, { value: "Cell" });
      const host = new ExcelHost(excel.run);
      excel.afterSync = (index) => {
        if (index === 1) take(excel);
      };
      const error = await rejection(host.writeOutputs(reduction));
      excel.afterSync = null;
      const before = excel.snapshot();
      expect(error.code).toBe("InvalidArgument");
      expect(error.message).toBe(`${WRITE_ERROR_MESSAGES.tableRefused} The unfinished output sheets were removed.`);
      expect(excel.sheets.map((sheet) => sheet.name)).toEqual(SOURCES);
      expect(excel.snapshot()).toBe(before);
      expect(await host.writeOutputs(reduction)).toEqual(OUTPUT_SHEETS);
      expect(excel.tables.slice(-2).map((table) => table.name)).toEqual(["ReductionTable", "CostedPosts2"]);
    });
  }
});

describe("a cell being edited", () => {
  it("from the start: nothing is added, and the next attempt succeeds once the cell is left", async () => {
    const excel = workbook();
    const before = excel.snapshot();
    excel.cellEditMode = true;
    const host = new ExcelHost(excel.run);
    const error = await rejection(host.writeOutputs(reduction));
    expect(error.code).toBe("InvalidOperationInCellEditMode");
    expect(error.message).toBe(
      `${OFFICE_ERROR_MESSAGES.InvalidOperationInCellEditMode} Nothing was added to the workbook.`,
    );
    excel.cellEditMode = false;
    expect(excel.snapshot()).toBe(before);
    await expectRetrySucceeds(excel, host);
  });

  it("from part-way: the hidden sheets are named, and removed by the next attempt once the cell is left", async () => {
    const excel = workbook();
    const before = excel.snapshot();
    const host = new ExcelHost(excel.run);
    excel.afterSync = (index) => {
      if (index === 4) excel.cellEditMode = true;
    };
    const error = await rejection(host.writeOutputs(reduction));
    excel.afterSync = null;
    expect(error).toBeInstanceOf(UnremovedSheetsError);
    expect(error.message).toMatch(
      /^Excel is editing a cell: press Enter or Esc to leave the cell, then try again\. The add-in could not remove the unfinished, hidden output sheets \(Reduction table, Post changes, Staff impact, Costed posts, Assumptions\): try again and they will be removed first/,
    );
    excel.cellEditMode = false;
    await expectRetrySucceeds(excel, host);
    expect(withoutOutputs(excel)).toBe(before);
  });
});

describe("Excel on the web's 5 MB payload limit", () => {
  it("halves a refused block and carries on: the first attempt succeeds", async () => {
    const excel = workbook();
    excel.payloadLimit = 12_000;
    await expectRetrySucceeds(excel, new ExcelHost(excel.run));
    const refused = excel.syncs.filter((sync) => sync.error === "RequestPayloadSizeLimitExceeded");
    expect(refused.length).toBeGreaterThan(0);
    expect(Math.max(...excel.syncs.filter((sync) => sync.error === null).map((s) => s.requestBytes))).toBeLessThan(
      12_000,
    );
  });

  it("a row too large for any request: explained, cleaned up, and the next attempt (Excel on the desktop) succeeds", async () => {
    const excel = workbook();
    const before = excel.snapshot();
    excel.payloadLimit = 30_000;
    const long = {
      ...reduction,
      assumptions: [...reduction.assumptions, { label: "Note", value: "x".repeat(40_000) }],
    };
    const host = new ExcelHost(excel.run);
    const error = await rejection(host.writeOutputs(long));
    expect(error.message).toBe(`${WRITE_ERROR_MESSAGES.rowTooLarge} The unfinished output sheets were removed.`);
    expect(excel.snapshot()).toBe(before);
    excel.payloadLimit = Infinity;
    expect(await host.writeOutputs(long)).toEqual(OUTPUT_SHEETS);
  });
});

describe("a lost connection", () => {
  it("for one sync, whichever: removed, explained, and the next attempt succeeds", async () => {
    for (const code of ["GeneralException", "ConnectionFailure"] as const) {
      // afterOps 0: the request never reached Excel; Infinity: Excel did it but the answer was lost.
      for (const afterOps of [0, Infinity]) {
        for (let at = 1; at <= CLEAN_SYNCS; at++) {
          const excel = workbook();
          const before = excel.snapshot();
          const host = new ExcelHost(excel.run);
          excel.faults = [{ at, code, afterOps }];
          const where = `${code} at sync ${String(at)}, ${afterOps === 0 ? "not done" : "done, answer lost"}`;
          const error = await rejection(host.writeOutputs(reduction));
          expect(error.code, where).toBe(code);
          expect(error.message, where).toBe(
            `${OFFICE_ERROR_MESSAGES[code]} ${at === 1 ? "Nothing was added to the workbook." : "The unfinished output sheets were removed."}`,
          );
          expect(excel.snapshot(), where).toBe(before);
          await expectRetrySucceeds(excel, host);
        }
      }
    }
  });

  it("still down for the clean-up: names the hidden sheets, and the next attempt removes them once it is back", async () => {
    for (const [at, afterOps] of [
      [2, Infinity], // the sheets were added, but their ids never came back
      [3, 0],
      [CLEAN_SYNCS, 0],
    ] as const) {
      const where = `down from sync ${String(at)}`;
      const excel = workbook();
      const host = new ExcelHost(excel.run);
      excel.faults = [{ at, code: "GeneralException", afterOps, staysDown: true }];
      const error = await rejection(host.writeOutputs(reduction));
      expect(error, where).toBeInstanceOf(UnremovedSheetsError);
      expect(error.message, where).toBe(
        `${OFFICE_ERROR_MESSAGES.GeneralException} The add-in could not remove the unfinished, hidden output sheets ` +
          `(${OUTPUT_SHEETS.join(", ")}): try again and they will be removed first, or unhide them ` +
          "(right-click a sheet tab > Unhide) and delete them.",
      );
      expect(
        excel.sheets.filter((sheet) => sheet.visibility === "Hidden").map((sheet) => sheet.name),
        where,
      ).toEqual(OUTPUT_SHEETS);
      // Still down: nothing more is added, and the sheets are named again.
      const again = await rejection(host.writeOutputs(reduction));
      expect(again.message, where).toContain("Nothing was added to the workbook.");
      expect(again.message, where).toContain(OUTPUT_SHEETS.join(", "));
      expect(excel.sheets, where).toHaveLength(SOURCES.length + OUTPUT_SHEETS.length);
      // Back: the leftovers go (their tables with them), and one set of outputs is written.
      excel.connectionLost = null;
      await expectRetrySucceeds(excel, host);
    }
  });
});

import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCell, type GridRow, type SheetGrid } from "../../src/core/establishment/SheetGrid";
import { readXlsxWorkbook } from "../../src/xlsx/readXlsxWorkbook";
import { UnusableFileError, type UnusableFileReason } from "../../src/xlsx/UnusableFileError";

const BARNET = "samples/barnet-leaving-care-2012.xlsx";
const LEICESTER = "samples/leicester-2013-14.xlsx";

interface SourceSheet {
  name: string;
  rows: (string | number | null)[][];
  strike?: string[];
}

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "read-xlsx-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeWorkbook(name: string, build: (workbook: ExcelJS.Workbook) => void): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  const file = join(dir, name);
  await workbook.xlsx.writeFile(file);
  return file;
}

/** Builds a one-sheet workbook, reads it back and returns that sheet's rows. */
async function roundTrip(name: string, build: (sheet: ExcelJS.Worksheet) => void): Promise<readonly GridRow[]> {
  const file = await writeWorkbook(name, (workbook) => build(workbook.addWorksheet("Sheet1")));
  const sheets = await readXlsxWorkbook(file);
  expect(sheets).toHaveLength(1);
  return sheets[0]!.rows;
}

function sheetNamed(sheets: readonly SheetGrid[], name: string): SheetGrid {
  const sheet = sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

/** A1 reference → 0-based row and column. */
function at(ref: string): [number, number] {
  const match = /^([A-Z]+)(\d+)$/.exec(ref)!;
  let column = 0;
  for (const ch of match[1]!) column = column * 26 + (ch.charCodeAt(0) - 64);
  return [Number(match[2]) - 1, column - 1];
}

function cell(sheet: SheetGrid, ref: string) {
  return readCell(sheet.rows, ...at(ref));
}

describe("readXlsxWorkbook: cell values", () => {
  it("reads numbers, text and booleans as bare values, with blanks as null", async () => {
    const rows = await roundTrip("values.xlsx", (sheet) => {
      sheet.getCell("A1").value = 42;
      sheet.getCell("B1").value = "Team Manager";
      sheet.getCell("D1").value = true;
      sheet.getCell("E1").value = false;
      sheet.getCell("A3").value = 0.5;
      sheet.getCell("C3").value = "";
      sheet.getCell("A4").value = 1;
      sheet.getCell("A4").numFmt = "0.00";
    });
    expect(rows).toEqual([[42, "Team Manager", null, true, false], [], [0.5], [1]]);
  });

  it("drops trailing empty rows and cells, even when they are formatted", async () => {
    const rows = await roundTrip("trailing.xlsx", (sheet) => {
      sheet.getCell("A1").value = "a";
      sheet.getCell("B2").value = "b";
      sheet.getCell("F2").font = { bold: true };
      sheet.getCell("A40").font = { strike: true };
      sheet.getCell("C50").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
      sheet.getRow(60).height = 30;
    });
    expect(rows).toEqual([["a"], [null, "b"]]);
  });

  it("marks a struck-through cell and leaves others bare", async () => {
    const rows = await roundTrip("struck.xlsx", (sheet) => {
      sheet.getCell("A1").value = "* Childcare Social Worker";
      sheet.getCell("A1").font = { name: "Calibri", size: 11, strike: true };
      sheet.getCell("B1").value = 0.5;
      sheet.getCell("B1").font = { strike: true };
      sheet.getCell("C1").value = "Stays";
      sheet.getCell("C1").font = { bold: true, strike: false };
    });
    expect(rows).toEqual([
      [{ value: "* Childcare Social Worker", struck: true }, { value: 0.5, struck: true }, "Stays"],
    ]);
  });

  it("joins rich text, struck only when all its visible text is struck", async () => {
    const strike = { strike: true };
    const rows = await roundTrip("rich.xlsx", (sheet) => {
      sheet.getCell("A1").value = {
        richText: [
          { text: "* ", font: strike },
          { text: "Team Manager", font: strike },
        ],
      };
      // A blank run is not visible text, so its font does not matter.
      sheet.getCell("A2").value = { richText: [{ text: "Support Worker", font: strike }, { text: " " }] };
      sheet.getCell("A3").value = { richText: [{ text: "* " }, { text: "Team Manager", font: strike }] };
      // Runs without a font of their own are drawn in the cell's font.
      sheet.getCell("A4").value = { richText: [{ text: "Chef" }, { text: " (nights)" }] };
      sheet.getCell("A4").font = strike;
      // A run with its own font overrides the cell's strike-through: the cell is only partly struck.
      sheet.getCell("A5").value = { richText: [{ text: "Chef" }, { text: " (nights)", font: { bold: true } }] };
      sheet.getCell("A5").font = strike;
    });
    expect(rows).toEqual([
      [{ value: "* Team Manager", struck: true }],
      [{ value: "Support Worker ", struck: true }],
      ["* Team Manager"],
      [{ value: "Chef (nights)", struck: true }],
      ["Chef (nights)"],
    ]);
  });

  it("reads error values, and formulas by their cached result", async () => {
    const rows = await roundTrip("formulas.xlsx", (sheet) => {
      sheet.getCell("A1").value = { error: "#REF!" };
      sheet.getCell("B1").value = { formula: "1/0", result: { error: "#DIV/0!" } };
      sheet.getCell("C1").value = { formula: "21*2", result: 42 };
      sheet.getCell("D1").value = { formula: '"a"&"b"', result: "ab" };
      sheet.getCell("E1").value = { formula: "1=1", result: true };
      sheet.getCell("F1").value = { error: "#N/A" };
      sheet.getCell("F1").font = { strike: true };
      // Never calculated: nothing to show, so it does not widen the row.
      sheet.getCell("G1").value = { formula: "NOW()" };
    });
    expect(rows).toEqual([
      [
        { value: null, error: "#REF!" },
        { value: null, error: "#DIV/0!" },
        42,
        "ab",
        true,
        { value: null, error: "#N/A", struck: true },
      ],
    ]);
    expect(readCell(rows, 0, 1)).toEqual({ value: null, struck: false, error: "#DIV/0!" });
  });

  it("turns dates (and date results of formulas) into Excel serial numbers", async () => {
    const rows = await roundTrip("dates.xlsx", (sheet) => {
      sheet.getCell("A1").value = new Date(Date.UTC(2012, 8, 1));
      sheet.getCell("A1").numFmt = "dd/mm/yyyy";
      sheet.getCell("B1").value = new Date(Date.UTC(2025, 3, 1, 18, 0));
      sheet.getCell("B1").numFmt = "dd/mm/yyyy hh:mm";
      sheet.getCell("C1").value = { formula: "A1+1", result: new Date(Date.UTC(2012, 8, 2)) };
      sheet.getCell("C1").numFmt = "dd/mm/yyyy";
      sheet.getCell("D1").value = new Date(Date.UTC(1900, 2, 1));
    });
    expect(rows).toEqual([[41153, 45748.75, 41154, 61]]);
  });

  it("reads a hyperlink as its text", async () => {
    const rows = await roundTrip("link.xlsx", (sheet) => {
      sheet.getCell("A1").value = { text: "Appendix 2", hyperlink: "https://example.org/appendix-2" };
    });
    expect(rows).toEqual([["Appendix 2"]]);
  });

  it("gives a merged range's value to its top-left cell only, as Excel's Range.values does", async () => {
    const file = await writeWorkbook("merged.xlsx", (workbook) => {
      const sheet = workbook.addWorksheet("Merged");
      sheet.getCell("A1").value = "RESOURCES";
      sheet.mergeCells("A1:C2");
      sheet.getCell("D2").value = 2;
      sheet.getCell("A4").value = 0.5;
      sheet.getCell("A4").font = { strike: true };
      sheet.mergeCells("A4:B5");
    });
    // ExcelJS itself repeats the master's value in every cell of the merge.
    const loaded = await new ExcelJS.Workbook().xlsx.readFile(file);
    expect(loaded.getWorksheet("Merged")!.getCell("C2").value).toBe("RESOURCES");

    const [sheet] = await readXlsxWorkbook(file);
    expect(sheet!.rows).toEqual([["RESOURCES"], [null, null, null, 2], [], [{ value: 0.5, struck: true }]]);
  });

  it("returns every sheet in tab order, including empty ones", async () => {
    const file = await writeWorkbook("order.xlsx", (workbook) => {
      workbook.addWorksheet("Proposed").getCell("A1").value = "p";
      workbook.addWorksheet("Empty");
      workbook.addWorksheet("Current").getCell("A1").value = "c";
      const bands = workbook.addWorksheet("Bands");
      bands.getCell("B2").value = 3;
      // Dragged to the first tab: its sheet id (4) no longer gives its place.
      (bands as unknown as { orderNo: number }).orderNo = -1;
    });
    const sheets = await readXlsxWorkbook(file);
    expect(sheets).toEqual([
      { name: "Bands", rows: [[], [null, 3]] },
      { name: "Proposed", rows: [["p"]] },
      { name: "Empty", rows: [] },
      { name: "Current", rows: [["c"]] },
    ]);
  });
});

describe("readXlsxWorkbook: the sample workbooks", () => {
  async function source(file: string): Promise<SourceSheet[]> {
    const json = JSON.parse(await readFile(`samples/source/${file}.json`, "utf8")) as { sheets: SourceSheet[] };
    return json.sheets;
  }

  // Every cell of every sheet, value and strike-through, against the transcription it was built from.
  it.each([
    [BARNET, "barnet-leaving-care-2012"],
    [LEICESTER, "leicester-2013-14"],
  ])("reads %s exactly as its source JSON", async (file, name) => {
    const [sheets, expected] = await Promise.all([readXlsxWorkbook(file), source(name)]);
    expect(sheets.map((s) => s.name)).toEqual(expected.map((s) => s.name));
    for (const want of expected) {
      const got = sheetNamed(sheets, want.name);
      let used = want.rows.length;
      while (used > 0 && !want.rows[used - 1]!.some((v) => v !== null && v !== "")) used--;
      expect(got.rows.length, want.name).toBe(used);
      const struck = new Set((want.strike ?? []).map((ref) => at(ref).join(",")));
      const width = Math.max(...want.rows.map((r) => r.length), ...got.rows.map((r) => r.length));
      for (let r = 0; r < Math.max(want.rows.length, got.rows.length); r++) {
        for (let c = 0; c < width; c++) {
          const expectedCell = { ...readCell(want.rows, r, c), struck: struck.has(`${r},${c}`) };
          expect(readCell(got.rows, r, c), `${want.name} row ${r + 1} column ${c + 1}`).toEqual(expectedCell);
        }
      }
    }
  });

  it("reads Leicester's leavers: A–C of row 30 struck, its FTE and the unstruck * row 94 not", async () => {
    const current = sheetNamed(await readXlsxWorkbook(LEICESTER), "Current");
    expect(current.rows).toHaveLength(583);
    for (const ref of ["A30", "B30", "C30"]) expect(cell(current, ref).struck, ref).toBe(true);
    expect(cell(current, "A30").value).toBe("* Childcare Social Worker");
    expect(cell(current, "D30")).toMatchObject({ struck: false, value: 1 });
    expect(cell(current, "A94")).toEqual({ value: "* Team Manager", struck: false, error: null });
    expect(cell(current, "D488")).toEqual({ value: 1, struck: false, error: null });
  });

  it("keeps Barnet's post number with a stray space as text", async () => {
    const sheets = await readXlsxWorkbook(BARNET);
    expect(sheets.map((s) => s.name)).toEqual(["Current", "Proposed", "Grades", "Changes"]);
    const proposed = sheetNamed(sheets, "Proposed");
    expect(proposed.rows).toHaveLength(17);
    expect(cell(proposed, "B3").value).toBe("500 25144");
  });

  it("never changes the file it reads", async () => {
    const fingerprint = async () => ({
      sha256: createHash("sha256")
        .update(await readFile(LEICESTER))
        .digest("hex"),
      mtimeMs: (await stat(LEICESTER)).mtimeMs,
    });
    const before = await fingerprint();
    await readXlsxWorkbook(LEICESTER);
    expect(await fingerprint()).toEqual(before);
  });
});

describe("readXlsxWorkbook: files that cannot be used", () => {
  const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

  async function expectUnusable(file: string, reason: UnusableFileReason, message: RegExp): Promise<void> {
    const error: unknown = await readXlsxWorkbook(file).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UnusableFileError);
    expect(error).toMatchObject({ reason, file, name: "UnusableFileError" });
    const text = (error as UnusableFileError).message;
    expect(text).toContain(file);
    expect(text).toMatch(message);
  }

  it("says a text file is not an .xlsx workbook", async () => {
    const file = join(dir, "establishment.csv");
    await writeFile(file, "Job title,FTE\nTeam Manager,1\n");
    await expectUnusable(file, "not-xlsx", /is not an Excel \.xlsx workbook \(it is not a zip package\)/);
    const empty = join(dir, "empty.xlsx");
    await writeFile(empty, "");
    await expectUnusable(empty, "not-xlsx", /save it as \.xlsx/);
  });

  it("tells an old .xls apart from a password-protected .xlsx (both are OLE files)", async () => {
    const xls = join(dir, "old.xls");
    await writeFile(xls, Buffer.concat([OLE_MAGIC, Buffer.alloc(1024)]));
    await expectUnusable(xls, "old-xls", /old Excel 97-2003 \.xls file: open it in Excel and save it as \.xlsx/);

    const encrypted = join(dir, "protected.xlsx");
    await writeFile(
      encrypted,
      Buffer.concat([OLE_MAGIC, Buffer.alloc(600), Buffer.from("EncryptionInfo", "utf16le"), Buffer.alloc(600)]),
    );
    await expectUnusable(encrypted, "password-protected", /remove the password \(File > Info > Protect Workbook/);
  });

  it("says a truncated workbook is damaged, with the zip library's reason", async () => {
    const bytes = await readFile(BARNET);
    const file = join(dir, "truncated.xlsx");
    await writeFile(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expectUnusable(file, "unreadable", /damaged or truncated \(.+\)/);
  });

  it("says a missing file was not found", async () => {
    await expectUnusable(join(dir, "no-such-file.xlsx"), "not-found", /was not found/);
    await expectUnusable(join(dir, "no-such-folder", "x.xlsx"), "not-found", /check the folder and the file name/);
  });

  it("says a folder is not a workbook", async () => {
    await expectUnusable(dir, "not-xlsx", /\(it is a folder\)/);
  });
});

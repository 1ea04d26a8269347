// What every host must hand the reader for the same workbook: the grid contract of SheetGrid.ts.
// Each adapter runs it with its own way of reading a file (the xlsx adapter directly; the Excel
// adapter through the fake, loaded with the file's cells).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCell, type GridRow, type SheetGrid } from "../../src/core/establishment/SheetGrid";
import { readXlsxWorkbook } from "../../src/xlsx/readXlsxWorkbook";

export const LEICESTER = "samples/leicester-2013-14.xlsx";
export const BARNET = "samples/barnet-leaving-care-2012.xlsx";

const STRUCK = { strike: true };

/** A workbook of the cases samples lack: data off A1, error values (struck too), gaps, an empty sheet. */
async function writeEdgeWorkbook(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const edges = workbook.addWorksheet("Edges");
  edges.getCell("C3").value = "Title";
  edges.getCell("D3").value = 12.5;
  edges.getCell("E3").value = true;
  edges.getCell("C5").value = { error: "#REF!" };
  edges.getCell("D5").value = "Leaver";
  edges.getCell("D5").font = STRUCK;
  edges.getCell("E5").value = 3;
  edges.getCell("E5").font = STRUCK;
  edges.getCell("C6").value = new Date(Date.UTC(2024, 3, 1));
  edges.getCell("D6").value = { formula: "1+1", result: 2 };
  edges.getCell("E6").value = { formula: "1/0", result: { error: "#DIV/0!" } };
  edges.getCell("C7").value = { error: "#N/A" };
  edges.getCell("C7").font = STRUCK;
  edges.getCell("C8").value = "#N/A";
  edges.getCell("C9").font = STRUCK;
  edges.getCell("H10").value = 0;
  edges.getCell("C11").value = "£1,234 – naïve";
  edges.getCell("D11").value = "";
  workbook.addWorksheet("Empty");
  workbook.addWorksheet("Last").getCell("A1").value = "x";
  await workbook.xlsx.writeFile(file);
}

const EDGES: readonly GridRow[] = [
  [],
  [],
  [null, null, "Title", 12.5, true],
  [],
  [null, null, { value: null, error: "#REF!" }, { value: "Leaver", struck: true }, { value: 3, struck: true }],
  [null, null, 45383, 2, { value: null, error: "#DIV/0!" }],
  [null, null, { value: null, error: "#N/A", struck: true }],
  [null, null, "#N/A"],
  [],
  [null, null, null, null, null, null, null, 0],
  [null, null, "£1,234 – naïve"],
];

/** The grid's normal form: no trailing empty rows or cells, no "" or undefined, objects only when needed. */
function expectNormalForm(grids: readonly SheetGrid[]): void {
  for (const grid of grids) {
    expect(grid.rows.at(-1)?.length ?? 1, `${grid.name}: trailing empty row`).toBeGreaterThan(0);
    grid.rows.forEach((row, r) => {
      if (row.length > 0) expect(row.at(-1), `${grid.name} row ${String(r + 1)}: trailing empty cell`).not.toBeNull();
      row.forEach((cell, c) => {
        const where = `${grid.name}!R${String(r + 1)}C${String(c + 1)}`;
        expect(cell, where).not.toBe("");
        expect(cell, where).not.toBeUndefined();
        if (cell !== null && typeof cell === "object") {
          expect(cell.struck === true || cell.error !== undefined, `${where}: object for a plain value`).toBe(true);
          if (cell.error !== undefined) expect(cell.value, where).toBeNull();
        }
      });
    });
  }
}

const struckCells = (grid: SheetGrid | undefined): number =>
  (grid?.rows ?? []).flat().filter((cell) => cell !== null && typeof cell === "object" && cell.struck === true).length;

/**
 * Runs the grid contract against one adapter: the samples and a workbook of edge cases must read
 * as the xlsx reader reads them (for the xlsx adapter itself, the fixed expectations below are
 * what bind it), in the grid's normal form.
 */
export function gridContract(name: string, readGrids: (file: string) => Promise<SheetGrid[]>): void {
  describe(`grid contract: ${name}`, () => {
    let dir: string;
    let edges: string;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "grid-contract-"));
      edges = join(dir, "edges.xlsx");
      await writeEdgeWorkbook(edges);
    });

    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it("reads Leicester: tab order, struck leavers, every cell as the xlsx reader gives it", async () => {
      const grids = await readGrids(LEICESTER);
      expect(grids.map((grid) => grid.name)).toEqual(["Current", "Proposed", "Bands", "Title map"]);
      const current = grids[0];
      expect(readCell(current?.rows ?? [], 29, 0)).toEqual({
        value: "* Childcare Social Worker",
        struck: true,
        error: null,
      });
      expect(struckCells(current)).toBe(30);
      expectNormalForm(grids);
      expect(grids).toStrictEqual(await readXlsxWorkbook(LEICESTER));
    });

    it("reads Barnet: tab order and every cell as the xlsx reader gives it", async () => {
      const grids = await readGrids(BARNET);
      expect(grids.map((grid) => grid.name)).toEqual(["Current", "Proposed", "Grades", "Changes"]);
      expect(grids.map((grid) => grid.rows.length)).toEqual([10, 17, 9, 22]);
      expectNormalForm(grids);
      expect(grids).toStrictEqual(await readXlsxWorkbook(BARNET));
    });

    it("reads data away from A1, error values (struck or not), dates, gaps and an empty sheet", async () => {
      const grids = await readGrids(edges);
      expect(grids).toStrictEqual([
        { name: "Edges", rows: EDGES },
        { name: "Empty", rows: [] },
        { name: "Last", rows: [["x"]] },
      ]);
      expectNormalForm(grids);
    });
  });
}

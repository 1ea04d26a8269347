// A million posts a side (issue 6) is two million costed lines: more than Excel's 1,048,576 rows.
// The costed posts are then one sheet a side, and the reduction table's SUMIFS read each side's.
// The split is tested at a small sheet size on Leicester §7 (the layout does not depend on size).
import { beforeAll, describe, expect, it } from "vitest";
import { buildReduction, DEFAULT_REDUCTION_SETTINGS, type Reduction, validateWorkbook } from "../../src/core";
import { buildOutputSheets, type OutputSheet } from "../../src/output/outputSheets";
import { readXlsxWorkbook } from "../../src/xlsx/readXlsxWorkbook";

let reduction: Reduction;

beforeAll(async () => {
  const grids = await readXlsxWorkbook("samples/leicester-2013-14.xlsx");
  const validation = validateWorkbook(grids, { sheets: { current: "Proposed", proposed: "Proposed" } });
  reduction = buildReduction(validation, new Map(), DEFAULT_REDUCTION_SETTINGS, {
    builtOn: "2026-11-23",
    version: "t",
  });
});

const SUMIFS =
  /^SUMIFS\('([^']+)'!\$([A-Z])\$2:\$[A-Z]\$(\d+),'([^']+)'!\$A\$2:\$A\$\d+,"(R\d+)",'([^']+)'!\$B\$2:\$B\$\d+,"(current|proposed)"\)$/;

// What Excel's SUMIFS gives: the column's numbers on the rows whose Row and Side match.
function sumifs(formula: string, sheets: readonly OutputSheet[]): { sheet: string; side: string; sum: number } {
  const match = SUMIFS.exec(formula);
  if (match === null) throw new Error(`not a SUMIFS the layout writes: ${formula}`);
  const [, sheetName = "", column = "A", last = "0", criteriaSheet, id, , side = ""] = match;
  expect(criteriaSheet).toBe(sheetName);
  const sheet = sheets.find((s) => s.name === sheetName);
  if (sheet === undefined) throw new Error(`no sheet ${sheetName}`);
  expect(Number(last)).toBe(Math.max(sheet.rows.length, 2));
  const c = column.charCodeAt(0) - 65;
  let sum = 0;
  for (const row of sheet.rows.slice(1)) {
    if (row[0]?.value === id && row[1]?.value === side) sum += Number(row[c]?.value ?? 0);
  }
  return { sheet: sheetName, side, sum };
}

describe("costed posts past Excel's last row", () => {
  it("stay on one sheet while both sides fit", () => {
    const names = buildOutputSheets(reduction, []).map((sheet) => sheet.name);
    expect(names).toEqual(["Reduction table", "Post changes", "Staff impact", "Costed posts", "Assumptions"]);
  });

  it("become one sheet and one table a side, and every SUMIFS reads its side's sheet to the same figure", () => {
    const lines = reduction.current.length + reduction.proposed.length;
    const sheets = buildOutputSheets(reduction, [], { sheetRows: lines }); // one row short of both
    expect(sheets.map((sheet) => sheet.name)).toEqual([
      "Reduction table",
      "Post changes",
      "Staff impact",
      "Costed posts, current",
      "Costed posts, proposed",
      "Assumptions",
    ]);
    const [current, proposed] = [sheets[3], sheets[4]];
    expect(current?.rows.length).toBe(reduction.current.length + 1);
    expect(proposed?.rows.length).toBe(reduction.proposed.length + 1);
    expect(current?.tables).toEqual([
      { name: "CostedPostsCurrent", range: `A1:Q${String(reduction.current.length + 1)}` },
    ]);
    expect(proposed?.tables?.[0]?.name).toBe("CostedPostsProposed");

    let checked = 0;
    for (const row of sheets[0]?.rows ?? []) {
      for (const cell of row) {
        const value = cell.value;
        if (value === null || typeof value !== "object" || !value.formula.startsWith("SUMIFS")) continue;
        const { sheet, side, sum } = sumifs(value.formula, sheets);
        expect(sheet).toBe(side === "current" ? "Costed posts, current" : "Costed posts, proposed");
        expect(Math.abs(sum - value.result)).toBeLessThan(1e-6 * Math.max(1, Math.abs(sum)));
        checked += 1;
      }
    }
    // Four SUMIFS a line of the table: FTE and cost, current and proposed.
    expect(checked).toBe(4 * reduction.table.rows.length);
  });
});

// Issue 4: the reduction table and the post lists, rebuilt from the sample workbooks. Expected
// figures are Leicester §7 and Barnet Appendix 2 as printed (seeds 001 and 000, transcribed in
// samples/source/*.json) and hand calculations written beside them.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildReduction,
  costPost,
  DEFAULT_REDUCTION_SETTINGS,
  parseHrNumber,
  type Reduction,
  readTitleMap,
  ratio,
  type ReductionSettings,
  type SheetGrid,
  titleKey,
  validateWorkbook,
} from "../../src/core";
import { readXlsxWorkbook } from "../../src/xlsx/readXlsxWorkbook";

const STAMP = { builtOn: "2026-11-23", version: "test" };

interface Sheet {
  readonly name: string;
  readonly rows: readonly (readonly (string | number | null)[])[];
}

const leicesterSource = JSON.parse(readFileSync("samples/source/leicester-2013-14.json", "utf8")) as {
  sheets: readonly Sheet[];
};

let leicester: Reduction;
let barnet: Reduction;

beforeAll(async () => {
  const grids = await readXlsxWorkbook("samples/leicester-2013-14.xlsx");
  // §7 holds both sides: its "Current FTE | Band" columns are the current establishment.
  const validation = validateWorkbook(grids, { sheets: { current: "Proposed", proposed: "Proposed" } });
  leicester = buildReduction(validation, new Map(), { ...DEFAULT_REDUCTION_SETTINGS, budget: 1_665_380_000 }, STAMP);
  const barnetGrids = await readXlsxWorkbook("samples/barnet-leaving-care-2012.xlsx");
  const changes = barnetGrids.find((grid) => grid.name === "Changes") as SheetGrid;
  barnet = buildReduction(
    validateWorkbook(barnetGrids, { standardHours: 36 }),
    readTitleMap(changes).map,
    { ...DEFAULT_REDUCTION_SETTINGS, standardHours: 36 },
    STAMP,
  );
});

const value = (cell: string | number | null | undefined): number => {
  const parsed = parseHrNumber(cell ?? null);
  return parsed.kind === "number" ? parsed.value : 0;
};

describe("Leicester §7 rebuilt from its current and proposed lines", () => {
  const section7 = leicesterSource.sheets.find((sheet) => sheet.name === "Proposed")?.rows ?? [];
  const lines = section7.slice(3, 52).filter((row) => {
    const title = row[0];
    return typeof title === "string" && row.length > 1 && !/^(Sub)?total$/i.test(title);
  });

  it("has one row per §7 line (44), with both bands where a title was regraded", () => {
    expect(lines).toHaveLength(44);
    expect(leicester.table.rows).toHaveLength(44);
    const teamManager = leicester.table.rows.find(
      (row) => row.title === "Team Manager" && row.section === "LAC and Resources",
    );
    expect(teamManager).toMatchObject({ currentGrade: "10-11", proposedGrade: "11" }); // §7 row 5
    const childCare = leicester.table.rows.filter((row) => row.title === "Child Care Practitioner");
    expect(childCare.map((row) => row.currentGrade)).toEqual(["8", "7", "6", "4"]); // §7 rows 41–44
  });

  it("gives every row the reduction §7 prints (proposed − current)", () => {
    for (const line of lines) {
      const [title, proposedFte, proposedBand, currentFte, currentBand, reduction] = line;
      const row = leicester.table.rows.find(
        (r) =>
          r.title === title &&
          (r.proposedGrade ?? "") === String(proposedBand ?? "") &&
          (r.currentGrade ?? "") === String(currentBand ?? ""),
      );
      const where = `${String(title)} ${String(proposedBand)}/${String(currentBand)}`;
      expect(row, where).toBeDefined();
      expect(row?.proposedFte, where).toBeCloseTo(value(proposedFte), 9);
      expect(row?.currentFte, where).toBeCloseTo(value(currentFte), 9);
      expect(row?.changeFte, where).toBeCloseTo(value(reduction), 9);
    }
  });

  it("foots the section subtotals: §7's 248.88 and 122.99 are its own ±0.01 rounding faults", () => {
    const subtotals = leicester.table.subtotals.map((s) => [s.section, s.proposedFte, s.currentFte]);
    // Printed: 199.18 / 248.88, 115.90 / 122.99, 71.50 / 76.51; the rows add to 248.89 and 122.98
    // (samples/source/README.md "Footing check").
    expect(subtotals).toEqual([
      ["LAC and Resources", 199.18, 248.89],
      ["Residential Services", 115.9, 122.98],
      ["Administration", 71.5, 76.51],
    ]);
  });

  it("totals 386.58 proposed and 448.38 current FTE, a reduction of 61.80", () => {
    expect(leicester.table.total).toMatchObject({ proposedFte: 386.58, currentFte: 448.38, changeFte: -61.8 });
  });

  it("costs the proposed side as §7 states it, to within its £1 rounding, and the saving against the budget", () => {
    // §7 Total proposed cost 14,800,305; its rows add to 14,800,304.
    expect(Math.abs(leicester.table.total.proposedCost - 1_480_030_500)).toBeLessThanOrEqual(100);
    // "Total savings 1,853,495" = 16,653,800 − 14,800,305
    expect(Math.abs((leicester.savingAgainstBudget ?? 0) - 185_349_500)).toBeLessThanOrEqual(100);
    // The allowances are carried as they are: 97,703 + 235,825 + 108,766
    const allowances = leicester.proposed.filter((post) => post.basis === "allowance");
    expect(allowances.reduce((sum, post) => sum + (post.total ?? 0), 0)).toBe((97_703 + 235_825 + 108_766) * 100);
  });

  it("marks the current side not costed: the document gives no pay for its bands", () => {
    expect(leicester.table.total.currentCost).toBe(0);
    expect(leicester.problems.filter((p) => p.code === "not-costed").length).toBeGreaterThan(0);
  });
});

describe("Barnet Appendix 2 rebuilt from its sheets and its Changed Posts map", () => {
  const find = (list: readonly { title: string; fte: number }[], title: string) =>
    list.find((post) => titleKey(post.title) === titleKey(title));

  it("deletes the four posts Appendix 2 deletes, with its FTE", () => {
    // Appendix 2 Deleted Posts: Deputy Team Manager 2.6, Supported Lodgings Officer 1,
    // Participation and Implementation Officer 1, Support Worker 3 (titles as in §5.4)
    expect(find(barnet.deletedPosts, "Deputy Leaving Care Manager")?.fte).toBe(2.6);
    expect(find(barnet.deletedPosts, "Supporting Lodgings Officer")?.fte).toBe(1);
    expect(find(barnet.deletedPosts, "Participation and Implementation Officer")?.fte).toBe(1);
    expect(find(barnet.deletedPosts, "Support Worker")?.fte).toBe(3);
  });

  it("changes Leaving Care Workers into Personal Advisors (3), through the title map", () => {
    expect(barnet.changedPosts).toContainEqual(
      expect.objectContaining({
        oldTitle: "Leaving Care Workers",
        newTitle: "Personal Advisor",
        currentFte: 3,
        proposedFte: 3,
      }),
    );
  });

  it("creates the Business (Unit) Manager, Business Support and a second Team Manager", () => {
    // Appendix 2 New posts: Business Manager 1, Team Manager 1, Business Support Officer 1
    expect(find(barnet.newPosts, "Business Unit Manager")?.fte).toBe(1);
    expect(find(barnet.newPosts, "Business Support")?.fte).toBe(1);
    expect(find(barnet.newPosts, "Team Manager")?.fte).toBe(1);
  });

  it("accounts for every FTE: current 18.6 and proposed 16 across unchanged, changed, new and deleted", () => {
    const fte = (lines: readonly { fte: number | null }[]): number =>
      Math.round(lines.reduce((sum, line) => sum + (line.fte ?? 0), 0) * 100) / 100;
    const currentSide = barnet.changes
      .filter((c) => c.current !== null)
      .map((c) => c.current as { fte: number | null });
    const proposedSide = barnet.changes
      .filter((c) => c.proposed !== null)
      .map((c) => c.proposed as { fte: number | null });
    expect(fte(currentSide)).toBe(18.6);
    expect(fte(proposedSide)).toBe(16);
  });
});

describe("costPost", () => {
  const grades: SheetGrid = {
    name: "Grades",
    rows: [
      ["Grade", "SCP range", "Salary", "Cost per FTE"],
      ["S1", null, 30000, null],
      ["PO9", "40 - 43", null, null],
      ["FC", null, null, 40000],
    ],
  };
  const sheet = (rows: (string | number | null)[][]): SheetGrid => ({
    name: "Current",
    rows: [["Job title", "Grade", "FTE", "Surname", "SCP", "Cost"], ...rows],
  });
  const settings: ReductionSettings = {
    ...DEFAULT_REDUCTION_SETTINGS,
    taxYear: 2025,
    payYear: 2025,
    pension: { kind: "rate", rate: ratio(195, 1000) },
  };
  const cost = (rows: (string | number | null)[][]) => {
    const validation = validateWorkbook([sheet(rows), grades]);
    return (validation.current?.rows ?? []).map((line) => costPost(line, "current", validation.grades, settings));
  };

  it("costs a grade's salary with NI, pension and levy (2025/26: £30,000 → £39,750)", () => {
    // NI 15% × (30,000 − 5,000) = 3,750; pension 19.5% × 30,000 = 5,850; levy 0.5% = 150
    const [post] = cost([["Officer", "S1", 1, "Ashby", null, null]]);
    expect(post).toMatchObject({ basis: "grade-salary", pay: 3_000_000, employerNi: 375_000, pension: 585_000 });
    expect(post?.total).toBe(3_975_000);
  });

  it("costs a part-time post on its actual pay (0.5 FTE → £19,500)", () => {
    // pay 15,000; NI 15% × 10,000 = 1,500; pension 2,925; levy 75
    expect(cost([["Officer", "S1", 0.5, "Ashby", null, null]])[0]?.total).toBe(1_950_000);
  });

  it("costs a line of several posts as that many full-time posts (3 FTE → 3 × £39,750)", () => {
    // NI thresholds apply per person: three posts of £30,000, not one of £90,000
    expect(cost([["Officers", "S1", 3, null, null, null]])[0]?.total).toBe(3 * 3_975_000);
  });

  it("costs the top of a grade's SCP range from the national spine, or the post's own SCP", () => {
    const [top, own] = cost([
      ["Manager", "PO9", 1, "Ashby", null, null],
      ["Manager", "PO9", 1, "Birch", 41, null],
    ]);
    expect(top).toMatchObject({ basis: "grade-point", scp: "43" });
    expect(own).toMatchObject({ basis: "scp", scp: "41" });
    // SCP 43 in 2025/26 is £54,495 (NJC pay spine, reference data)
    expect(top?.salary).toBe(5_449_500);
  });

  it("uses a grade's full cost per FTE with no further on-costs (0.5 × £40,000)", () => {
    expect(cost([["Officer", "FC", 0.5, "Ashby", null, null]])[0]).toMatchObject({
      basis: "cost-per-fte",
      total: 2_000_000,
    });
  });

  it("uses a cost the sheet states, and says why a line cannot be costed", () => {
    const [stated, unknown] = cost([
      ["Officer", "S1", 1, "Ashby", null, 41000],
      ["Officer", "Z9", 1, "Birch", null, null],
    ]);
    expect(stated).toMatchObject({ basis: "stated-cost", total: 4_100_000 });
    expect(unknown).toMatchObject({ basis: "not-costed", total: null });
    expect(unknown?.note).toMatch(/Z9 is not in the grades table/);
  });
});

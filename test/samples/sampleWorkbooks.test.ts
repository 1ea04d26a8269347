// Golden tests over the two sample workbooks built from the seeds (samples/source/README.md).
// Expected figures come from the transcriptions' own `published` records (the document's stated
// totals re-added cell by cell, the leavers, the repeated names, the team summaries) and from
// hr-sheet-problems.md, not from this code. The full problem lists in test/samples/golden/ are a
// reviewed snapshot: every entry was checked by hand against samples/source/README.md when it was
// written; regenerate with UPDATE_GOLDEN=1 only after reviewing the difference.
import { readFileSync, writeFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { type Problem, validateWorkbook, type WorkbookValidation } from "../../src/core";
import { readXlsxWorkbook } from "../../src/xlsx/readXlsxWorkbook";

interface PublishedTotal {
  readonly id: string;
  readonly sheet: string;
  readonly statedCell: string;
  readonly difference: number;
  readonly foots: boolean;
}

interface Source {
  readonly standardHours: number;
  readonly published: {
    readonly totals: readonly PublishedTotal[];
    readonly figures: Record<string, unknown>;
    readonly a1TeamSummaries?: readonly {
      readonly team: string;
      readonly perLine: readonly {
        readonly row: number;
        readonly post: string;
        readonly numbersInPost: number;
        readonly staffRowsWithThisTitle: number;
        readonly leaverRows: number;
      }[];
    }[];
  };
}

const SAMPLES = {
  barnet: "barnet-leaving-care-2012",
  leicester: "leicester-2013-14",
} as const;

function source(name: string): Source {
  return JSON.parse(readFileSync(`samples/source/${name}.json`, "utf8")) as Source;
}

function at(validation: WorkbookValidation, code: string, sheet: string): string[] {
  return validation.problems.filter((p) => p.code === code && p.sheet === sheet).map((p) => p.cell ?? "");
}

function find(validation: WorkbookValidation, code: string, sheet: string, cell: string): Problem | undefined {
  return validation.problems.find((p) => p.code === code && p.sheet === sheet && p.cell === cell);
}

const results = new Map<string, WorkbookValidation>();

beforeAll(async () => {
  for (const name of Object.values(SAMPLES)) {
    const grids = await readXlsxWorkbook(`samples/${name}.xlsx`);
    results.set(name, validateWorkbook(grids, { standardHours: source(name).standardHours }));
  }
});

function result(name: string): WorkbookValidation {
  const validation = results.get(name);
  if (validation === undefined) throw new Error(`${name} was not read`);
  return validation;
}

describe.each(Object.values(SAMPLES))("%s: every stated total the document prints", (name) => {
  it("is reported when, and only when, it does not foot", () => {
    const validation = result(name);
    // ".fromRows" entries re-add a Total from its detail rows; the validator checks a Total after
    // subtotals against the subtotals (which is how §7 was built), so those are not compared here.
    for (const total of source(name).published.totals.filter((t) => !t.id.endsWith(".fromRows"))) {
      const problem = find(validation, "total-mismatch", total.sheet, total.statedCell);
      if (total.foots) expect(problem, `${total.id} foots`).toBeUndefined();
      else {
        expect(problem, `${total.id} is ${String(total.difference)} out`).toBeDefined();
        // hr-sheet-problems.md #10: ±0.01 FTE and ±£1 are rounding; 2.00 and 4 are real errors.
        const rounding = Math.abs(total.difference) <= 1 && !/number|noOfPosts|count/i.test(total.id);
        expect(problem?.severity, total.id).toBe(rounding ? "info" : "error");
      }
    }
  });
});

describe("Barnet Leaving Care 2012 (seed 000)", () => {
  const name = SAMPLES.barnet;

  it("finds the three sheets and reads 8 current lines (18.6 FTE) and 16 proposed posts of 36 hours", () => {
    const validation = result(name);
    expect(validation.roles).toEqual({ current: "Current", proposed: "Proposed", grades: "Grades" });
    const current = validation.current?.rows ?? [];
    expect(current).toHaveLength(8);
    // §5.4 "Total fte 18.6": 1 + 2.6 + 4 + 1 + 1 + 5 + 3 + 1
    expect(current.reduce((sum, row) => sum + (row.fte ?? 0), 0)).toBeCloseTo(18.6, 9);
    const proposed = validation.proposed?.rows ?? [];
    expect(proposed).toHaveLength(16);
    // Appendix 2: 36 hours each, and Barnet's standard week is 36 hours
    expect(proposed.every((row) => row.fte === 1 && row.fteFrom === "hours")).toBe(true);
  });

  it("flags the §5.4 proposed FTE total (14.00 stated, 10 in the rows) as an error of +4", () => {
    const problem = find(result(name), "total-mismatch", "Current", "F10");
    expect(problem?.severity).toBe("error");
    expect(problem?.message).toMatch(/\+4/);
  });

  it("flags every stray space and the tbc placeholder in post numbers (hr-sheet-problems.md #1–2)", () => {
    // §5.4 cells with a space after a "/" (A3, A4, A7, A8) and Appendix 2's "500 25…" (B3, B8, B15, B16)
    expect(at(result(name), "post-number-format", "Current")).toEqual(["A3", "A4", "A7", "A8"]);
    expect(at(result(name), "post-number-format", "Proposed")).toEqual(["B3", "B8", "B15", "B16"]);
    expect(find(result(name), "post-number-format", "Current", "A4")?.message).toMatch(/tbc/);
  });

  it("flags the four counts in titles and the 2.6 in the No. of Posts column (#3, #4)", () => {
    expect(at(result(name), "count-in-title", "Current")).toEqual(["B3", "B4", "B7", "B8"]);
    expect(at(result(name), "fte-in-count-column", "Current")).toEqual(["C3"]);
  });

  it("warns that post numbers are reused for different jobs (#22), e.g. 50025136 Deputy → Team Manager", () => {
    expect(find(result(name), "post-number-reused", "Proposed", "B4")?.message).toMatch(/50025136/);
  });

  it("has one error in all: the total that does not foot", () => {
    expect(result(name).counts.error).toBe(1);
  });
});

describe("Leicester 2013/14 (seed 001)", () => {
  const name = SAMPLES.leicester;
  const figures = source(name).published.figures as {
    a1StaffList: { staffRows: number; leaverRows: number; leaverFte: number };
    a1Leavers: readonly { row: number; fte: number; star: boolean; strike: boolean }[];
    a1RepeatedSurnameInitialPairs: readonly { rows: readonly number[]; fte: readonly number[] }[];
  };

  it("reads all 457 staff rows of A.1 through its 11 team blocks and summaries", () => {
    expect(result(name).current?.rows).toHaveLength(figures.a1StaffList.staffRows);
  });

  it("finds the 12 leavers (11.0 FTE), warning on the 2 marked * only (hr-sheet-problems.md #7)", () => {
    const validation = result(name);
    const leavers = validation.current?.rows.filter((row) => row.leaver) ?? [];
    expect(leavers.map((row) => row.row)).toEqual(figures.a1Leavers.map((leaver) => leaver.row));
    expect(leavers.reduce((sum, row) => sum + (row.fte ?? 0), 0)).toBe(figures.a1StaffList.leaverFte);
    const starOnly = figures.a1Leavers.filter((leaver) => !leaver.strike).map((leaver) => `A${String(leaver.row)}`);
    expect(starOnly).toEqual(["A94", "A240"]);
    const warned = validation.problems.filter((p) => p.code === "leaver-row" && p.severity === "warning");
    expect(warned.map((p) => p.cell)).toEqual(starOnly);
  });

  it("flags every repeated surname + initial above 1.0 FTE, leavers not counted (#18)", () => {
    const leaverRows = new Set(figures.a1Leavers.map((leaver) => leaver.row));
    const expected = figures.a1RepeatedSurnameInitialPairs
      .map((pair) => ({
        rows: pair.rows.filter((row) => !leaverRows.has(row)),
        fte: pair.fte.filter((_, index) => !leaverRows.has(pair.rows[index] ?? 0)).reduce((a, b) => a + b, 0),
      }))
      .filter((pair) => pair.rows.length > 1 && pair.fte > 1 + 1e-9)
      .map((pair) => `A${String(Math.min(...pair.rows))}`)
      .sort();
    expect(at(result(name), "person-over-one-fte", "Current").sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
  });

  it("checks each team summary's numbers in post against the staff listed, leavers not in post (#8)", () => {
    const validation = result(name);
    for (const team of source(name).published.a1TeamSummaries ?? []) {
      if (team.team.startsWith("ADMINISTRATION")) continue; // lines are bands, not titles (#21)
      for (const line of team.perLine) {
        const inPost = line.staffRowsWithThisTitle - line.leaverRows;
        const problem = find(validation, "summary-mismatch", "Current", `B${String(line.row)}`);
        if (line.numbersInPost === inPost) expect(problem, `${team.team} ${line.post}`).toBeUndefined();
        else expect(problem, `${team.team} ${line.post}: ${String(line.numbersInPost)} vs ${String(inPost)}`).toBeDefined();
      }
    }
  });

  it("reads §7 as a two-sided table: proposed FTE and band, allowances, a withdrawn role, the budget lines", () => {
    const validation = result(name);
    // Waking Night Allowance 97,703; Sat/Sun Enhancement 235,825; Sleeping In Allowance 108,766 (#16)
    expect(at(validation, "allowance-line", "Proposed")).toEqual(["G34", "G38", "G39"]);
    expect(at(validation, "empty-post-row", "Proposed")).toEqual(["A9"]); // Advanced Practitioners (#17)
    expect(at(validation, "missing-grade", "Proposed")).toEqual(["C13"]); // Post Adoption Support Worker (#13)
    expect(at(validation, "unknown-grade", "Proposed")).toEqual(["C11"]); // Social workers band "6-9" (#12)
    expect(at(validation, "footer-row", "Proposed")).toEqual(["A55", "A56"]); // budget and savings
    expect(at(validation, "total-row", "Proposed")).toEqual(["A27", "A46", "A52", "A53"]);
    const proposed = validation.proposed?.rows ?? [];
    const allowances = proposed.filter((row) => row.kind === "allowance").map((row) => row.cost);
    expect(allowances).toEqual([9770300, 23582500, 10876600]);
    // §7 Total proposed FTE 386.58 = the posts read, allowances carry none
    const fte = proposed.reduce((sum, row) => sum + Math.round((row.fte ?? 0) * 100), 0) / 100;
    expect(fte).toBe(386.58);
  });

  it("reports the bands table's missing pay: the document states no cost per FTE for any band", () => {
    expect(at(result(name), "grade-not-costable", "Bands")).toHaveLength(12);
  });
});

describe.each(Object.values(SAMPLES))("%s: the full problem list", (name) => {
  it("matches the reviewed golden list", () => {
    const lines = result(name).problems.map((p) => `${p.severity} ${p.sheet}!${p.cell ?? `row ${String(p.row)}`} ${p.code}`);
    const file = `test/samples/golden/${name}.problems.txt`;
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(file, `${lines.join("\n")}\n`);
    expect(lines).toEqual(readFileSync(file, "utf8").trimEnd().split("\n"));
  });

  it("locates every problem to a sheet and a cell", () => {
    for (const problem of result(name).problems) {
      expect(problem.sheet).not.toBe("");
      expect(problem.cell).toMatch(/^[A-Z]+\d+$/);
    }
  });
});

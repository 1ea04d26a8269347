import { describe, expect, it } from "vitest";
import {
  CostingError,
  gradeCostingPoint,
  lookupScpSalary,
  NATIONAL_PAY_SPINE,
  parseGradeTable,
  parseLocalScale,
  type PayTable,
} from "../../src/core";

const salaryOf = (scp: number | string, payYear: number | null, scale: PayTable | null = null) =>
  lookupScpSalary(scp, payYear, scale).salary / 100;

function errorOf(run: () => unknown): CostingError {
  try {
    run();
  } catch (error) {
    if (error instanceof CostingError) return error;
    throw error;
  }
  throw new Error("expected a CostingError");
}

describe("NJC national pay spine: values quoted in the sources (pay-and-oncosts.md §1, bold)", () => {
  it.each([
    [1, 2019, 17364, "S01"],
    [1, 2020, 17842, "S13"],
    [1, 2021, 18333, "S15"],
    [2, 2021, 18516, "S15"],
    [22, 2021, 27514, "S15"],
    [43, 2021, 47665, "S15"],
    [2, 2023, 22366, "S18"],
    [22, 2023, 31364, "S18"],
    [5, 2013, 12435, "S07"],
    [11, 2013, 14880, "S07"],
    [49, 2013, 42032, "S07"],
  ])("SCP %i in %i/.. is £%i", (scp, year, salary) => {
    expect(salaryOf(scp, year)).toBe(salary);
  });

  it("marks quoted values as quoted with their source", () => {
    const found = lookupScpSalary(1, 2019, null);
    expect(found.point.status).toBe("quoted");
    expect(found.table.sources).toContain("S01");
    expect(found.payYear).toBe("2019/20");
  });
});

describe("derived values follow the documented awards (hand calculations)", () => {
  it.each([
    // 2024/25: +£1,290 on SCP2–43 (S19): 22,366 + 1,925 (2023/24 is quoted) …
    [43, 2024, 51515 + 1290],
    // 2025/26: +3.2% (S22), rounded to the nearest £1: 23,656 × 1.032 = 24,412.99
    [2, 2025, Math.round(23656 * 1.032)],
    [43, 2025, Math.round(52805 * 1.032)],
    // 2022/23: +£1,925 on every point (S16): 18,333 + 1,925
    [1, 2022, 18333 + 1925],
    // 2012/13 = 2013/14 ÷ 1.01 (S09): Barnet's SCP32 and SCP35 national rates (§6)
    [32, 2012, 27052],
    [35, 2012, 29236],
  ])("SCP %i in %i/.. is £%i", (scp, year, salary) => {
    expect(salaryOf(scp, year)).toBe(salary);
    expect(lookupScpSalary(scp, year, null).point.status).toMatch(/quoted|derived/);
  });

  it("rises with the spinal point in every pay year", () => {
    for (const table of NATIONAL_PAY_SPINE.values()) {
      const known = [...table.points.values()]
        .filter((p) => p.salary !== null)
        .sort((a, b) => Number(a.scp) - Number(b.scp));
      for (let i = 1; i < known.length; i += 1) {
        expect(known[i]!.salary!).toBeGreaterThan(known[i - 1]!.salary!);
      }
    }
  });
});

describe("unknown values are unknown, not invented", () => {
  it.each([
    [33, 2025, /not in any source/],
    [13, 2019, /not in any source/],
    [20, 2012, /not in any source/],
    [32, 2021, /sources conflict/],
    [32, 2025, /sources conflict/],
  ])("SCP %i in %i/.. is #N/A (%s)", (scp, year, reason) => {
    const error = errorOf(() => lookupScpSalary(scp, year, null));
    expect(error.kind).toBe("not-available");
    expect(error.message).toMatch(reason);
    expect(error.message).toMatch(/scale/);
  });

  it("says a deleted point is not on that year's spine", () => {
    const error = errorOf(() => lookupScpSalary(1, 2023, null));
    expect(error.kind).toBe("not-available");
    expect(error.message).toMatch(/points 2–43/);
  });

  it("says there is no 2026/27 award and which years are known", () => {
    const error = errorOf(() => lookupScpSalary(3, 2026, null));
    expect(error.kind).toBe("not-available");
    expect(error.message).toMatch(/2026\/27.*2012\/13 to 2025\/26/);
  });

  it("defaults to the latest pay year with known rates (2025/26)", () => {
    expect(lookupScpSalary(43, null, null).payYear).toBe("2025/26");
  });
});

describe("local pay scales", () => {
  // Barnet's 2012 Outer London rates (seed 000 §5.2): SCP 32 = £28,800, SCP 35 = £30,988.
  const barnet = parseLocalScale([
    ["SCP", "Salary"],
    [32, 28800],
    [33, "29,500"],
    ["", ""],
    [35, "£30,988"],
  ]);

  it("replaces the national table", () => {
    expect(salaryOf(32, 2012, barnet)).toBe(28800);
    expect(salaryOf("SCP 35", null, barnet)).toBe(30988);
    expect(lookupScpSalary(35, null, barnet).point.status).toBe("local");
  });

  it("allows local points above 43 and named points", () => {
    const local = parseLocalScale([
      [44, 60000],
      ["W33", 36271],
    ]);
    expect(salaryOf(44, null, local)).toBe(60000);
    expect(salaryOf("w33", null, local)).toBe(36271);
  });

  it("says which points a scale has when one is missing", () => {
    expect(errorOf(() => lookupScpSalary(34, null, barnet)).message).toMatch(/not on your scale \(points 32–35\)/);
  });

  it.each([
    [[[32, "abc"]], /not an amount/],
    [
      [
        [32, 1],
        [32, 2],
      ],
      /twice/,
    ],
    [[[null, 28800]], /blank/],
    [[[32]], /two columns/],
    [[], /empty/],
  ])("refuses a malformed scale %j", (rows, message) => {
    const error = errorOf(() => parseLocalScale(rows));
    expect(error.kind).toBe("invalid-value");
    expect(error.message).toMatch(message);
  });
});

describe("grades", () => {
  const grades = parseGradeTable([
    ["Grade", "Lowest SCP", "Highest SCP"],
    ["PO1", 32, 35],
    ["Scale 6", "SCP 26", "28"],
    ["Band 8", 40, null],
  ]);

  it("finds a grade's top, bottom and middle point", () => {
    const po1 = grades.get("PO1")!;
    expect(gradeCostingPoint(po1, "top")).toBe("35");
    expect(gradeCostingPoint(po1, "bottom")).toBe("32");
    // 32–35 has four points; mid takes the upper middle one (34), erring to the higher cost.
    expect(gradeCostingPoint(po1, "mid")).toBe("34");
    expect(gradeCostingPoint(grades.get("SCALE 6")!, "mid")).toBe("27");
  });

  it("treats a single point as both ends of the grade", () => {
    expect(grades.get("BAND 8")).toEqual({ grade: "Band 8", lowest: "40", highest: "40" });
  });

  it("refuses a grade whose points run backwards", () => {
    expect(() => parseGradeTable([["X", 35, 32]])).toThrow(/lowest point first/);
  });
});

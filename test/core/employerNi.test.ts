import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calculateEmployerNi, CostingError, type NiCategory, type NiMethod } from "../../src/core";

const ni = (pounds: number, taxYear: number, category: NiCategory = "A", method: NiMethod = "annual") =>
  calculateEmployerNi({ annualPay: Math.round(pounds * 100), taxYear, category, method }).amount / 100;

// Every expectation is the rule written out with the reference's figures
// (shared/reference/pay-and-oncosts.md §2): rate × (pay − annual secondary threshold).
// With a whole-pound pay and a rate of 13.8% or 15% no result falls on a halfpenny.
describe("category A, annual earnings period, every tax year held", () => {
  it.each([
    [2012, (25000 - 7488) * 0.138, (60000 - 7488) * 0.138],
    [2013, (25000 - 7696) * 0.138, (60000 - 7696) * 0.138],
    [2014, (25000 - 7956) * 0.138, (60000 - 7956) * 0.138],
    [2015, (25000 - 8112) * 0.138, (60000 - 8112) * 0.138],
    [2016, (25000 - 8112) * 0.138, (60000 - 8112) * 0.138],
    [2017, (25000 - 8164) * 0.138, (60000 - 8164) * 0.138],
    [2018, (25000 - 8424) * 0.138, (60000 - 8424) * 0.138],
    [2019, (25000 - 8632) * 0.138, (60000 - 8632) * 0.138],
    [2020, (25000 - 8788) * 0.138, (60000 - 8788) * 0.138],
    [2021, (25000 - 8840) * 0.138, (60000 - 8840) * 0.138],
    // 2022/23: 15.05% for tax months 1–7 (to 5 Nov 2022), 13.8% for months 8–12 (N13).
    [2022, ((25000 - 9100) * (7 * 0.1505 + 5 * 0.138)) / 12, ((60000 - 9100) * (7 * 0.1505 + 5 * 0.138)) / 12],
    [2023, (25000 - 9100) * 0.138, (60000 - 9100) * 0.138],
    [2024, (25000 - 9100) * 0.138, (60000 - 9100) * 0.138],
    [2025, (25000 - 5000) * 0.15, (60000 - 5000) * 0.15],
    [2026, (25000 - 5000) * 0.15, (60000 - 5000) * 0.15],
  ])("tax year %i/..: £25,000 → £%f, £60,000 → £%f", (year, on25k, on60k) => {
    expect(ni(25000, year)).toBeCloseTo(on25k, 2);
    expect(ni(60000, year)).toBeCloseTo(on60k, 2);
  });

  it("is nothing at or below the secondary threshold", () => {
    expect(ni(5000, 2025)).toBe(0);
    expect(ni(9100, 2024)).toBe(0);
    expect(ni(0, 2024)).toBe(0);
  });

  it("names the rule it used", () => {
    expect(calculateEmployerNi({ annualPay: 2_500_000, taxYear: 2025, category: "A", method: "annual" }).rule).toBe(
      "15% above £5,000",
    );
    expect(calculateEmployerNi({ annualPay: 2_500_000, taxYear: 2022, category: "A", method: "annual" }).rule).toBe(
      "15.05% for 7 months, 13.8% for 5 months above £9,100",
    );
  });
});

describe("monthly method: each tax month against the monthly threshold, rounded, summed", () => {
  it("2025/26, £25,000: 12 × round((25000/12 − 417) × 15%)", () => {
    // (25000/12 − 417) × 0.15 = £249.95 exactly; the monthly ST (£417 × 12 = £5,004) differs from £5,000.
    expect(ni(25000, 2025, "A", "monthly")).toBeCloseTo(12 * 249.95, 2);
  });

  it("2022/23, £25,000: 7 months at 15.05% then 5 at 13.8%", () => {
    // (25000/12 − 758) × 0.1505 = 199.4627 → 199.46; × 0.138 = 182.896 → 182.90
    expect(ni(25000, 2022, "A", "monthly")).toBeCloseTo(7 * 199.46 + 5 * 182.9, 2);
  });
});

describe("category D: contracted-out salary-related scheme, to 2015/16 (N05)", () => {
  it.each([
    // Barnet's posts, 2012/13: 10.4% on ST–UAP less the 3.4% rebate on LEL–ST
    [28800, 2012, 0.104 * (28800 - 7488) - 0.034 * (7488 - 5564)],
    [30988, 2012, 0.104 * (30988 - 7488) - 0.034 * (7488 - 5564)],
    // above the UAP (£40,040) the full 13.8% applies
    [50000, 2014, 0.104 * (40040 - 7956) + 0.138 * (50000 - 40040) - 0.034 * (7956 - 5772)],
    // between LEL and ST the employer receives the rebate
    [7000, 2014, -0.034 * (7000 - 5772)],
    [5000, 2014, 0],
  ])("£%i in %i/.. → £%f", (pay, year, expected) => {
    expect(ni(pay, year, "D")).toBeCloseTo(expected, 2);
  });

  it("is not available once contracting-out ended (6 April 2016)", () => {
    expect(() => ni(30000, 2016, "D")).toThrow(/contracting-out ended/);
  });
});

describe("categories M (under 21) and H (apprentice under 25): 0% up to the upper threshold", () => {
  it.each([
    [50000, 2015, "M", 0.138 * (50000 - 42385)],
    [30000, 2025, "M", 0],
    [60000, 2025, "M", 0.15 * (60000 - 50270)],
    [30000, 2016, "H", 0],
    [55000, 2024, "H", 0.138 * (55000 - 50270)],
  ] as const)("£%i in %i/.., category %s → £%f", (pay, year, category, expected) => {
    expect(ni(pay, year, category)).toBeCloseTo(expected, 2);
  });

  it.each([
    [2014, "M"],
    [2015, "H"],
  ] as const)("is not available in %i/.. for category %s", (year, category) => {
    expect(() => ni(30000, year, category)).toThrow(CostingError);
  });
});

describe("tax years outside the tables", () => {
  it("says which years are known", () => {
    expect(() => ni(30000, 2011)).toThrow(/2012\/13 to 2026\/27/);
    expect(() => ni(30000, 2027)).toThrow(/not-available|No employer NI/);
  });
});

describe("properties", () => {
  it("never negative and never falls as pay rises (category A, every year)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2012, max: 2026 }),
        fc.integer({ min: 0, max: 20_000_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        (year, pence, rise) => {
          const low = calculateEmployerNi({ annualPay: pence, taxYear: year, category: "A", method: "annual" }).amount;
          const high = calculateEmployerNi({ annualPay: pence + rise, taxYear: year, category: "A", method: "annual" });
          expect(low).toBeGreaterThanOrEqual(0);
          expect(high.amount).toBeGreaterThanOrEqual(low);
        },
      ),
    );
  });
});

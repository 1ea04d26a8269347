import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  calculatePostCost,
  type PensionScheme,
  parsePensionScheme,
  pensionRateForYear,
  type PostCostInput,
  ratio,
  ratioFromNumber,
  ratioToNumber,
} from "../../src/core";

const cost = (over: Partial<PostCostInput> & { salary: number }) =>
  calculatePostCost({
    fte: ratio(1, 1),
    taxYear: 2025,
    category: "A",
    niMethod: "annual",
    pension: { kind: "none" },
    levy: true,
    ...over,
    salary: Math.round(over.salary * 100),
  });

const rate = (r: number): PensionScheme => ({ kind: "rate", rate: ratioFromNumber(r) });

describe("Barnet 2012 (seed 000 §5.2): SCP 32 to 35, £28,800 to £30,988 (£38,070 to £41,025 with on costs)", () => {
  // One pension rate for both posts, category D NI (the exact contracted-out rules imply about 24.72%:
  // pay-and-oncosts.md §6). No apprenticeship levy existed in 2012/13. Barnet rounds to £5.
  it.each([
    [28800, 38070],
    [30988, 41025],
  ])("£%i costs £%i with on-costs, to within the £5 the report rounds to", (salary, published) => {
    const total = cost({ salary, taxYear: 2012, category: "D", pension: rate(0.2472) }).total / 100;
    expect(Math.abs(total - published)).toBeLessThanOrEqual(5);
    expect(Math.round(total / 5) * 5).toBe(published);
  });
});

describe("the breakdown", () => {
  it("adds NI, pension and levy on actual pay (2025/26, £30,000, 19.5%)", () => {
    const c = cost({ salary: 30000, pension: rate(0.195) });
    expect(c.employerNi / 100).toBe((30000 - 5000) * 0.15);
    expect(c.pension / 100).toBe(30000 * 0.195);
    expect(c.levy / 100).toBe(30000 * 0.005);
    expect(c.onCosts).toBe(c.employerNi + c.pension + c.levy);
    expect(c.total).toBe(c.pay + c.onCosts);
    expect(c.tables.map((t) => t.table)).toEqual([
      "Employer NI 2025/26, category A, annual method",
      "Apprenticeship levy 2025/26",
    ]);
  });

  it("costs a part-time post on its actual pay, not pro rata of full time", () => {
    const full = cost({ salary: 30000, pension: rate(0.195) });
    const half = cost({ salary: 30000, fte: ratio(1, 2), pension: rate(0.195) });
    expect(half.pay / 100).toBe(15000);
    // (15000 − 5000) × 15% = £1,500, less than half of (30000 − 5000) × 15% = £3,750
    expect(half.employerNi / 100).toBe((15000 - 5000) * 0.15);
    expect(half.employerNi).toBeLessThan(full.employerNi / 2);
    expect(half.pension / 100).toBe(15000 * 0.195);
  });

  it("charges no levy before 6 April 2017 and says so", () => {
    const c = cost({ salary: 30000, taxYear: 2016 });
    expect(c.levy).toBe(0);
    expect(c.notes.join(" ")).toMatch(/began on 6 April 2017/);
    expect(cost({ salary: 30000, taxYear: 2017 }).levy / 100).toBe(150);
  });

  it("leaves the levy out when switched off", () => {
    expect(cost({ salary: 30000, levy: false }).levy).toBe(0);
  });

  it("in flat-rate mode charges one percentage of pay and nothing else", () => {
    const c = cost({ salary: 30000, fte: ratio(1, 2), flatRate: ratioFromNumber(0.3) });
    expect(c.flatOnCost / 100).toBe(15000 * 0.3);
    expect(c.employerNi + c.pension + c.levy).toBe(0);
    expect(c.total / 100).toBe(15000 * 1.3);
  });

  it("rounds each component once and always foots", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 15_000_000 }),
        fc.integer({ min: 0, max: 37 }),
        fc.integer({ min: 0, max: 300_000 }),
        fc.integer({ min: 2012, max: 2026 }),
        (salary, hours, pensionPpm, year) => {
          const c = calculatePostCost({
            salary,
            fte: ratio(hours, 37),
            taxYear: year,
            category: "A",
            niMethod: "annual",
            pension: pensionPpm === 0 ? { kind: "none" } : { kind: "rate", rate: ratio(pensionPpm, 1_000_000) },
            levy: true,
          });
          expect(c.total).toBe(c.pay + c.employerNi + c.pension + c.levy);
          expect(Number.isInteger(c.total)).toBe(true);
          expect(c.pay).toBeLessThanOrEqual(salary);
        },
      ),
    );
  });
});

describe("pension rates", () => {
  it.each([
    [0.195, 0.195],
    ["19.5%", 0.195],
    ["0.2472", 0.2472],
  ] as const)("reads %s as %f", (input, expected) => {
    const scheme = parsePensionScheme(input);
    expect(scheme.kind === "rate" && ratioToNumber(scheme.rate)).toBe(expected);
  });

  it("refuses 19.5 and says to write 19.5% or 0.195", () => {
    expect(() => parsePensionScheme(19.5)).toThrow("write 19.5% or 0.195");
  });

  it("refuses LGPS as a rate: it differs by fund", () => {
    expect(() => parsePensionScheme("LGPS")).toThrow(/fund's rate/);
  });

  it.each([
    // TPS (pay-and-oncosts.md §4.3): 16.48% from 1 Sep 2015, 23.68% from 1 Sep 2019, 28.68% from 1 Apr 2024.
    [2019, (5 * 0.1648 + 7 * 0.2368) / 12],
    [2015, (5 * 0.141 + 7 * 0.1648) / 12],
    [2020, 0.2368],
    [2024, 0.2868],
    [2023, 0.2368],
  ])("TPS in tax year %i/.. averages the rate by tax month: %f", (year, expected) => {
    expect(ratioToNumber(pensionRateForYear({ kind: "tps" }, year).rate)).toBeCloseTo(expected, 12);
  });
});

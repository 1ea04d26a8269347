import { describe, expect, it } from "vitest";
import { calculateFteSaving, calculatePartYear, CostingError, fteFromHours, ratio } from "../../src/core";

describe("fteFromHours", () => {
  it.each([
    [37, 37, 1],
    [18.5, 37, 0.5],
    [30, 37, 30 / 37],
    [36, 36, 1],
    [0, 37, 0],
  ])("%f hours of a %f-hour week is %f FTE", (hours, standard, fte) => {
    expect(fteFromHours(hours, standard)).toBeCloseTo(fte, 12);
  });

  it.each([
    [-1, 37],
    [10, 0],
    [200, 37],
  ])("refuses %f hours of a %f-hour week", (hours, standard) => {
    expect(() => fteFromHours(hours, standard)).toThrow(CostingError);
  });
});

describe("calculateFteSaving", () => {
  it("Leicester §7: 448.38 current − 386.58 proposed = 61.80 FTE, at £30,000 each", () => {
    expect(calculateFteSaving(ratio(44838, 100), ratio(38658, 100), 3_000_000)).toBe(6180 * 30000);
  });

  it("is negative for a growth", () => {
    expect(calculateFteSaving(ratio(1, 1), ratio(3, 2), 3_000_000)).toBe(-1_500_000);
  });
});

describe("calculatePartYear", () => {
  it("Barnet's six-month post from 1 Sep 2012: 212 of 365 days of 2012/13", () => {
    expect(calculatePartYear(3_000_000, { year: 2012, month: 9, day: 1 }, null, null)).toEqual({
      amount: Math.round((30000 * 212 * 100) / 365),
      financialYear: "2012/13",
      days: 212,
      daysInYear: 365,
    });
  });

  it("counts both end dates and uses 366 days in a leap year", () => {
    expect(
      calculatePartYear(3_660_000, { year: 2023, month: 4, day: 1 }, { year: 2023, month: 4, day: 10 }, null),
    ).toMatchObject({
      amount: 100_000,
      daysInYear: 366,
    });
  });

  it("clips to the financial year asked for", () => {
    expect(calculatePartYear(3_650_000, { year: 2024, month: 1, day: 1 }, null, 2025).amount).toBe(3_650_000);
    expect(
      calculatePartYear(3_650_000, { year: 2024, month: 1, day: 1 }, { year: 2024, month: 12, day: 31 }, 2026).amount,
    ).toBe(0);
  });

  it("refuses an end before the start", () => {
    expect(() =>
      calculatePartYear(100, { year: 2025, month: 5, day: 1 }, { year: 2025, month: 4, day: 1 }, null),
    ).toThrow(CostingError);
  });
});

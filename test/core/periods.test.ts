import { describe, expect, it } from "vitest";
import { CostingError, dateToSerial, parseYear, serialToDate, yearLabel } from "../../src/core";

describe("parseYear", () => {
  it.each([
    ["2025/26", "pay", 2025],
    ["2025-26", "tax", 2025],
    ["2025/2026", "pay", 2025],
    ["2025 – 26", "pay", 2025],
    [2025, "tax", 2025],
    ["2025", "pay", 2025],
    ["1999/00", "pay", 1999],
    // 45748 is 1 April 2025: pay year 2025/26 starts that day, tax year 2025/26 only on 6 April.
    [45748, "pay", 2025],
    [45748, "tax", 2024],
    [45753, "tax", 2025],
    ["2025-04-05", "tax", 2024],
  ] as const)("reads %s as a %s year starting in %i", (input, kind, start) => {
    expect(parseYear(input, kind)).toBe(start);
  });

  it.each([["2025/27"], ["next year"], [1850], [-3], ["2025/26/27"]])("refuses %s", (input) => {
    expect(() => parseYear(input, "pay")).toThrow(CostingError);
  });

  it("labels years as finance officers write them", () => {
    expect(yearLabel(2025)).toBe("2025/26");
    expect(yearLabel(1999)).toBe("1999/00");
  });
});

describe("Excel date serials", () => {
  it("round-trips dates in the 1900 date system", () => {
    expect(serialToDate(45748)).toEqual({ year: 2025, month: 4, day: 1 });
    expect(dateToSerial({ year: 2025, month: 4, day: 1 })).toBe(45748);
    expect(serialToDate(36526)).toEqual({ year: 2000, month: 1, day: 1 });
  });

  it("refuses serials before 1 March 1900 (Excel's phantom 29 February)", () => {
    expect(() => serialToDate(60)).toThrow(CostingError);
  });
});

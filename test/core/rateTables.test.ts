import { describe, expect, it } from "vitest";
import {
  NATIONAL_PAY_SPINE,
  NI_SOURCES,
  NI_TABLES,
  PAY_SPINE_SOURCES,
  TEACHERS_PENSION_RATES,
  taxMonthStarts,
  compareDates,
} from "../../src/core";

// Code health of the dated, sourced tables: every year we ship is present, and every figure
// names a source that exists.
describe("employer NI tables", () => {
  it("hold every tax year 2012/13 to 2026/27", () => {
    expect([...NI_TABLES.keys()].sort()).toEqual(Array.from({ length: 15 }, (_, i) => 2012 + i));
  });

  it.each([...NI_TABLES.values()])(
    "tax year $taxYear: every tax month is covered once, every source exists",
    (year) => {
      for (const start of taxMonthStarts(year.taxYear)) {
        const covering = year.periods.filter((p) => compareDates(p.from, start) <= 0 && compareDates(start, p.to) <= 0);
        expect(covering).toHaveLength(1);
      }
      for (const period of year.periods) {
        expect(period.sources.length).toBeGreaterThan(0);
        for (const id of period.sources) expect(NI_SOURCES.has(id), id).toBe(true);
      }
      for (const id of year.levy?.sources ?? []) expect(NI_SOURCES.has(id), id).toBe(true);
    },
  );

  it("has the levy from 2017/18 only (it began 6 April 2017)", () => {
    for (const year of NI_TABLES.values()) expect(year.levy !== null).toBe(year.taxYear >= 2017);
  });
});

describe("NJC pay spine", () => {
  it("holds every pay year 2012/13 to 2025/26 with points, and 2026/27 with none (no award found)", () => {
    for (let y = 2012; y <= 2025; y += 1) expect(NATIONAL_PAY_SPINE.get(y)?.points.size).toBeGreaterThan(40);
    expect(NATIONAL_PAY_SPINE.get(2026)?.points.size).toBe(0);
  });

  it("names an existing source for every known value", () => {
    for (const table of NATIONAL_PAY_SPINE.values()) {
      for (const point of table.points.values()) {
        if (point.salary === null) continue;
        const sources = point.sources.length > 0 ? point.sources : table.sources;
        expect(sources.length, `${table.name} SCP ${point.scp}`).toBeGreaterThan(0);
        for (const id of sources) expect(PAY_SPINE_SOURCES.has(id), id).toBe(true);
      }
    }
  });

  it("never uses a reconstruction as a salary", () => {
    for (const table of NATIONAL_PAY_SPINE.values()) {
      for (const point of table.points.values()) {
        if (point.status === "not-found" || point.status === "conflict") expect(point.salary).toBeNull();
      }
    }
  });
});

describe("Teachers' Pension Scheme rates", () => {
  it("are in date order, each with a source URL", () => {
    const dates = TEACHERS_PENSION_RATES.map((r) => r.from);
    expect([...dates].sort()).toEqual(dates);
    for (const r of TEACHERS_PENSION_RATES) expect(r.source).toMatch(/^https?:\/\//);
  });
});

// Property test (issue 3): random grids of every kind of cell (numbers, NaN and infinities,
// blanks, huge strings, error values, struck cells, headings, totals, HR number formats) never make
// the reader or validator throw, every problem is located, and the grid is never changed.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  EXCEL_ERROR_VALUES,
  type GridInput,
  readEstablishmentSheet,
  readGradesSheet,
  type SheetGrid,
  validateWorkbook,
} from "../../src/core";

// PROPERTY_RUNS=20000 npx vitest run test/property for a longer search than CI's.
const RUNS = Number(process.env.PROPERTY_RUNS ?? 400);

const WORDS = [
  "Job title",
  "Post number",
  "FTE",
  "Hours",
  "Grade",
  "Band",
  "SCP",
  "Surname",
  "Initial",
  "Status",
  "Salary",
  "Cost",
  "Cost per FTE",
  "Numbers in Post",
  "FTE including Vacancies",
  "Proposed",
  "Current",
  "Total",
  "Subtotal",
  "Totals",
  "Total fte",
  "Vacant",
  "* Social Worker",
  "Support Worker x 4",
  "500 25144",
  "50025348/ 50025140/tbc",
  "tbc",
  "-",
  "(1.50)",
  "1,154,200",
  "£520,800",
  ".81",
  "42 – 45",
  "SCP 33 – 36 (Level 1) SCP 37 – 39 (Level 2)",
  "01/09/2012",
  "2012-09-01",
  "LAC and Resources",
];

const value: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(""),
  fc.integer({ min: -1000, max: 100000 }),
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 1e308, 5e-324),
  fc.boolean(),
  fc.constantFrom(...WORDS),
  fc.constantFrom(...EXCEL_ERROR_VALUES),
  fc.string({ maxLength: 40 }),
  fc.constant("x".repeat(32767)),
  fc.constant({ nested: [1, 2] }),
);

const cell: fc.Arbitrary<GridInput> = fc.oneof(
  { weight: 6, arbitrary: value as fc.Arbitrary<GridInput> },
  {
    weight: 1,
    arbitrary: fc.record({ value: value, struck: fc.boolean() }) as fc.Arbitrary<GridInput>,
  },
  {
    weight: 1,
    arbitrary: fc.record({
      value: value,
      error: fc.constantFrom(...EXCEL_ERROR_VALUES, ""),
    }) as fc.Arbitrary<GridInput>,
  },
);

const grid = (name: string): fc.Arbitrary<SheetGrid> =>
  fc.record({ name: fc.constant(name), rows: fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 45 }) });

function deepFreeze<T>(object: T): T {
  if (object !== null && typeof object === "object" && !Object.isFrozen(object)) {
    Object.freeze(object);
    for (const child of Object.values(object as object)) deepFreeze(child);
  }
  return object;
}

describe("the reader and validator on random grids", () => {
  it("never throw, locate every problem, and leave the grid as it was", () => {
    fc.assert(
      fc.property(
        grid("Current"),
        grid("Proposed"),
        grid("Grades"),
        fc.integer({ min: 1, max: 60 }),
        (a, b, c, hours) => {
          const grids = [a, b, c];
          const before = JSON.stringify(grids);
          deepFreeze(grids);
          const validation = validateWorkbook(grids, { standardHours: hours });
          for (const problem of validation.problems) {
            expect(["Current", "Proposed", "Grades"]).toContain(problem.sheet);
            expect(problem.cell !== null || problem.row !== null).toBe(true);
            if (problem.cell !== null) expect(problem.cell).toMatch(/^[A-Z]+[1-9]\d*$/);
            expect(problem.message.length).toBeGreaterThan(0);
          }
          const counted = validation.counts.error + validation.counts.warning + validation.counts.info;
          expect(counted).toBe(validation.problems.length);
          expect(JSON.stringify(grids)).toBe(before);
        },
      ),
      { numRuns: RUNS },
    );
  }, 600_000);

  it("read every sheet as either role or as grades without throwing", () => {
    fc.assert(
      fc.property(grid("Sheet1"), (sheet) => {
        deepFreeze(sheet);
        for (const role of ["current", "proposed"] as const) {
          for (const row of readEstablishmentSheet(sheet, role).establishment.rows) {
            expect(row.fte === null || Number.isFinite(row.fte)).toBe(true);
            expect(row.title.length).toBeGreaterThan(0);
          }
        }
        readGradesSheet(sheet);
      }),
      { numRuns: RUNS },
    );
  }, 600_000);
});

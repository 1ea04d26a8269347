// The pipeline fuzzer's CI batch (issue 7): generated workbooks through the reader, validator,
// reduction and output layout (test/property/checkPipeline.ts says what is checked). `npm run fuzz`
// runs the same property over 100,000 workbooks in seeded batches (test/property/fuzz.ts).
//
// Replay a failure: FUZZ_SEED=<seed> FUZZ_PATH=<path> npx vitest run test/property/pipelineFuzz.test.ts
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildReduction, readTitleMap, validateWorkbook } from "../../src/core";
import { checkPipeline, KNOWN_BUGS } from "./checkPipeline";
import { generatedWorkbook, PAYLOADS } from "./generatedWorkbook";

// Sized to keep this file under 10 s on a 2-core machine; FUZZ_RUNS=20000 for a longer search.
const RUNS = Number(process.env.FUZZ_RUNS ?? 1500);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const PATH = process.env.FUZZ_PATH;

describe("the reader, validator, reduction and output on generated workbooks", () => {
  it("never throw, locate every problem, leave the grids as they were, and foot every total", () => {
    const skipped = new Map<string, number>();
    fc.assert(
      fc.property(generatedWorkbook, (workbook) => {
        const bug = checkPipeline(workbook);
        if (bug !== null) skipped.set(bug, (skipped.get(bug) ?? 0) + 1);
      }),
      { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }), ...(PATH === undefined ? {} : { path: PATH }) },
    );
    // Known bugs must not hide most of the search.
    const skips = [...skipped.values()].reduce((a, b) => a + b, 0);
    expect(skips).toBeLessThan(RUNS * 0.3);
    for (const id of skipped.keys()) expect(KNOWN_BUGS.map((bug) => bug.id)).toContain(id);
  }, 120_000);

  it("generates workbooks that reach every stage: problems, costed lines, sections, title maps, payloads", () => {
    const reached = {
      validated: 0,
      misuse: 0,
      problems: 0,
      costed: 0,
      sections: 0,
      mapped: 0,
      payloadTitles: 0,
      grades: 0,
    };
    for (const workbook of fc.sample(generatedWorkbook, { numRuns: 300, seed: 7 })) {
      if (workbook.misuse !== null) {
        reached.misuse += 1;
        continue;
      }
      let validation: ReturnType<typeof validateWorkbook>;
      try {
        validation = validateWorkbook(workbook.grids, workbook.options);
      } catch {
        continue;
      }
      reached.validated += 1;
      if (validation.problems.length > 0) reached.problems += 1;
      if (validation.grades !== null && validation.grades.grades.size > 0) reached.grades += 1;
      const rows = [...(validation.current?.rows ?? []), ...(validation.proposed?.rows ?? [])];
      if (rows.some((row) => PAYLOADS.includes(row.title))) reached.payloadTitles += 1;
      if (rows.some((row) => row.fte !== null && Math.abs(row.fte) > 1000)) continue;
      const map = workbook.grids.find((grid) => grid.name === workbook.titleMap);
      const titleMap = map === undefined ? new Map<string, readonly string[]>() : readTitleMap(map).map;
      if (titleMap.size > 0) reached.mapped += 1;
      const reduction = buildReduction(validation, titleMap, workbook.settings, {
        builtOn: "2026-01-01",
        version: "t",
      });
      if (reduction.table.total.currentCost > 0 || reduction.table.total.proposedCost > 0) reached.costed += 1;
      if (reduction.table.subtotals.filter((s) => s.section !== null).length > 1) reached.sections += 1;
    }
    // Each stage is reached by a fair share of the workbooks, not by a lucky few.
    expect(reached.validated).toBeGreaterThan(200);
    expect(reached.misuse).toBeGreaterThan(10);
    expect(reached.problems).toBeGreaterThan(150);
    expect(reached.costed).toBeGreaterThan(40);
    expect(reached.sections).toBeGreaterThan(20);
    expect(reached.mapped).toBeGreaterThan(20);
    expect(reached.payloadTitles).toBeGreaterThan(20);
    expect(reached.grades).toBeGreaterThan(20);
  }, 60_000);
});

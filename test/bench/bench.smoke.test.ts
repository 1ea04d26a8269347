// A smoke run of the benchmark's own cases at 1k posts a side (issue 6), in-process, through the
// same functions `npm run bench` runs: they work and their figures have the expected shape. No
// timing is asserted here: performance is measured by the benchmark, never by unit tests.
import { describe, expect, it } from "vitest";
import {
  gridsOf,
  PAYLOAD_LIMIT_BYTES,
  runCoreCase,
  runCustomFunctionCase,
  runExcelAdapterCase,
  syncBudget,
} from "../../bench/cases";
import { generateEstablishment } from "../../bench/generateEstablishment";
import { checkTargets, markdownTable, renderTables, sizeLabel } from "../../bench/report";

const POSTS = 1_000;

describe("benchmark smoke run at 1k posts a side", () => {
  const workbook = generateEstablishment(POSTS);

  it("generates the same workbook from the same seed, with a header, the posts and a total row", () => {
    expect(workbook.current.rows).toHaveLength(POSTS + 2);
    expect(generateEstablishment(POSTS).proposed.rows).toEqual(workbook.proposed.rows);
    // Deletions and new posts: about 90% of posts kept, and a tenth more added.
    expect(workbook.proposed.rows.length).toBeGreaterThan(POSTS * 0.9);
    expect(workbook.proposed.rows.length).toBeLessThan(POSTS * 1.1);
  });

  it("core: validates, costs and reduces every post, with a few problems per thousand rows", () => {
    const run = runCoreCase(gridsOf(workbook));
    expect(run.totalMs).toBeGreaterThan(0);
    expect(run.totalMs).toBeCloseTo(run.validateMs + run.reduceMs, 6);
    expect(run.currentLines).toBeGreaterThan(POSTS * 0.99);
    expect(run.proposedLines).toBeGreaterThan(POSTS * 0.9);
    expect(run.tableRows).toBeGreaterThan(0);
    // The generator's deliberate faults (a spaced post number, a blank FTE, an unknown grade, a
    // total that does not foot) and no more: every post with a known grade is costed.
    expect(run.errors).toBeGreaterThan(0);
    expect(run.errors).toBeLessThan(POSTS / 100);
    expect(run.notCosted).toBeLessThan(POSTS / 100);
  });

  it("Excel adapter: a few syncs, each request and response under 5 MB, within the sync budget", async () => {
    const figures = await runExcelAdapterCase(workbook);
    expect(figures.rowsRead).toBe(
      workbook.current.rows.length + workbook.proposed.rows.length + workbook.grades.rows.length,
    );
    for (const op of [figures.readSheets, figures.writeOutputs]) {
      expect(op.syncs).toBeGreaterThan(op.fixedSyncs);
      expect(op.syncs).toBeLessThanOrEqual(syncBudget(op));
      expect(op.maxRequestBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
      expect(op.maxResponseBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
    }
    expect(figures.readSheets.totalResponseBytes).toBeGreaterThan(figures.readSheets.totalRequestBytes);
    expect(figures.writeOutputs.totalRequestBytes).toBeGreaterThan(figures.writeOutputs.totalResponseBytes);
    expect(figures.writeOutputs.rowsWritten).toBeGreaterThan(POSTS * 2);
  });

  it("custom functions: positive call rates and a timed 10,000-cell batch", () => {
    const figures = runCustomFunctionCase({ rounds: 1, roundMs: 20, batchRuns: 1 });
    for (const name of ["ONCOST", "POSTCOST", "SCPSALARY"] as const) {
      expect(figures.callsPerSecond[name]).toBeGreaterThan(0);
      expect(figures.calls[name]).toMatch(new RegExp(`^=${name}\\(`));
    }
    expect(figures.batch.cells).toBe(10_000);
    expect(figures.batch.runsMs).toHaveLength(1);
    expect(figures.batch.medianMs).toBeGreaterThan(0);
  });

  it("report: checks targets and renders a table with a result for every row", () => {
    const results = {
      date: "2026-01-01T00:00:00.000Z",
      machine: {
        cpuModel: "test",
        cpus: 2,
        totalMemoryBytes: 8e9,
        os: "test",
        node: process.version,
        loadAverageAtStart: [0, 0, 0],
        loadAverageAtEnd: [0, 0, 0],
      },
      commit: "test",
      options: {},
      tools: {},
      sizes: [100_000],
      core: { "100k": { failed: "timed out after 900 s" } },
      cli: { "100k": { notRun: "--no-cli" } },
      pandas: { "100k": { notRun: "--no-pandas" } },
      cliOverPandas: {},
      excel: { "100k": { failed: "timed out after 900 s" } },
      functions: { failed: "test" },
      bundles: { failed: "test" },
    };
    const checks = checkTargets(results);
    expect(checks.map((c) => [c.figure, c.status])).toContainEqual(["Core time", "failed"]);
    expect(checks.map((c) => [c.figure, c.status])).toContainEqual(["CLI ÷ pandas", "not run"]);
    expect(renderTables({ ...results, targets: checks })).toMatch(/failed: timed out after 900 s/);
    expect(sizeLabel(1_000_000)).toBe("1M");
    expect(markdownTable(["a", "b"], [["1", "22"]]).split("\n")).toEqual([
      "| a   | b   |",
      "| --- | --- |",
      "| 1   | 22  |",
    ]);
  });
});

// The benchmark's in-process cases (issue 6). Each takes its input, does the work once and returns
// what it measured; the runner (bench/run.ts) runs them in child processes for clean peak memory
// and takes medians, and the smoke test (test/bench/bench.smoke.test.ts) runs them at 1k.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import {
  buildReduction,
  DEFAULT_REDUCTION_SETTINGS,
  parsePensionScheme,
  type Reduction,
  type ReductionSettings,
  type SheetGrid,
  validateWorkbook,
} from "../src/core";
import { ExcelHost } from "../src/excel/ExcelHost";
import { CUSTOM_FUNCTIONS } from "../src/functions/customFunctions";
import { FakeExcel, type SyncRecord } from "../test/excel/fakeExcel";
import type { SyntheticWorkbook } from "./generateEstablishment";

/** The marker before the line of JSON a case's child process prints (bench/child.ts). */
export const RESULT_MARKER = "BENCH_RESULT ";

/** The costing every case uses: the defaults with an LGPS employer rate of 19.5%, as councils cost. */
export const BENCH_SETTINGS: ReductionSettings = {
  ...DEFAULT_REDUCTION_SETTINGS,
  pension: parsePensionScheme("19.5%"),
};

const STAMP = { builtOn: "2026-01-01", version: "bench" };

/** The three sheets of a synthetic workbook, in tab order. */
export function gridsOf(workbook: SyntheticWorkbook): SheetGrid[] {
  return [workbook.current, workbook.proposed, workbook.grades];
}

/** Validates and reduces grids already in memory, as the task pane does after reading the sheets. */
export function reduce(grids: readonly SheetGrid[]): Reduction {
  const validation = validateWorkbook(grids, {
    standardHours: BENCH_SETTINGS.standardHours,
    payYear: BENCH_SETTINGS.payYear,
  });
  return buildReduction(validation, new Map(), BENCH_SETTINGS, STAMP);
}

/** One run of the core: validate + cost + reduce, no I/O. */
export interface CoreRun {
  readonly totalMs: number;
  readonly validateMs: number;
  readonly reduceMs: number;
  readonly currentLines: number;
  readonly proposedLines: number;
  readonly tableRows: number;
  readonly problems: number;
  readonly errors: number;
  readonly notCosted: number;
}

/**
 * (a) Core: times validateWorkbook + buildReduction on grids in memory, with a pension rate set.
 *
 * @example
 * runCoreCase(gridsOf(generateEstablishment(1000))).totalMs // e.g. 120
 */
export function runCoreCase(grids: readonly SheetGrid[]): CoreRun {
  const start = performance.now();
  const validation = validateWorkbook(grids, {
    standardHours: BENCH_SETTINGS.standardHours,
    payYear: BENCH_SETTINGS.payYear,
  });
  const validated = performance.now();
  const reduction = buildReduction(validation, new Map(), BENCH_SETTINGS, STAMP);
  const end = performance.now();
  return {
    totalMs: end - start,
    validateMs: validated - start,
    reduceMs: end - validated,
    currentLines: validation.current?.rows.length ?? 0,
    proposedLines: validation.proposed?.rows.length ?? 0,
    tableRows: reduction.table.rows.length,
    problems: reduction.problems.length,
    errors: reduction.problems.filter((p) => p.severity === "error").length,
    notCosted: reduction.problems.filter((p) => p.code === "not-costed").length,
  };
}

/** What the Excel adapter's syncs carried during one operation, as the fake measured them. */
export interface SyncFigures {
  readonly ms: number;
  readonly syncs: number;
  readonly maxRequestBytes: number;
  readonly maxResponseBytes: number;
  readonly totalRequestBytes: number;
  readonly totalResponseBytes: number;
  /** Syncs the operation makes whatever the size (looking sheets up, adding them, showing them). */
  readonly fixedSyncs: number;
  /** Sheets read or written: each may end with a part-filled block. */
  readonly sheets: number;
}

/** (c) The Excel adapter against the fake: reading the sheets, then writing the outputs. */
export interface ExcelAdapterFigures {
  readonly rowsRead: number;
  readonly readSheets: SyncFigures;
  readonly writeOutputs: SyncFigures & { readonly rowsWritten: number };
}

/** The payload limit Excel on the web enforces on each request and each response. */
export const PAYLOAD_LIMIT_BYTES = 5_000_000;
/** The adapter's block budget (src/excel/blockLimits.ts): about one sync per this many bytes. */
export const BLOCK_BYTES = 4_000_000;

function figuresOf(records: readonly SyncRecord[], ms: number, fixedSyncs: number, sheets: number): SyncFigures {
  let maxRequestBytes = 0;
  let maxResponseBytes = 0;
  let totalRequestBytes = 0;
  let totalResponseBytes = 0;
  for (const record of records) {
    maxRequestBytes = Math.max(maxRequestBytes, record.requestBytes);
    maxResponseBytes = Math.max(maxResponseBytes, record.responseBytes);
    totalRequestBytes += record.requestBytes;
    totalResponseBytes += record.responseBytes;
  }
  return {
    ms,
    syncs: records.length,
    maxRequestBytes,
    maxResponseBytes,
    totalRequestBytes,
    totalResponseBytes,
    fixedSyncs,
    sheets,
  };
}

/**
 * The most syncs an operation should need for its payload: its fixed syncs, one part-filled block
 * per sheet, and blocks of at least half the 4 MB budget for the rest ("about one per 4 MB block,
 * never one per row").
 *
 * @example
 * syncBudget({ fixedSyncs: 2, sheets: 3, totalRequestBytes: 0, totalResponseBytes: 9_000_000 } as SyncFigures) //=> 10
 */
export function syncBudget(figures: SyncFigures): number {
  const payload = Math.max(figures.totalRequestBytes, figures.totalResponseBytes);
  return figures.fixedSyncs + figures.sheets + Math.ceil(payload / (BLOCK_BYTES / 2));
}

/**
 * (c) Reads a synthetic workbook's three sheets through ExcelHost from the fake Excel, reduces
 * them, and writes the output sheets back through ExcelHost, counting syncs and bytes.
 *
 * @example
 * (await runExcelAdapterCase(generateEstablishment(1000))).readSheets.syncs //=> 5
 */
export async function runExcelAdapterCase(workbook: SyntheticWorkbook): Promise<ExcelAdapterFigures> {
  const excel = FakeExcel.fromGrids(gridsOf(workbook));
  const host = new ExcelHost(excel.run);
  const names = [workbook.current.name, workbook.proposed.name, workbook.grades.name];

  let first = excel.syncs.length;
  let start = performance.now();
  const grids = await host.readSheets(names);
  const readSheets = figuresOf(excel.syncs.slice(first), performance.now() - start, 2, names.length);

  const reduction = reduce(grids);
  const before = excel.sheets.length;
  first = excel.syncs.length;
  start = performance.now();
  const added = await host.writeOutputs(reduction);
  const writeMs = performance.now() - start;
  // Adding the sheets hidden, showing them, and the protection check.
  const writeOutputs = figuresOf(excel.syncs.slice(first), writeMs, 3, added.length);
  const rowsWritten = excel.sheets.slice(before).reduce((sum, sheet) => sum + sheet.rows.size, 0);
  return {
    rowsRead: grids.reduce((sum, grid) => sum + grid.rows.length, 0),
    readSheets,
    writeOutputs: { ...writeOutputs, rowsWritten },
  };
}

/** (d) Custom functions called in-process, as Excel's calculation engine calls them. */
export interface FunctionFigures {
  /** Calls per second with fixed arguments, after warming up: median of the rounds. */
  readonly callsPerSecond: Readonly<Record<"ONCOST" | "POSTCOST" | "SCPSALARY", number>>;
  /** The formulas timed, as a user would type them. */
  readonly calls: Readonly<Record<"ONCOST" | "POSTCOST" | "SCPSALARY", string>>;
  /** A recalculation of 10,000 ONCOST cells with different salaries. */
  readonly batch: { readonly cells: number; readonly medianMs: number; readonly runsMs: readonly number[] };
}

/** How long the function case measures: rounds per function, milliseconds per round, batch runs. */
export interface FunctionCaseOptions {
  readonly rounds: number;
  readonly roundMs: number;
  readonly batchRuns: number;
}

type Call = () => number;

const FIXED_CALLS: Readonly<Record<keyof FunctionFigures["callsPerSecond"], [string, unknown[]]>> = {
  ONCOST: ['=ONCOST(30000, 19.5%, "2025/26")', [30000, 0.195, "2025/26", null, null, null]],
  POSTCOST: ['=POSTCOST(30000, 0.5, 19.5%, "2025/26")', [30000, 0.5, 0.195, "2025/26", null, null]],
  SCPSALARY: ['=SCPSALARY(25, "2025/26")', [25, "2025/26", null]],
};

let sink = 0;

function callOf(name: string, args: readonly unknown[]): Call {
  const fn = CUSTOM_FUNCTIONS[name];
  if (fn === undefined) throw new Error(`no custom function ${name}`);
  return () => fn(...args);
}

function callsPerSecond(call: Call, options: FunctionCaseOptions): number {
  // Warm up and find how many calls fill a round.
  let n = 1_000;
  for (;;) {
    const start = performance.now();
    for (let i = 0; i < n; i += 1) sink += call();
    const ms = performance.now() - start;
    if (ms >= options.roundMs / 4 || n >= 1e9) {
      n = Math.max(1, Math.round((n * options.roundMs) / Math.max(ms, 0.001)));
      break;
    }
    n *= 4;
  }
  const rates: number[] = [];
  for (let round = 0; round < options.rounds; round += 1) {
    const start = performance.now();
    for (let i = 0; i < n; i += 1) sink += call();
    rates.push((n * 1000) / (performance.now() - start));
  }
  return median(rates);
}

/**
 * (d) Custom function throughput: ONCOST, POSTCOST and SCPSALARY with fixed arguments, and a
 * 10,000-cell batch of ONCOST with salaries from £18,000 to £68,000.
 *
 * @example
 * runCustomFunctionCase({ rounds: 5, roundMs: 200, batchRuns: 9 }).callsPerSecond.ONCOST // e.g. 400000
 */
export function runCustomFunctionCase(options: FunctionCaseOptions): FunctionFigures {
  const rates = {} as Record<keyof FunctionFigures["callsPerSecond"], number>;
  const calls = {} as Record<keyof FunctionFigures["callsPerSecond"], string>;
  for (const [name, [formula, args]] of Object.entries(FIXED_CALLS) as [
    keyof typeof FIXED_CALLS,
    [string, unknown[]],
  ][]) {
    rates[name] = callsPerSecond(callOf(name, args), options);
    calls[name] = formula;
  }
  const onCost = CUSTOM_FUNCTIONS["ONCOST"];
  if (onCost === undefined) throw new Error("no custom function ONCOST");
  const cells = 10_000;
  const salaries = Array.from(
    { length: cells },
    (_, i) => Math.round((18_000 + ((i * 5_003.17) % 50_000)) * 100) / 100,
  );
  const batch = (): number => {
    const start = performance.now();
    for (const salary of salaries) sink += onCost(salary, 0.195, "2025/26", null, null, null);
    return performance.now() - start;
  };
  batch(); // a first recalculation compiles the code; Excel's later ones are the ones users wait for
  const runsMs = Array.from({ length: options.batchRuns }, batch);
  if (!Number.isFinite(sink)) throw new Error("a custom function returned a value that is not a number");
  return { callsPerSecond: rates, calls, batch: { cells, medianMs: median(runsMs), runsMs } };
}

/** (e) One built file's size, raw and gzipped. */
export interface BundleFile {
  readonly bytes: number;
  readonly gzipBytes: number;
  /** The file holds ExcelJS (its zip reader and the .xlsx part names). */
  readonly hasExcelJs: boolean;
}

/** (e) The add-in's scripts: the pane's initial script (task pane + functions) and the standalone page. */
export interface BundleFigures {
  readonly files: Readonly<Record<"taskpane.js" | "functions.js" | "standalone.js", BundleFile>>;
  /** taskpane.js + functions.js gzipped (each file gzipped on its own, as served); office.js excluded. */
  readonly initialGzipBytes: number;
}

/**
 * (e) Sizes of the built scripts in `dir` (dist/addin), gzipped with zlib's default level.
 *
 * @example
 * bundleSizes("dist/addin").initialGzipBytes // e.g. 68000
 */
export function bundleSizes(dir: string): BundleFigures {
  const file = (name: string): BundleFile => {
    const path = join(dir, name);
    if (!existsSync(path)) throw new Error(`${path} is missing: run npm run build first`);
    const bytes = readFileSync(path);
    const text = bytes.toString("latin1");
    return {
      bytes: bytes.length,
      gzipBytes: gzipSync(bytes).length,
      hasExcelJs: text.includes("xl/workbook.xml") && text.includes("JSZip"),
    };
  };
  const files = {
    "taskpane.js": file("taskpane.js"),
    "functions.js": file("functions.js"),
    "standalone.js": file("standalone.js"),
  };
  return { files, initialGzipBytes: files["taskpane.js"].gzipBytes + files["functions.js"].gzipBytes };
}

/**
 * The median of some numbers (the mean of the middle two for an even count).
 *
 * @example
 * median([3, 1, 2]) //=> 2
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

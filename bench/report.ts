// The benchmark's results, its targets (issue 6) and the tables it prints: figures by size, then
// single figures, each against its target with "meets" or "MISSED".
import {
  type BundleFigures,
  type ExcelAdapterFigures,
  type FunctionFigures,
  PAYLOAD_LIMIT_BYTES,
  type SyncFigures,
  syncBudget,
} from "./cases";

/** A figure that could not be measured, and why. */
export interface Failed {
  readonly failed: string;
}

/** A figure that was not measured on purpose or for want of a tool, and why. */
export interface NotRun {
  readonly notRun: string;
}

/** Wall times of repeated runs, their median, and the peak memory of the process(es). */
export interface Timed {
  readonly runs: number;
  readonly timesMs: readonly number[];
  readonly medianMs: number;
  /** Largest peak RSS over the runs; null when the process could not report it. */
  readonly peakRssBytes: number | null;
}

/** (a) The core at one size. */
export interface CoreFigures extends Timed {
  readonly validateMedianMs: number;
  readonly reduceMedianMs: number;
  /** Resident memory once the grids were generated, before the first run (included in the peak). */
  readonly rssWithGridsBytes: number;
  readonly currentLines: number;
  readonly proposedLines: number;
  readonly tableRows: number;
  readonly problems: number;
  readonly errors: number;
  readonly notCosted: number;
}

/** (b) A command timed as a subprocess (the CLI, the pandas script). */
export interface CommandFigures extends Timed {
  readonly command: string;
  readonly exitCodes: readonly number[];
}

/** (c) The Excel adapter at one size, with the peak memory of its process (fake Excel included). */
export interface ExcelFigures extends ExcelAdapterFigures {
  readonly peakRssBytes: number;
}

/** Everything one `npm run bench` measured, as written to bench/results.json. */
export interface BenchResults {
  readonly date: string;
  readonly machine: {
    readonly cpuModel: string;
    readonly cpus: number;
    readonly totalMemoryBytes: number;
    readonly os: string;
    readonly node: string;
    readonly loadAverageAtStart: readonly number[];
    readonly loadAverageAtEnd: readonly number[];
  };
  readonly commit: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly tools: Readonly<Record<string, string>>;
  readonly sizes: readonly number[];
  readonly core: Readonly<Record<string, CoreFigures | Failed>>;
  readonly cli: Readonly<Record<string, CommandFigures | Failed | NotRun>>;
  readonly pandas: Readonly<Record<string, CommandFigures | Failed | NotRun>>;
  /** CLI median ÷ pandas median at each size where both ran. */
  readonly cliOverPandas: Readonly<Record<string, number>>;
  readonly excel: Readonly<Record<string, ExcelFigures | Failed>>;
  readonly functions: (FunctionFigures & { readonly peakRssBytes: number }) | Failed;
  readonly bundles: BundleFigures | Failed;
  readonly targets: readonly TargetCheck[];
}

/** One figure checked against its target at one size (or none, for single figures). */
export interface TargetCheck {
  readonly figure: string;
  readonly size: string | null;
  readonly value: string;
  readonly target: string;
  readonly status: "meets" | "MISSED" | "failed" | "not run";
}

/** The issue's targets, as numbers. */
export const TARGETS = {
  core100kMs: 1_500,
  core100kRssBytes: 400e6,
  core1MMs: 20_000,
  core1MRssBytes: 4e9,
  coreGrowth: 12,
  cliOverPandas100k: 0.5,
  onCostPerSecond: 1_000_000,
  batchMs: 50,
  initialGzipBytes: 200e3,
} as const;

/**
 * A size as the tables write it.
 *
 * @example
 * sizeLabel(100_000) //=> "100k"
 */
export function sizeLabel(size: number): string {
  if (size >= 1_000_000 && size % 1_000_000 === 0) return `${String(size / 1_000_000)}M`;
  if (size >= 1_000 && size % 1_000 === 0) return `${String(size / 1_000)}k`;
  return String(size);
}

/** A duration: "850 ms", "4.21 s", "2 min 5 s". */
export function formatMs(ms: number): string {
  if (ms < 1) return `${ms.toFixed(3)} ms`;
  if (ms < 1_000) return `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(2)} s`;
  return `${String(Math.floor(ms / 60_000))} min ${String(Math.round((ms % 60_000) / 1000))} s`;
}

/** Bytes in decimal units, as the targets are written: "3.15 MB", "412 MB", "4.20 GB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1e3) return `${String(bytes)} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} KB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(bytes < 10e6 ? 2 : 0)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

function formatRate(perSecond: number): string {
  return `${Math.round(perSecond).toLocaleString("en-GB")}/s`;
}

/**
 * True when a result holds figures rather than a failure or a reason it did not run.
 *
 * @example
 * measured({ failed: "timed out" }) //=> false
 */
export function measured<T extends object>(result: T | Failed | NotRun | undefined): result is T {
  return result !== undefined && !("failed" in result) && !("notRun" in result);
}

function whyNot(result: Failed | NotRun | object | undefined): string {
  if (result === undefined) return "not run";
  if ("failed" in result) return `failed: ${result.failed}`;
  if ("notRun" in result) return `not run: ${result.notRun}`;
  return "";
}

function statusOf(result: object | undefined): TargetCheck["status"] {
  return result !== undefined && "failed" in result ? "failed" : "not run";
}

/**
 * Every figure with a target, checked.
 *
 * @example
 * checkTargets(results).filter((check) => check.status === "MISSED")
 */
export function checkTargets(results: Omit<BenchResults, "targets">): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const check = (figure: string, size: string | null, value: string, target: string, ok: boolean): void => {
    checks.push({ figure, size, value, target, status: ok ? "meets" : "MISSED" });
  };
  const missing = (figure: string, size: string | null, target: string, result: object | undefined): void => {
    checks.push({ figure, size, value: whyNot(result), target, status: statusOf(result) });
  };

  const coreTargets: [number, number, number][] = [
    [100_000, TARGETS.core100kMs, TARGETS.core100kRssBytes],
    [1_000_000, TARGETS.core1MMs, TARGETS.core1MRssBytes],
  ];
  for (const [size, ms, rss] of coreTargets) {
    if (!results.sizes.includes(size)) continue;
    const label = sizeLabel(size);
    const core = results.core[label];
    if (measured(core)) {
      check("Core time", label, formatMs(core.medianMs), `≤ ${formatMs(ms)}`, core.medianMs <= ms);
      const peak = core.peakRssBytes ?? Infinity;
      check("Core peak RSS", label, formatBytes(peak), `≤ ${formatBytes(rss)}`, peak <= rss);
    } else {
      missing("Core time", label, `≤ ${formatMs(ms)}`, core);
    }
  }
  const growth: [number, number][] = [
    [10_000, 100_000],
    [100_000, 1_000_000],
  ];
  for (const [small, large] of growth) {
    if (!results.sizes.includes(small) || !results.sizes.includes(large)) continue;
    const a = results.core[sizeLabel(small)];
    const b = results.core[sizeLabel(large)];
    const label = `${sizeLabel(large)}/${sizeLabel(small)}`;
    if (measured(a) && measured(b)) {
      const ratio = b.medianMs / a.medianMs;
      check(
        "Core growth",
        label,
        `${ratio.toFixed(1)}×`,
        `≤ ${String(TARGETS.coreGrowth)}×`,
        ratio <= TARGETS.coreGrowth,
      );
    } else {
      missing("Core growth", label, `≤ ${String(TARGETS.coreGrowth)}×`, measured(a) ? b : a);
    }
  }
  if (results.sizes.includes(100_000)) {
    const ratio = results.cliOverPandas["100k"];
    const target = `≤ ${String(TARGETS.cliOverPandas100k)} (2× faster)`;
    if (ratio !== undefined)
      check("CLI ÷ pandas", "100k", ratio.toFixed(2), target, ratio <= TARGETS.cliOverPandas100k);
    else
      missing(
        "CLI ÷ pandas",
        "100k",
        target,
        measured(results.cli["100k"]) ? results.pandas["100k"] : results.cli["100k"],
      );
  }
  for (const size of results.sizes) {
    const label = sizeLabel(size);
    const excel = results.excel[label];
    if (!measured(excel)) {
      missing("Excel adapter", label, `≤ ${formatBytes(PAYLOAD_LIMIT_BYTES)} a sync`, excel);
      continue;
    }
    for (const [name, figures] of [
      ["readSheets", excel.readSheets],
      ["writeOutputs", excel.writeOutputs],
    ] as [string, SyncFigures][]) {
      const largest = Math.max(figures.maxRequestBytes, figures.maxResponseBytes);
      check(
        `Excel ${name} largest request/response`,
        label,
        formatBytes(largest),
        `≤ ${formatBytes(PAYLOAD_LIMIT_BYTES)}`,
        largest <= PAYLOAD_LIMIT_BYTES,
      );
      const budget = syncBudget(figures);
      check(`Excel ${name} syncs`, label, String(figures.syncs), `≤ ${String(budget)}`, figures.syncs <= budget);
    }
  }
  const fn = results.functions;
  if (measured(fn)) {
    const rate = fn.callsPerSecond.ONCOST;
    check(
      "ONCOST calls",
      null,
      formatRate(rate),
      `≥ ${formatRate(TARGETS.onCostPerSecond)}`,
      rate >= TARGETS.onCostPerSecond,
    );
    check(
      "10,000 ONCOST cells",
      null,
      formatMs(fn.batch.medianMs),
      `≤ ${formatMs(TARGETS.batchMs)}`,
      fn.batch.medianMs <= TARGETS.batchMs,
    );
  } else {
    missing("ONCOST calls", null, `≥ ${formatRate(TARGETS.onCostPerSecond)}`, fn);
  }
  const bundles = results.bundles;
  if (measured(bundles)) {
    check(
      "Task pane + functions initial script, gzipped",
      null,
      formatBytes(bundles.initialGzipBytes),
      `≤ ${formatBytes(TARGETS.initialGzipBytes)}`,
      bundles.initialGzipBytes <= TARGETS.initialGzipBytes,
    );
    const inInitial = bundles.files["taskpane.js"].hasExcelJs || bundles.files["functions.js"].hasExcelJs;
    check("ExcelJS in the initial script", null, inInitial ? "yes" : "no", "no", !inInitial);
  } else {
    missing(
      "Task pane + functions initial script, gzipped",
      null,
      `≤ ${formatBytes(TARGETS.initialGzipBytes)}`,
      bundles,
    );
  }
  return checks;
}

/** A markdown table, padded so it reads in a terminal and passes prettier unchanged. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, c) => Math.max(3, cell.length, ...rows.map((row) => (row[c] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    `| ${widths.map((width, c) => (cells[c] ?? "").padEnd(width)).join(" | ")} |`;
  return [line(header), `| ${widths.map((width) => "-".repeat(width)).join(" | ")} |`, ...rows.map(line)].join("\n");
}

function verdict(checks: readonly TargetCheck[], figure: string | readonly string[]): string {
  const figures: readonly string[] = typeof figure === "string" ? [figure] : figure;
  const mine = checks.filter((c) => figures.includes(c.figure));
  if (mine.length === 0) return "";
  const bad = mine.filter((c) => c.status !== "meets");
  if (bad.length === 0) return "meets";
  // "MISSED at 100k, 1M"
  const statuses = [...new Set(bad.map((c) => c.status))];
  return statuses
    .map((status) => {
      const at = [...new Set(bad.filter((c) => c.status === status && c.size !== null).map((c) => c.size))];
      return at.length === 0 ? status : `${status} at ${at.join(", ")}`;
    })
    .join("; ");
}

function targetOf(checks: readonly TargetCheck[], figure: string): string {
  const mine = checks.filter((c) => c.figure === figure);
  const targets = [...new Set(mine.map((c) => c.target))];
  if (targets.length === 1 && mine.every((c) => c.size !== null) && mine.length > 1) return targets[0] ?? "";
  return mine.map((c) => `${c.target}${c.size === null ? "" : ` at ${c.size}`}`).join("; ");
}

/**
 * The figures by size (one column per size) and the single figures, each with its target and
 * whether it is met, as two markdown tables.
 */
export function renderTables(results: BenchResults): string {
  const labels = results.sizes.map(sizeLabel);
  const checks = results.targets;
  // A failure is told in full once, in the row of its time; other rows of that case say "failed".
  const cell = <T extends object>(
    source: Readonly<Record<string, T | Failed | NotRun>>,
    label: string,
    show: (figures: T) => string,
    whyFailed = false,
  ): string => {
    const result = source[label];
    if (measured(result)) return show(result);
    if (result !== undefined && "failed" in result) return whyFailed ? `failed: ${result.failed}` : "failed";
    if (result !== undefined && "notRun" in result) return "not run";
    return "—";
  };
  const peak = (figures: { readonly peakRssBytes: number | null }): string =>
    figures.peakRssBytes === null ? "?" : formatBytes(figures.peakRssBytes);
  const timed = (figures: Timed): string => `${formatMs(figures.medianMs)} (${String(figures.runs)})`;
  const syncs = (pick: (excel: ExcelFigures) => SyncFigures) => (excel: ExcelFigures) => {
    const figures = pick(excel);
    const largest = Math.max(figures.maxRequestBytes, figures.maxResponseBytes);
    return `${String(figures.syncs)} (${String(syncBudget(figures))}) / ${formatBytes(largest)}`;
  };
  const rows: [string, (label: string) => string, string, string][] = [
    [
      "Core: validate + cost + reduce, median (runs)",
      (l) => cell(results.core, l, timed, true),
      targetOf(checks, "Core time"),
      verdict(checks, "Core time"),
    ],
    [
      "Core: peak RSS",
      (l) => cell(results.core, l, peak),
      targetOf(checks, "Core peak RSS"),
      verdict(checks, "Core peak RSS"),
    ],
    ["CLI `estab reduce` on the .xlsx, median (runs)", (l) => cell(results.cli, l, timed, true), "", ""],
    ["CLI: peak RSS", (l) => cell(results.cli, l, peak), "", ""],
    ["pandas + openpyxl script, median (runs)", (l) => cell(results.pandas, l, timed, true), "", ""],
    ["pandas: peak RSS", (l) => cell(results.pandas, l, peak), "", ""],
    [
      "CLI ÷ pandas",
      (l) => (results.cliOverPandas[l] === undefined ? "—" : (results.cliOverPandas[l] ?? 0).toFixed(2)),
      targetOf(checks, "CLI ÷ pandas"),
      verdict(checks, "CLI ÷ pandas"),
    ],
    [
      "Excel readSheets: syncs (budget) / largest request or response",
      (l) =>
        cell(
          results.excel,
          l,
          syncs((e) => e.readSheets),
          true,
        ),
      "≤ budget; ≤ 5.00 MB",
      verdict(checks, ["Excel readSheets syncs", "Excel readSheets largest request/response"]),
    ],
    [
      "Excel writeOutputs: syncs (budget) / largest request or response",
      (l) =>
        cell(
          results.excel,
          l,
          syncs((e) => e.writeOutputs),
        ),
      "≤ budget; ≤ 5.00 MB",
      verdict(checks, ["Excel writeOutputs syncs", "Excel writeOutputs largest request/response"]),
    ],
  ];
  const bySize = markdownTable(
    ["Figure", ...labels, "Target", "Result"],
    rows.map(([name, value, target, result]) => [name, ...labels.map(value), target, result]),
  );
  const growth = checks.filter((c) => c.figure === "Core growth");
  const single: string[][] = growth.map((c) => [`Core growth ${c.size ?? ""}`, c.value, c.target, c.status]);
  const fn = results.functions;
  if (measured(fn)) {
    for (const name of ["ONCOST", "POSTCOST", "SCPSALARY"] as const) {
      const c = name === "ONCOST" ? checks.find((x) => x.figure === "ONCOST calls") : undefined;
      single.push([
        `\`${fn.calls[name]}\` calls`,
        formatRate(fn.callsPerSecond[name]),
        c?.target ?? "",
        c?.status ?? "",
      ]);
    }
    const c = checks.find((x) => x.figure === "10,000 ONCOST cells");
    single.push(["10,000 ONCOST cells, median", formatMs(fn.batch.medianMs), c?.target ?? "", c?.status ?? ""]);
  } else {
    single.push(["Custom functions", whyNot(fn), "", "failed"]);
  }
  const bundles = results.bundles;
  if (measured(bundles)) {
    for (const name of ["taskpane.js", "functions.js", "standalone.js"] as const) {
      const file = bundles.files[name];
      single.push([`${name} gzipped (raw)`, `${formatBytes(file.gzipBytes)} (${formatBytes(file.bytes)})`, "", ""]);
    }
    for (const figure of ["Task pane + functions initial script, gzipped", "ExcelJS in the initial script"]) {
      const c = checks.find((x) => x.figure === figure);
      if (c !== undefined) single.push([figure, c.value, c.target, c.status]);
    }
  } else {
    single.push(["Bundles", whyNot(bundles), "", "failed"]);
  }
  return `${bySize}\n\n${markdownTable(["Figure", "Value", "Target", "Result"], single)}`;
}

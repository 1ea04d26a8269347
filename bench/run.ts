// npm run bench (issue 6): the benchmark. Builds if the build is stale, then measures at each size
// (1k, 10k, 100k and 1,000,000 posts a side by default) the core, the CLI end to end on an .xlsx,
// the pandas + openpyxl script on the same file, and the Excel adapter against the fake Excel; and
// once, the custom functions' throughput and the bundle sizes. Every case runs in a child process
// of its own, so each peak memory is that case's alone. Prints the figures against the issue's
// targets and writes bench/results.json.
//
// The cases run from one bundle (dist/bench/child.cjs, built with esbuild), not through tsx: the
// add-in and the CLI ship as bundles whose modules are joined into one scope, and tsx's
// module-by-module CommonJS puts a getter on every call across modules, which halves ONCOST.
//
//   npm run bench                          all four sizes; writes bench/results.json
//   npm run bench -- --quick               a smoke run at 1k (results in bench/out/results.json)
//   npm run bench -- --sizes 1000,10000    chosen sizes (results in bench/out/results.json)
//   npm run bench -- --report bench/results.json   print the tables of a past run, measuring nothing
//   options: --build (always build first), --no-build, --no-cli, --no-pandas, --results FILE,
//            --timeout SECONDS (for any one process; default 15 min, 20 min at 1M)
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join, relative } from "node:path";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { format, resolveConfig } from "prettier";
import { bundleSizes, type FunctionFigures, median, RESULT_MARKER } from "./cases";
import {
  type BenchResults,
  checkTargets,
  type CommandFigures,
  type CoreFigures,
  type ExcelFigures,
  type Failed,
  formatBytes,
  formatMs,
  measured,
  type NotRun,
  renderTables,
  sizeLabel,
} from "./report";

const ROOT = join(__dirname, "..");
const OUT = join(ROOT, "bench", "out");
const DEFAULT_SIZES = [1_000, 10_000, 100_000, 1_000_000];
const CLI_HEAP_MB = 6144;

const { values: options } = parseArgs({
  options: {
    sizes: { type: "string" },
    quick: { type: "boolean" },
    build: { type: "boolean" },
    "no-build": { type: "boolean" },
    "no-cli": { type: "boolean" },
    "no-pandas": { type: "boolean" },
    timeout: { type: "string" },
    results: { type: "string" },
    report: { type: "string" },
  },
  strict: true,
});

const sizes =
  options.quick === true
    ? [1_000]
    : options.sizes === undefined
      ? DEFAULT_SIZES
      : options.sizes.split(",").map((text) => {
          const size = Number(text.replace(/_/g, "").replace(/k$/i, "000").replace(/m$/i, "000000"));
          if (!Number.isInteger(size) || size < 1) throw new Error(`--sizes: ${text} is not a number of posts`);
          return size;
        });
const fullRun = options.quick !== true && sizes.join() === DEFAULT_SIZES.join();
const resultsFile = options.results ?? join(ROOT, fullRun ? "bench/results.json" : "bench/out/results.json");

/** Runs at each size: several where runs are quick, fewer where one takes minutes. */
function runsAt(size: number, kind: "core" | "command"): number {
  if (size <= 10_000) return 5;
  if (size <= 100_000) return 3;
  return kind === "core" ? 2 : 1;
}

/** How long any one process may take at this size. */
function timeoutMs(size: number): number {
  if (options.timeout !== undefined) return Number(options.timeout) * 1000;
  return size >= 1_000_000 ? 20 * 60_000 : 15 * 60_000;
}

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

// ---------------------------------------------------------------------------------------------
// Processes

interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly wallMs: number;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

function runProcess(
  command: string,
  args: readonly string[],
  settings: { readonly timeoutMs: number; readonly env?: NodeJS.ProcessEnv; readonly keepStdout: boolean },
): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...settings.env },
      stdio: ["ignore", settings.keepStdout ? "pipe" : "ignore", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    // Keep the end of stderr only: a failing process's last lines say why.
    child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-20_000)));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, settings.timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, wallMs: performance.now() - start, timedOut, stdout, stderr });
    });
  });
}

function failureOf(finished: Finished, heapMb: number | null): string {
  const seconds = `${(finished.wallMs / 1000).toFixed(0)} s`;
  if (finished.timedOut) return `timed out after ${seconds}`;
  if (/heap out of memory|Reached heap limit|Invalid array length|Invalid string length/i.test(finished.stderr)) {
    const cap = heapMb === null ? "" : ` (--max-old-space-size=${String(heapMb)})`;
    const kind = /Invalid (array|string) length/i.exec(finished.stderr)?.[0] ?? "JavaScript heap out of memory";
    return `${kind}${cap} after ${seconds}`;
  }
  if (finished.signal !== null) return `killed by ${finished.signal} after ${seconds}`;
  const lines = finished.stderr
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
  const reason = lines.find((line) => /error|estab:/i.test(line)) ?? lines[lines.length - 1] ?? "no message";
  return `exit ${String(finished.code)} after ${seconds}: ${reason.slice(0, 200)}`;
}

const CHILD_BUNDLE = join(ROOT, "dist", "bench", "child.cjs");

/** Bundles bench/child.ts and everything it imports, as webpack bundles the add-in and the CLI. */
async function bundleChild(): Promise<void> {
  await build({
    entryPoints: [join(ROOT, "bench/child.ts")],
    outfile: CHILD_BUNDLE,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    // ExcelJS stays in node_modules, as in dist/cli/estab.js.
    packages: "external",
    logLevel: "warning",
  });
}

/** Runs one case of bench/child.ts (bundled) in a fresh Node and returns its figures. */
async function childCase<T>(
  kind: string,
  args: readonly string[],
  heapMb: number,
  timeout: number,
): Promise<(T & { readonly peakRssBytes: number }) | Failed> {
  const finished = await runProcess(
    process.execPath,
    ["--expose-gc", `--max-old-space-size=${String(heapMb)}`, CHILD_BUNDLE, kind, ...args],
    { timeoutMs: timeout, keepStdout: true },
  );
  const line = finished.stdout.split("\n").find((l) => l.startsWith(RESULT_MARKER));
  if (finished.code !== 0 || line === undefined) {
    const failed = failureOf(finished, heapMb);
    log(`  ${kind} ${args.join(" ")}: failed: ${failed}`);
    return { failed };
  }
  return JSON.parse(line.slice(RESULT_MARKER.length)) as T & { readonly peakRssBytes: number };
}

/** Times a command `runs` times (stopping at the first failure), with its peak RSS from BENCH_RSS_FILE. */
async function timeCommand(
  label: string,
  command: string,
  args: readonly string[],
  runs: number,
  timeout: number,
  heapMb: number | null,
): Promise<CommandFigures | Failed> {
  const timesMs: number[] = [];
  const exitCodes: number[] = [];
  let peak: number | null = null;
  const rssFile = join(OUT, `.rss-${String(process.pid)}`);
  const program = command === process.execPath ? "node" : command;
  const shown = [program, ...args.map((a) => (/[\s'"]/.test(a) ? JSON.stringify(a) : a))].join(" ");
  for (let run = 0; run < runs; run += 1) {
    rmSync(rssFile, { force: true });
    const finished = await runProcess(command, args, {
      timeoutMs: timeout,
      env: { BENCH_RSS_FILE: rssFile },
      keepStdout: false,
    });
    // estab reduce exits 1 when the input has errors (the synthetic workbooks have a few).
    if (finished.timedOut || (finished.code !== 0 && finished.code !== 1)) {
      const failed = failureOf(finished, heapMb);
      log(`  ${label}: failed: ${failed}`);
      return { failed };
    }
    timesMs.push(finished.wallMs);
    exitCodes.push(finished.code ?? -1);
    if (existsSync(rssFile)) peak = Math.max(peak ?? 0, Number(readFileSync(rssFile, "utf8")));
    log(`  ${label} run ${String(run + 1)}/${String(runs)}: ${formatMs(finished.wallMs)}`);
  }
  rmSync(rssFile, { force: true });
  return { command: shown, runs, timesMs, medianMs: median(timesMs), peakRssBytes: peak, exitCodes };
}

// ---------------------------------------------------------------------------------------------
// The build, the workbooks and pandas

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

const BUILT = ["dist/cli/estab.js", "dist/addin/taskpane.js", "dist/addin/functions.js", "dist/addin/standalone.js"];

const BUILD_STAMP = join(ROOT, "dist", "bench", "built");

function ensureBuild(): void {
  const missing = BUILT.filter((file) => !existsSync(join(ROOT, file)));
  if (options["no-build"] === true) {
    if (missing.length > 0) throw new Error(`--no-build, but ${missing.join(", ")} missing: run npm run build`);
    return;
  }
  const sources = ["src", "package.json", "package-lock.json", "webpack.config.js", "tsconfig.json", "manifest.xml"];
  // webpack leaves a file it would write unchanged untouched, so the time of the last build the
  // benchmark ran is kept in a stamp of its own.
  const built = (): number =>
    existsSync(BUILD_STAMP)
      ? statSync(BUILD_STAMP).mtimeMs
      : Math.min(...BUILT.map((file) => statSync(join(ROOT, file)).mtimeMs));
  const stale = missing.length > 0 || Math.max(...sources.map((s) => newestMtime(join(ROOT, s)))) > built();
  if (options.build !== true && !stale) return;
  log("building (npm run build)");
  const started = new Date();
  const result = spawnSync("npm", ["run", "build", "--", "--stats", "errors-warnings"], {
    cwd: ROOT,
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error("npm run build failed");
  mkdirSync(dirname(BUILD_STAMP), { recursive: true });
  writeFileSync(BUILD_STAMP, "");
  utimesSync(BUILD_STAMP, started, started);
}

function sourceHash(): string {
  const hash = createHash("sha256");
  for (const file of [
    "bench/generateEstablishment.ts",
    "bench/writeEstablishmentXlsx.ts",
    "node_modules/exceljs/package.json",
  ]) {
    hash.update(readFileSync(join(ROOT, file)));
  }
  return hash.digest("hex").slice(0, 16);
}

/** bench/out/SIZE.xlsx, written once with ExcelJS and kept while the generator is unchanged. */
async function workbookFile(size: number): Promise<string | Failed> {
  const file = join(OUT, `${String(size)}.xlsx`);
  const keyFile = `${file}.key`;
  const key = sourceHash();
  if (existsSync(file) && existsSync(keyFile) && readFileSync(keyFile, "utf8") === key) return file;
  log(`  writing ${relative(ROOT, file)}`);
  const written = await childCase<{ ms: number }>("write-xlsx", [String(size), "1", file], 8192, timeoutMs(size));
  if (!measured(written)) return written;
  writeFileSync(keyFile, key);
  log(`  wrote ${relative(ROOT, file)} (${formatBytes(statSync(file).size)}) in ${formatMs(written.ms)}`);
  return file;
}

function pythonWithPandas(): string | null {
  for (const python of ["/usr/bin/python3", "python3"]) {
    const probe = spawnSync(python, ["-c", "import pandas, openpyxl"], { stdio: "ignore" });
    if (probe.status === 0) return python;
  }
  return null;
}

const INSTALL = "apt-get install -y --no-install-recommends python3-pandas python3-openpyxl";

/** Debian's python3-pandas and python3-openpyxl, installed when missing and running as root. */
function ensurePandas(): { python: string } | NotRun {
  if (options["no-pandas"] === true) return { notRun: "--no-pandas" };
  const found = pythonWithPandas();
  if (found !== null) return { python: found };
  const root = process.getuid?.() === 0;
  const apt = spawnSync("apt-get", ["--version"], { stdio: "ignore" }).status === 0;
  if (root && apt) {
    log(`pandas or openpyxl is missing: apt-get update && ${INSTALL}`);
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    const update = spawnSync("apt-get", ["update"], { stdio: "inherit", env });
    const install = spawnSync("apt-get", INSTALL.split(" ").slice(1), { stdio: "inherit", env });
    const python = pythonWithPandas();
    if (update.status === 0 && install.status === 0 && python !== null) return { python };
    return { notRun: "installing python3-pandas and python3-openpyxl failed" };
  }
  const how = `sudo apt-get update && sudo ${INSTALL}`;
  log(`pandas not run: python3-pandas or python3-openpyxl is missing. Install them with: ${how}`);
  return { notRun: `python3-pandas/python3-openpyxl not installed (${how})` };
}

// Runs the analyst's script unchanged and writes its peak RSS where the runner looks for it.
const PYTHON_WRAPPER = [
  "import atexit, os, resource, runpy, sys",
  "f = os.environ.get('BENCH_RSS_FILE')",
  "atexit.register(lambda: f and open(f, 'w').write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)))",
  "sys.argv = sys.argv[1:]",
  "runpy.run_path(sys.argv[0], run_name='__main__')",
].join("\n");

function toolVersions(python: string | null): Record<string, string> {
  const read = (path: string): string =>
    (JSON.parse(readFileSync(join(ROOT, path), "utf8")) as { version: string }).version;
  const tools: Record<string, string> = {
    exceljs: read("node_modules/exceljs/package.json"),
    esbuild: read("node_modules/esbuild/package.json"),
  };
  if (python !== null) {
    const probe = spawnSync(
      python,
      ["-c", "import sys, pandas, openpyxl; print(sys.version.split()[0], pandas.__version__, openpyxl.__version__)"],
      {
        encoding: "utf8",
      },
    );
    const [py = "?", pandas = "?", openpyxl = "?"] = probe.stdout.trim().split(" ");
    Object.assign(tools, { python, pythonVersion: py, pandas, openpyxl });
  }
  return tools;
}

function gitCommit(): string {
  const head = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" });
  if (head.status !== 0) return "unknown";
  const dirty = spawnSync("git", ["status", "--porcelain", "--", "src"], { cwd: ROOT, encoding: "utf8" });
  return `${head.stdout.trim()}${dirty.stdout.trim() === "" ? "" : " + uncommitted changes in src/"}`;
}

// ---------------------------------------------------------------------------------------------

interface CoreChild {
  readonly generateMs: number;
  readonly rssWithGridsBytes: number;
  readonly runs: readonly {
    totalMs: number;
    validateMs: number;
    reduceMs: number;
    currentLines: number;
    proposedLines: number;
    tableRows: number;
    problems: number;
    errors: number;
    notCosted: number;
  }[];
}

function coreFigures(child: CoreChild & { readonly peakRssBytes: number }): CoreFigures {
  const first = child.runs[0];
  const timesMs = child.runs.map((run) => run.totalMs);
  return {
    runs: child.runs.length,
    timesMs,
    medianMs: median(timesMs),
    validateMedianMs: median(child.runs.map((run) => run.validateMs)),
    reduceMedianMs: median(child.runs.map((run) => run.reduceMs)),
    peakRssBytes: child.peakRssBytes,
    rssWithGridsBytes: child.rssWithGridsBytes,
    currentLines: first?.currentLines ?? 0,
    proposedLines: first?.proposedLines ?? 0,
    tableRows: first?.tableRows ?? 0,
    problems: first?.problems ?? 0,
    errors: first?.errors ?? 0,
    notCosted: first?.notCosted ?? 0,
  };
}

function printResults(results: BenchResults, file: string): void {
  const { machine } = results;
  const cpu = `${String(machine.cpus)} × ${machine.cpuModel}, ${formatBytes(machine.totalMemoryBytes)}`;
  process.stdout.write(
    `\nMeasured ${results.date.slice(0, 10)} on ${cpu}, ${machine.os}, Node ${machine.node} (commit ${results.commit})\n\n`,
  );
  process.stdout.write(`${renderTables(results)}\n\n`);
  const missed = results.targets.filter((check) => check.status !== "meets");
  process.stdout.write(
    missed.length === 0
      ? "Every target is met.\n"
      : `Targets not met: ${missed.map((c) => `${c.figure}${c.size === null ? "" : ` at ${c.size}`} (${c.value}; ${c.target})`).join("; ")}\n`,
  );
  process.stdout.write(`Results: ${relative(ROOT, file)}\n`);
}

async function main(): Promise<void> {
  if (options.report !== undefined) {
    const saved = JSON.parse(readFileSync(options.report, "utf8")) as BenchResults;
    printResults({ ...saved, targets: checkTargets(saved) }, options.report);
    return;
  }
  mkdirSync(OUT, { recursive: true });
  const loadAverageAtStart = os.loadavg();
  // The code measured is the code at the start: the build and the bundle are made from it.
  const commit = gitCommit();
  const cpus = os.cpus();
  log(
    `${String(cpus.length)} × ${cpus[0]?.model ?? "unknown CPU"}, ${formatBytes(os.totalmem())}, Node ${process.version}; sizes ${sizes.map(sizeLabel).join(", ")}`,
  );
  if ((loadAverageAtStart[0] ?? 0) > 0.5 * cpus.length) {
    log(
      `warning: load average ${loadAverageAtStart.map((l) => l.toFixed(2)).join(" ")}: another process is busy, figures will be slow`,
    );
  }
  ensureBuild();
  await bundleChild();
  const pandas = ensurePandas();

  log("bundle sizes");
  let bundles: BenchResults["bundles"];
  try {
    bundles = bundleSizes(join(ROOT, "dist/addin"));
  } catch (error: unknown) {
    bundles = { failed: error instanceof Error ? error.message : String(error) };
  }
  log("custom functions");
  const functions = await childCase<FunctionFigures>("functions", [], 2048, 10 * 60_000);

  const core: Record<string, CoreFigures | Failed> = {};
  const excel: Record<string, ExcelFigures | Failed> = {};
  const cli: Record<string, CommandFigures | Failed | NotRun> = {};
  const pandasFigures: Record<string, CommandFigures | Failed | NotRun> = {};
  const cliOverPandas: Record<string, number> = {};
  for (const size of sizes) {
    const label = sizeLabel(size);
    log(`${label} posts a side`);
    const coreChild = await childCase<CoreChild>(
      "core",
      [String(size), String(runsAt(size, "core"))],
      8192,
      timeoutMs(size),
    );
    core[label] = measured(coreChild) ? coreFigures(coreChild) : coreChild;
    const coreResult = core[label];
    if (measured(coreResult))
      log(`  core: ${formatMs(coreResult.medianMs)}, peak ${formatBytes(coreResult.peakRssBytes ?? 0)}`);

    excel[label] = await childCase<ExcelFigures>("excel", [String(size)], 16384, timeoutMs(size));
    const excelResult = excel[label];
    if (measured(excelResult)) {
      log(
        `  excel: read ${String(excelResult.readSheets.syncs)} syncs, write ${String(excelResult.writeOutputs.syncs)} syncs`,
      );
    }

    const wantCli = options["no-cli"] !== true;
    const python = "python" in pandas ? pandas.python : null;
    const file = wantCli || python !== null ? await workbookFile(size) : null;
    if (file !== null && typeof file !== "string") {
      cli[label] = file;
      pandasFigures[label] = file;
      continue;
    }
    cli[label] =
      wantCli && file !== null
        ? await timeCommand(
            "CLI",
            process.execPath,
            [
              `--max-old-space-size=${String(CLI_HEAP_MB)}`,
              "-r",
              "./bench/maxrss.cjs",
              "dist/cli/estab.js",
              "reduce",
              relative(ROOT, file),
              "--pension",
              "19.5%",
              "--out",
              `bench/out/${String(size)}-reduction.xlsx`,
              "--json",
            ],
            runsAt(size, "command"),
            timeoutMs(size),
            CLI_HEAP_MB,
          )
        : { notRun: "--no-cli" };
    pandasFigures[label] =
      python !== null && file !== null
        ? await timeCommand(
            "pandas",
            python,
            [
              "-c",
              PYTHON_WRAPPER,
              "bench/pandas_reduce.py",
              relative(ROOT, file),
              `bench/out/${String(size)}-pandas.xlsx`,
            ],
            runsAt(size, "command"),
            timeoutMs(size),
            null,
          )
        : "notRun" in pandas
          ? pandas
          : { notRun: "no workbook" };
    const ours = cli[label];
    const theirs = pandasFigures[label];
    if (measured(ours) && measured(theirs)) cliOverPandas[label] = ours.medianMs / theirs.medianMs;
  }

  const partial: Omit<BenchResults, "targets"> = {
    date: new Date().toISOString(),
    machine: {
      cpuModel: cpus[0]?.model ?? "unknown",
      cpus: cpus.length,
      totalMemoryBytes: os.totalmem(),
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      node: process.version,
      loadAverageAtStart,
      loadAverageAtEnd: os.loadavg(),
    },
    commit,
    options: {
      sizes,
      settings: "defaults (pay year 2025/26, tax year 2026/27, NI category A, annual, levy) with pension 19.5%",
      cliCommand: `node --max-old-space-size=${String(CLI_HEAP_MB)} dist/cli/estab.js reduce bench/out/SIZE.xlsx --pension 19.5% --out bench/out/SIZE-reduction.xlsx --json >/dev/null`,
      pandasCommand: "python3 bench/pandas_reduce.py bench/out/SIZE.xlsx bench/out/SIZE-pandas.xlsx",
      memory: "peak RSS of the process that ran the case (process.resourceUsage().maxRSS; ru_maxrss for Python)",
      units: "bytes; MB and GB in the tables are decimal (10^6, 10^9)",
    },
    tools: toolVersions("python" in pandas ? pandas.python : null),
    sizes,
    core,
    cli,
    pandas: pandasFigures,
    cliOverPandas,
    excel,
    functions,
    bundles,
  };
  const results: BenchResults = { ...partial, targets: checkTargets(partial) };

  const json = JSON.stringify(results, null, 2);
  const config = (await resolveConfig(resultsFile)) ?? {};
  writeFileSync(resultsFile, await format(json, { ...config, filepath: resultsFile }));
  printResults(results, resultsFile);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 2;
});

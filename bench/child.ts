// One benchmark case in a process of its own, so its peak memory is its own. bench/run.ts bundles
// this file and starts it as `node --expose-gc dist/bench/child.cjs CASE [SIZE] [RUNS] [FILE]`
// (`node --expose-gc --import tsx bench/child.ts …` runs it unbundled). Prints one line,
// "BENCH_RESULT <json>", with the case's figures and the process's peak resident set size.
import { mkdirSync, renameSync } from "node:fs";
import { dirname } from "node:path";
import { gridsOf, RESULT_MARKER, runCoreCase, runCustomFunctionCase, runExcelAdapterCase } from "./cases";
import { generateEstablishment } from "./generateEstablishment";

const MB = 1024 * 1024;

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) gc();
}

function peakRssBytes(): number {
  // maxRSS is in kilobytes.
  return process.resourceUsage().maxRSS * 1024;
}

function report(figures: Record<string, unknown>): void {
  process.stdout.write(`${RESULT_MARKER}${JSON.stringify({ ...figures, peakRssBytes: peakRssBytes() })}\n`);
}

async function main(args: readonly string[]): Promise<void> {
  const [kind, sizeText = "1000", runsText = "1", file = ""] = args;
  const size = Number(sizeText);
  const runs = Number(runsText);
  switch (kind) {
    case "core": {
      const start = performance.now();
      const grids = gridsOf(generateEstablishment(size));
      const generateMs = performance.now() - start;
      collectGarbage();
      // What the grids themselves hold: the peak below includes them, as it would in the pane.
      const rssWithGridsBytes = process.memoryUsage().rss;
      const results = [];
      for (let run = 0; run < runs; run += 1) {
        results.push(runCoreCase(grids));
        collectGarbage();
      }
      report({ generateMs, rssWithGridsBytes, runs: results });
      return;
    }
    case "excel": {
      const figures = await runExcelAdapterCase(generateEstablishment(size));
      report({ ...figures });
      return;
    }
    case "functions": {
      report({ ...runCustomFunctionCase({ rounds: 5, roundMs: 300, batchRuns: 15 }) });
      return;
    }
    case "write-xlsx": {
      const start = performance.now();
      mkdirSync(dirname(file), { recursive: true });
      const temporary = `${file}.${String(process.pid)}.tmp`;
      // Loaded here only: ExcelJS would add its load time and memory to every other case.
      const { writeEstablishmentXlsx } = await import("./writeEstablishmentXlsx");
      await writeEstablishmentXlsx(generateEstablishment(size), temporary);
      renameSync(temporary, file);
      report({ ms: performance.now() - start });
      return;
    }
    default:
      throw new Error(`unknown case ${kind ?? ""}: core, excel, functions or write-xlsx`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.stderr.write(`peak RSS ${(peakRssBytes() / MB).toFixed(0)} MB\n`);
  process.exitCode = 1;
});

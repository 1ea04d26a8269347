// `npm run fuzz`: the pipeline fuzzer's long run (issue 7). The property of the CI batch
// (test/property/pipelineFuzz.test.ts) over FUZZ_RUNS generated workbooks (default 100,000), in
// batches of FUZZ_BATCH (default 5,000) with seeds FUZZ_SEED, FUZZ_SEED + 1 … (default: from the
// clock), on FUZZ_WORKERS processes (default: the machine's cores, at most 4). It prints each
// batch as it ends, and for a failure its seed, the shrunk workbook and the command that replays
// it. Exit status 0 when every batch held, 1 otherwise.
import { fork } from "node:child_process";
import { availableParallelism } from "node:os";
import fc from "fast-check";
import { checkPipeline } from "./checkPipeline";
import { generatedWorkbook } from "./generatedWorkbook";

interface BatchResult {
  readonly seed: number;
  readonly runs: number;
  readonly skipped: Record<string, number>;
  readonly failure: { readonly path: string; readonly error: string; readonly counterexample: string } | null;
}

function runBatch(seed: number, runs: number): BatchResult {
  const skipped: Record<string, number> = {};
  const details = fc.check(
    fc.property(generatedWorkbook, (workbook) => {
      const bug = checkPipeline(workbook);
      if (bug !== null) skipped[bug] = (skipped[bug] ?? 0) + 1;
    }),
    { numRuns: runs, seed },
  );
  if (!details.failed) return { seed, runs, skipped, failure: null };
  const error = details.errorInstance;
  return {
    seed,
    runs: details.numRuns,
    skipped,
    failure: {
      path: details.counterexamplePath ?? "",
      error: error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ""}` : String(error),
      counterexample: JSON.stringify(details.counterexample, (_, v: unknown) =>
        typeof v === "number" && !Number.isFinite(v) ? String(v) : v,
      ).slice(0, 20_000),
    },
  };
}

function positive(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a whole number of at least 1`);
  return value;
}

async function main(): Promise<number> {
  const total = positive("FUZZ_RUNS", 100_000);
  const batch = Math.min(total, positive("FUZZ_BATCH", 5_000));
  const base = positive("FUZZ_SEED", Date.now() % 2 ** 31);
  const workers = Math.min(positive("FUZZ_WORKERS", Math.min(4, availableParallelism())), Math.ceil(total / batch));
  const batches = Array.from({ length: Math.ceil(total / batch) }, (_, i) => ({
    seed: base + i,
    runs: Math.min(batch, total - i * batch),
  }));
  console.log(
    `Fuzzing the pipeline: ${total.toLocaleString("en-GB")} workbooks in ${String(batches.length)} batches (seeds ${String(base)}…${String(base + batches.length - 1)}) on ${String(workers)} processes`,
  );
  const started = Date.now();
  let done = 0;
  const skipped: Record<string, number> = {};
  const failures: BatchResult[] = [];
  let next = 0;

  const worker = async (): Promise<void> => {
    while (next < batches.length && failures.length === 0) {
      const job = batches[next]!;
      next += 1;
      const result = await inChild(job.seed, job.runs);
      done += result.runs;
      for (const [id, n] of Object.entries(result.skipped)) skipped[id] = (skipped[id] ?? 0) + n;
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      const skips = Object.values(result.skipped).reduce((a, b) => a + b, 0);
      console.log(
        `  seed ${String(result.seed)}: ${result.failure === null ? "held" : "FAILED"} (${String(result.runs)} workbooks, ${String(skips)} skipped at known bugs) — ${done.toLocaleString("en-GB")}/${total.toLocaleString("en-GB")}, ${seconds} s`,
      );
      if (result.failure !== null) failures.push(result);
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));

  console.log(`\n${done.toLocaleString("en-GB")} workbooks in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  for (const [id, n] of Object.entries(skipped)) console.log(`Skipped at known bug (${String(n)}): ${id}`);
  for (const failure of failures) {
    console.log(`\nFAILED with seed ${String(failure.seed)}, path ${failure.failure?.path ?? ""}:`);
    console.log(failure.failure?.error);
    console.log(`Shrunk workbook: ${failure.failure?.counterexample ?? ""}`);
    console.log(
      `Replay: FUZZ_SEED=${String(failure.seed)} FUZZ_PATH=${failure.failure?.path ?? ""} FUZZ_RUNS=${String(failure.runs)} npx vitest run test/property/pipelineFuzz.test.ts`,
    );
  }
  return failures.length === 0 ? 0 : 1;
}

// Each batch runs in a child process so that the batches use every core, and a batch that runs
// out of memory is reported with its seed instead of ending the whole run.
function inChild(seed: number, runs: number): Promise<BatchResult> {
  return new Promise((resolve) => {
    const child = fork(process.argv[1] ?? "", ["--batch", String(seed), String(runs)], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let result: BatchResult | null = null;
    child.on("message", (message) => {
      result = message as BatchResult;
    });
    child.on("exit", (code, signal) => {
      resolve(
        result ?? {
          seed,
          runs,
          skipped: {},
          failure: {
            path: "",
            error: `the batch process ended with ${signal ?? `exit code ${String(code)}`} before it reported (out of memory?)`,
            counterexample: "",
          },
        },
      );
    });
  });
}

if (process.argv[2] === "--batch") {
  const result = runBatch(Number(process.argv[3]), Number(process.argv[4]));
  process.send?.(result, () => process.exit(0));
} else {
  main().then(
    (status) => process.exit(status),
    (error: unknown) => {
      console.error(error);
      process.exit(2);
    },
  );
}

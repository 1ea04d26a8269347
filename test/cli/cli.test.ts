import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/runCli";

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("estab cost", () => {
  it("prints Barnet's 2012 post (seed 000 §5.2) as JSON, to within the £5 the report rounds to", async () => {
    const { code, out } = await run(
      "cost",
      "--salary",
      "28800",
      "--tax-year",
      "2012/13",
      "--category",
      "D",
      "--pension",
      "24.72%",
      "--json",
    );
    expect(code).toBe(0);
    const json = JSON.parse(out) as Record<string, unknown>;
    expect(Math.abs((json.total as number) - 38070)).toBeLessThanOrEqual(5);
    expect(json).toMatchObject({ salary: 28800, pay: 28800, levy: 0, taxYear: "2012/13", category: "D" });
    expect(json.employerNI).toBeCloseTo(0.104 * (28800 - 7488) - 0.034 * (7488 - 5564), 2);
    expect(json.pension).toBeCloseTo(28800 * 0.2472, 2);
  });

  it("costs an SCP from the national spine, part-time, with pension and levy", async () => {
    const { code, out } = await run(
      "cost",
      "--scp",
      "43",
      "--pay-year",
      "2025/26",
      "--tax-year",
      "2025/26",
      "--fte",
      "0.5",
      "--pension",
      "0.195",
      "--json",
    );
    expect(code).toBe(0);
    const json = JSON.parse(out) as Record<string, number | string>;
    const pay = Math.round(52805 * 1.032) * 0.5; // £27,247.50
    expect(json).toMatchObject({ scp: "43", payYear: "2025/26", pay });
    // (27247.50 − 5000) × 15% = £3,337.125: a halfpenny is disregarded for NI (SSCR 2001 reg. 12(1)).
    expect(json.employerNI).toBe(3337.12);
    // pension 27247.50 × 19.5% = 5,313.2625 → 5,313.26; levy × 0.5% = 136.2375 → 136.24
    expect(json.total).toBeCloseTo(pay + 3337.12 + 5313.26 + 136.24, 2);
  });

  it("prints a readable breakdown with the tables used", async () => {
    const { out } = await run("cost", "--salary", "30000", "--tax-year", "2025", "--pension", "19.5%");
    expect(out).toMatch(/Employer NI\s+£3,750/);
    expect(out).toMatch(/Total\s+£39,750/);
    expect(out).toMatch(/Employer NI 2025\/26, category A, annual method \[N16, N16b, N17b\]/);
  });

  it("has a flat-rate mode and a monthly NI method", async () => {
    expect(JSON.parse((await run("cost", "--salary", "30000", "--flat-rate", "30%", "--json")).out)).toMatchObject({
      total: 39000,
      employerNI: 0,
    });
    const monthly = JSON.parse(
      (await run("cost", "--salary", "25000", "--tax-year", "2025/26", "--ni-method", "monthly", "--json")).out,
    ) as { employerNI: number };
    expect(monthly.employerNI).toBeCloseTo(12 * 249.95, 2);
  });

  it.each([
    [["cost"], /exactly one of --salary/],
    [["cost", "--salary", "1", "--scp", "2"], /exactly one/],
    [["cost", "--salary", "lots"], /not an amount/],
    [["cost", "--salary", "30000", "--pension", "19.5"], /write 19.5% or 0.195/],
    [["cost", "--scp", "33"], /unknown/],
    [["cost", "--salary", "30000", "--bogus"], /bogus/],
    [["cost", "--salary", "30000", "--ni-method", "weekly"], /annual or monthly/],
    [["frobnicate"], /Unknown command/],
  ])("exits 2 with a clear message for %j", async (argv, message) => {
    const { code, err } = await run(...argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  it("has --help", async () => {
    expect(await run("cost", "--help")).toMatchObject({ code: 0 });
    expect((await run("cost", "--help")).out).toMatch(/--flat-rate/);
    expect((await run("--help")).out).toMatch(/Commands:/);
  });
});

describe("estab fn", () => {
  it.each([
    [["ONCOST", "30000", "19.5%", "2025/26"], "9750", 0],
    [["oncost", "30000", "", "2025/26", "", "", "FALSE"], "3750", 0],
    [["FTE", "18.5"], "0.5", 0],
    [["SCPSALARY", "35", "", "[[32,28800],[35,30988]]"], "30988", 0],
    [["SCPSALARY", "43", '"2025/26"'], String(Math.round(52805 * 1.032)), 0],
    [["EMPLOYERNI", "25000", "2018/19"], "2287.49", 0],
  ])("%j prints %s", async (argv, value, code) => {
    expect(await run("fn", ...argv)).toMatchObject({ code, out: value });
  });

  it.each([
    [["ONCOST", "30000", "19.5"], /^#NUM! Pension rate 19.5 is above 100%: write 19.5% or 0.195/],
    [["SCPSALARY", "33", "2025/26"], /^#N\/A SCP 33 in 2025\/26 is unknown/],
    [["ONCOST", "abc"], /^#VALUE!/],
  ])("%j prints the Excel error and exits 1", async (argv, message) => {
    const { code, out } = await run("fn", ...argv);
    expect(code).toBe(1);
    expect(out).toMatch(message);
  });

  it.each([
    [["NOSUCH"], /no function NOSUCH/],
    [["FTE", "1", "2", "3"], /at most 2 arguments/],
    [["SCPSALARY", "35", "", "[[32,"], /not a range/],
  ])("exits 2 for %j", async (argv, message) => {
    const { code, err } = await run("fn", ...argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });
});

describe("the built estab executable", () => {
  it("runs from dist with the same exit codes", () => {
    const ok = spawnSync(process.execPath, ["dist/cli/estab.js", "fn", "FTE", "18.5"], { encoding: "utf8" });
    expect(ok.status).toBe(0);
    expect(ok.stdout.trim()).toBe("0.5");
    const bad = spawnSync(process.execPath, ["dist/cli/estab.js", "cost"], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/estab:/);
  });
});

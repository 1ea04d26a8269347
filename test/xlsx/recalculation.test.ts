import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/runCli";
import { nodeZipCodec } from "../../src/xlsx/nodeZipCodec";
import { openXlsxPackage } from "../../src/xlsx/openXlsxPackage";
import { readXlsxWorkbook } from "../../src/xlsx/readXlsxWorkbook";

// Opens the workbook `estab reduce --out` writes in a real spreadsheet engine (Gnumeric's
// ssconvert), recalculates every formula and checks the recalculated reduction table against the
// figures the writer cached, which are the engine's.

const INSTALL = "install gnumeric: apt-get install -y --no-install-recommends gnumeric";
const hasSsconvert = spawnSync("ssconvert", ["--version"], { encoding: "utf8" }).status === 0;
const onCi = (process.env.CI ?? "") !== "";
// Skipped on a developer's machine without Gnumeric; on CI a missing ssconvert fails the tests.
const skip = !hasSsconvert && !onCi;
const skipNote = skip ? ` (SKIPPED: Gnumeric's ssconvert is not installed; ${INSTALL})` : "";

const TABLE = "Reduction table";
// Reduction table columns: C proposed FTE, E current FTE, G change; H current cost, I proposed
// cost, J saving. Gnumeric computes with more precision than a double, hence the tolerances.
const FTE_COLUMNS = [3, 5, 7];
const MONEY_COLUMNS = [8, 9, 10];
const FTE_TOLERANCE = 1e-6;
const MONEY_TOLERANCE = 0.005;

const dir = mkdtempSync(join(tmpdir(), "estab-recalc-"));

interface Published {
  published: { totals: { id: string; rowsAddTo: number }[] };
}
const leicesterSource = JSON.parse(readFileSync("samples/source/leicester-2013-14.json", "utf8")) as Published;
const rowsAddTo = (id: string): number => {
  const total = leicesterSource.published.totals.find((t) => t.id === id);
  if (total === undefined) throw new Error(`no published total ${id}`);
  return total.rowsAddTo;
};

async function reduce(name: string, args: readonly string[]): Promise<string> {
  const out = join(dir, `${name}.xlsx`);
  const err: string[] = [];
  const code = await runCli(["reduce", ...args, "--out", out], { out: () => undefined, err: (t) => err.push(t) });
  expect(err.join("\n")).toBe("");
  // Both samples have errors in their input (total-mismatch, unknown grades): built, exit 1.
  expect(code).toBe(1);
  return out;
}

interface Cached {
  readonly formula: string | null;
  readonly value: number;
}

/** Every numeric cell of the reduction table as written: its formula (if any) and cached value. */
async function cachedFigures(file: string): Promise<Map<string, Cached>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet(TABLE);
  if (sheet === undefined) throw new Error(`${file} has no "${TABLE}" sheet`);
  const figures = new Map<string, Cached>();
  sheet.eachRow((row) => {
    row.eachCell((cell) => {
      // cell.result, not cell.value.result: ExcelJS 4.4 drops a cached 0 from the value object.
      const value: unknown = cell.formula ? cell.result : cell.value;
      if (cell.formula && typeof value !== "number") {
        throw new Error(`${cell.address} = ${cell.formula} has no numeric cached result`);
      }
      if (typeof value === "number") figures.set(cell.address, { formula: cell.formula || null, value });
    });
  });
  return figures;
}

/**
 * A copy of the workbook with every cached result in the reduction table set to 0, made by editing
 * that sheet's XML in the package (not by rewriting the workbook with ExcelJS), so that Gnumeric
 * recalculates the package exactly as estab wrote it, Excel tables and charts included.
 */
async function zeroCachedResults(file: string): Promise<string> {
  const bytes = new Uint8Array(readFileSync(file));
  const pkg = await openXlsxPackage(bytes, nodeZipCodec());
  const part = pkg.sheets.find((sheet) => sheet.name === TABLE)?.part;
  if (part === undefined) throw new Error(`${file} has no "${TABLE}" sheet`);
  const zip = await JSZip.loadAsync(bytes);
  const xml = (await zip.file(part)?.async("string")) ?? "";
  let zeroed = 0;
  const edited = xml.replace(/(<\/f>)<v>[^<]*<\/v>/g, (_, close: string) => {
    zeroed += 1;
    return `${close}<v>0</v>`;
  });
  expect(zeroed).toBeGreaterThan(0);
  zip.file(part, edited);
  const out = file.replace(/\.xlsx$/, "-zeroed.xlsx");
  writeFileSync(out, await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
  return out;
}

/** Recalculates the workbook with ssconvert and returns its reduction table as read from CSV. */
async function recalculatedTable(file: string): Promise<ExcelJS.Worksheet> {
  if (!hasSsconvert) throw new Error(INSTALL);
  const names = (await readXlsxWorkbook(file)).map((grid) => grid.name);
  const csvDir = join(dir, `${names.length}-${Math.random().toString(36).slice(2)}`);
  mkdirSync(csvDir);
  // --recalc is required: without it ssconvert keeps the cached values.
  const result = spawnSync("ssconvert", ["--recalc", "-S", file, join(csvDir, "%n.csv")], { encoding: "utf8" });
  expect(result.error).toBeUndefined();
  expect(result.stderr).not.toMatch(/Invalid expression/);
  expect(result.status, result.stderr).toBe(0);
  // Nothing but Gnumeric's note that it skips Excel tables (it has no reader for them).
  const notes = result.stderr
    .split("\n")
    .filter((line) => line.trim() !== "" && !/^Unexpected element 'tableParts' in state : $|^\s*worksheet$/.test(line));
  expect(notes, result.stderr).toEqual([]);
  expect(readdirSync(csvDir).sort()).toEqual(names.map((_, index) => `${String(index)}.csv`).sort());
  const csv = new ExcelJS.Workbook();
  return csv.csv.readFile(join(csvDir, `${String(names.indexOf(TABLE))}.csv`));
}

/** Checks every figure of the recalculated table against the cached one, both ways. */
function expectSameFigures(recalculated: ExcelJS.Worksheet, cached: ReadonlyMap<string, Cached>): void {
  expect(recalculated.getCell("A1").value).toBe("Section");
  expect(recalculated.getCell("C1").value).toBe("Proposed FTE");
  const seen = new Set<string>();
  recalculated.eachRow((row) => {
    for (const column of [...FTE_COLUMNS, ...MONEY_COLUMNS]) {
      const cell = row.getCell(column);
      if (typeof cell.value !== "number") continue;
      seen.add(cell.address);
      const expected = cached.get(cell.address);
      expect(expected, `recalculated ${cell.address} = ${String(cell.value)} was not written`).toBeDefined();
      const tolerance = FTE_COLUMNS.includes(column) ? FTE_TOLERANCE : MONEY_TOLERANCE;
      expect(
        Math.abs(cell.value - (expected?.value ?? Number.NaN)),
        `${cell.address} = ${expected?.formula ?? "(constant)"}: recalculated ${String(cell.value)}, cached ${String(expected?.value)}`,
      ).toBeLessThanOrEqual(tolerance);
    }
  });
  // Every formula came back as a number, including the saving against the budget in column I.
  const formulas = [...cached].filter(([, figure]) => figure.formula !== null).map(([address]) => address);
  expect(formulas.length).toBeGreaterThan(0);
  expect(formulas.filter((address) => !seen.has(address))).toEqual([]);
}

function rowLabelled(table: ExcelJS.Worksheet, label: string, section?: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  table.eachRow((row) => {
    if (row.getCell(2).value === label && (section === undefined || row.getCell(1).value === section)) found ??= row;
  });
  if (found === undefined) throw new Error(`no "${label}" row${section === undefined ? "" : ` in ${section}`}`);
  return found;
}

function num(row: ExcelJS.Row, column: number): number {
  const cell = row.getCell(column);
  const value = cell.value;
  if (typeof value !== "number") throw new Error(`${cell.address} is not a number: ${JSON.stringify(value)}`);
  return value;
}

describe("the written reduction table, recalculated by Gnumeric", () => {
  it.skipIf(skip)(`Leicester §7: every figure equals the engine's${skipNote}`, async () => {
    if (!hasSsconvert) throw new Error(INSTALL);
    const written = await reduce("leicester", [
      "samples/leicester-2013-14.xlsx",
      "--current",
      "Proposed",
      "--proposed",
      "Proposed",
      "--budget",
      "16653800",
    ]);
    const cached = await cachedFigures(written);
    const zeroed = await zeroCachedResults(written);
    // The zeroed copy really holds 0 for every formula: only a recalculation can bring figures back.
    for (const [address, figure] of await cachedFigures(zeroed)) {
      if (figure.formula !== null) expect(figure.value, address).toBe(0);
    }
    const table = await recalculatedTable(zeroed);
    expectSameFigures(table, cached);

    // §7 Total (seed 001): 386.58 proposed FTE, 448.38 current, (61.80).
    const total = rowLabelled(table, "Total");
    expect(Math.abs(num(total, 3) - 386.58)).toBeLessThanOrEqual(FTE_TOLERANCE);
    expect(Math.abs(num(total, 5) - 448.38)).toBeLessThanOrEqual(FTE_TOLERANCE);
    expect(Math.abs(num(total, 7) - -61.8)).toBeLessThanOrEqual(FTE_TOLERANCE);
    // The proposed cost is what §7's rows add to (14,800,304; the document states 14,800,305).
    expect(Math.abs(num(total, 9) - rowsAddTo("s7.Total.proposed cost £.fromRows"))).toBeLessThanOrEqual(
      MONEY_TOLERANCE,
    );
    // Subtotals as §7's rows add up (published.totals rowsAddTo).
    for (const section of ["LAC and Resources", "Residential Services", "Administration"]) {
      const subtotal = rowLabelled(table, "Subtotal", section);
      expect(Math.abs(num(subtotal, 3) - rowsAddTo(`s7.${section}.proposed FTE`)), section).toBeLessThanOrEqual(
        FTE_TOLERANCE,
      );
      expect(Math.abs(num(subtotal, 5) - rowsAddTo(`s7.${section}.current FTE`)), section).toBeLessThanOrEqual(
        FTE_TOLERANCE,
      );
      expect(Math.abs(num(subtotal, 9) - rowsAddTo(`s7.${section}.proposed cost £`)), section).toBeLessThanOrEqual(
        MONEY_TOLERANCE,
      );
    }
    // Budget − proposed cost: "Total savings" 1,853,495 in the document, £1 more from its rows.
    expect(num(rowLabelled(table, "Current budget"), 9)).toBe(16653800);
    const saving = num(rowLabelled(table, "Saving against budget"), 9);
    expect(Math.abs(saving - 1853495)).toBeLessThanOrEqual(1 + MONEY_TOLERANCE);
  });

  it.skipIf(skip)(`Barnet 2012/13: every figure equals the engine's${skipNote}`, async () => {
    if (!hasSsconvert) throw new Error(INSTALL);
    const written = await reduce("barnet", [
      "samples/barnet-leaving-care-2012.xlsx",
      "--standard-hours",
      "36",
      "--pay-year",
      "2012/13",
      "--tax-year",
      "2012/13",
      "--category",
      "D",
      "--pension",
      "24.72%",
    ]);
    const cached = await cachedFigures(written);
    const table = await recalculatedTable(await zeroCachedResults(written));
    expectSameFigures(table, cached);

    // Appendix 2: 16 posts of 36 hours = 16.00 FTE; §5.4 "Total fte" 18.6 (seed 000).
    const total = rowLabelled(table, "Total");
    expect(Math.abs(num(total, 3) - 16)).toBeLessThanOrEqual(FTE_TOLERANCE);
    expect(Math.abs(num(total, 5) - 18.6)).toBeLessThanOrEqual(FTE_TOLERANCE);
    // Business Support, grade SCP 28–31 costed at the top, SCP 31 = £26,276 in 2012/13 (NJC rates
    // of 1 April 2009, frozen to 2012/13). Category D (contracted out) NI 2012/13: 10.4% from the
    // £7,488 threshold, less the 3.4% rebate from £5,564 to £7,488:
    // 18,788 × 10.4% − 1,924 × 3.4% = 1,953.952 − 65.416 = £1,888.54; pension 24.72% = £6,495.43;
    // no levy before 2017/18. Total 26,276 + 1,888.54 + 6,495.43 = £34,659.97.
    expect(Math.abs(num(rowLabelled(table, "Business Support"), 9) - 34659.97)).toBeLessThanOrEqual(MONEY_TOLERANCE);
  });
});

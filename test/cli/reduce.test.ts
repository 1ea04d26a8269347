import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/runCli";
import { readXlsxWorkbook } from "../../src/xlsx/readXlsxWorkbook";

const BARNET = "samples/barnet-leaving-care-2012.xlsx";
const LEICESTER = "samples/leicester-2013-14.xlsx";
// Leicester §7 (seed 001) is one sheet holding both sides: proposed FTE and band, current FTE and
// band, proposed cost; "Required Current Budget" 16,653,800 is printed under it.
const LEICESTER_S7 = [LEICESTER, "--current", "Proposed", "--proposed", "Proposed", "--budget", "16653800"];
const OUTPUT_SHEETS = ["Reduction table", "Post changes", "Staff impact", "Costed posts", "Assumptions"];
const ROW_FIELDS = [
  "section",
  "title",
  "currentGrade",
  "proposedGrade",
  "currentFte",
  "proposedFte",
  "changeFte",
  "currentCost",
  "proposedCost",
  "saving",
];

interface JsonRow {
  section: string | null;
  title: string;
  currentFte: number;
  proposedFte: number;
  changeFte: number;
  proposedCost: number;
}

interface ReductionJson {
  rows: JsonRow[];
  subtotals: JsonRow[];
  total: JsonRow;
  budget: number | null;
  savingAgainstBudget: number | null;
}

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

function fingerprint(file: string): { hash: string; mtime: number } {
  return { hash: createHash("sha256").update(readFileSync(file)).digest("hex"), mtime: statSync(file).mtimeMs };
}

async function sheetNames(file: string): Promise<string[]> {
  return (await readXlsxWorkbook(file)).map((grid) => grid.name);
}

const dir = mkdtempSync(join(tmpdir(), "estab-reduce-"));
const hrText = join(dir, "hr-text.xlsx");

// Job titles a spreadsheet would take for formulas if they were written as formulas.
const FORMULA_LIKE_TITLES = ['=HYPERLINK("http://x","y")', "+44 help", "-minus", "@at"];

beforeAll(async () => {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("Current").addRows([
    ["Post number", "Job title", "Grade", "FTE"],
    [1, '=HYPERLINK("http://x","y")', "PO1", 1],
    [2, "+44 help", "PO1", 1],
    [3, "Clerk", "PO1", 1],
  ]);
  workbook.addWorksheet("Proposed").addRows([
    ["Post number", "Job title", "Grade", "FTE"],
    [1, '=HYPERLINK("http://x","y")', "PO1", 1],
    [2, "+44 help", "PO1", 0.5],
    [4, "-minus", "PO1", 1],
    [5, "@at", "PO1", 1],
  ]);
  await workbook.xlsx.writeFile(hrText);
});

describe("estab reduce --json", () => {
  it("rebuilds Leicester §7's totals and the saving against its budget, exiting 1 for the input's errors", async () => {
    const { code, out } = await run("reduce", ...LEICESTER_S7, "--json");
    expect(code).toBe(1);
    const json = JSON.parse(out) as ReductionJson & Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual(
      [
        "rows",
        "subtotals",
        "total",
        "budget",
        "savingAgainstBudget",
        "newPosts",
        "deletedPosts",
        "changedPosts",
        "staffImpact",
        "assumptions",
        "problems",
      ].sort(),
    );
    // §7 Total (seed 001): 386.58 proposed, 448.38 current, (61.80).
    expect(json.total.proposedFte).toBe(386.58);
    expect(json.total.currentFte).toBe(448.38);
    expect(json.total.changeFte).toBe(-61.8);
    expect(json.budget).toBe(16653800);
    // "Total savings" 1,853,495 = 16,653,800 − 14,800,305 (the stated total); §7's own rows add to
    // 14,800,304 (samples/source/README.md, "Footing check"), so the saving from the rows is £1 more.
    expect(json.savingAgainstBudget).not.toBeNull();
    expect(Math.abs((json.savingAgainstBudget ?? 0) - 1853495)).toBeLessThanOrEqual(1);
    expect(json.savingAgainstBudget).toBe(16653800 - 14800304);
    expect(json.total.proposedCost).toBe(14800304);
    expect(json.rows.length).toBeGreaterThan(0);
    for (const row of json.rows) {
      for (const field of ROW_FIELDS) expect(row, `${row.title}: ${field}`).toHaveProperty(field);
    }
    // Subtotals as §7's rows add up (published.totals "rowsAddTo": 248.89 and 122.98 where the
    // document prints 248.88 and 122.99).
    expect(json.subtotals.map((s) => [s.section, s.proposedFte, s.currentFte, s.proposedCost])).toEqual([
      ["LAC and Resources", 199.18, 248.89, 9000400],
      ["Residential Services", 115.9, 122.98, 4159404],
      ["Administration", 71.5, 76.51, 1640500],
    ]);
  });
});

describe("estab reduce (text)", () => {
  it("prints the table with its Total line and the current budget", async () => {
    const { code, out } = await run("reduce", ...LEICESTER_S7);
    expect(code).toBe(1);
    expect(out).toMatch(/^Total\s+386\.58\s+448\.38\s+\(61\.80\)/m);
    expect(out).toContain("Current budget £16,653,800");
  });
});

describe("estab reduce --out", () => {
  it.each([
    ["the same path", LEICESTER],
    ["another relative spelling", "./samples/../samples/leicester-2013-14.xlsx"],
    ["an absolute path", join(process.cwd(), LEICESTER)],
  ])("refuses to write over its input given as %s", async (_, out) => {
    const before = fingerprint(LEICESTER);
    const listing = readdirSync("samples");
    const { code, err } = await run("reduce", ...LEICESTER_S7, "--out", out);
    expect(code).toBe(2);
    expect(err).toMatch(/is the input workbook: write the output to a new file/);
    expect(fingerprint(LEICESTER)).toEqual(before);
    expect(readdirSync("samples")).toEqual(listing);
  });

  it("refuses to write over its input reached through a symlinked folder", async () => {
    const real = join(dir, "real");
    mkdirSync(real);
    const input = join(real, "leicester.xlsx");
    copyFileSync(LEICESTER, input);
    symlinkSync(real, join(dir, "link"), "dir");
    const before = fingerprint(input);
    const { code } = await run(
      "reduce",
      input,
      "--current",
      "Proposed",
      "--proposed",
      "Proposed",
      "--out",
      join(dir, "link", "leicester.xlsx"),
    );
    expect(fingerprint(input).hash).toBe(before.hash);
    expect(code).toBe(2);
  });

  it("writes a copy with every source sheet as it was and the five output sheets after them", async () => {
    const out = join(dir, "leicester-reduced.xlsx");
    const before = fingerprint(LEICESTER);
    const { code, out: printed } = await run("reduce", ...LEICESTER_S7, "--out", out);
    expect(code).toBe(1);
    expect(printed).toContain(`Wrote ${out}`);
    expect(existsSync(out)).toBe(true);
    const source = await readXlsxWorkbook(LEICESTER);
    const written = await readXlsxWorkbook(out);
    expect(written.map((grid) => grid.name)).toEqual([...source.map((grid) => grid.name), ...OUTPUT_SHEETS]);
    for (const grid of source) {
      expect(written.find((w) => w.name === grid.name)?.rows, grid.name).toEqual(grid.rows);
    }
    expect(fingerprint(LEICESTER)).toEqual(before);
    // No temporary file is left beside the output.
    expect(readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("adds the next free names when run on its own output, with formulas over its own costed posts", async () => {
    const first = join(dir, "rerun-1.xlsx");
    const second = join(dir, "rerun-2.xlsx");
    const third = join(dir, "rerun-3.xlsx");
    expect((await run("reduce", ...LEICESTER_S7, "--out", first)).code).toBe(1);
    const again = await run("reduce", first, ...LEICESTER_S7.slice(1), "--out", second, "--json");
    expect(again.code).toBe(1);
    const inputNames = await sheetNames(LEICESTER);
    expect(await sheetNames(second)).toEqual([
      ...inputNames,
      ...OUTPUT_SHEETS,
      ...OUTPUT_SHEETS.map((name) => `${name} (2)`),
    ]);
    expect((await run("reduce", second, ...LEICESTER_S7.slice(1), "--out", third)).code).toBe(1);
    expect((await sheetNames(third)).slice(-5)).toEqual(OUTPUT_SHEETS.map((name) => `${name} (3)`));

    // The new table sums the new costed posts, not the first run's.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(second);
    const formulas: string[] = [];
    workbook.getWorksheet("Reduction table (2)")?.eachRow((row) => {
      row.eachCell((cell) => {
        if (cell.formula) formulas.push(cell.formula);
      });
    });
    const sumifs = formulas.filter((formula) => formula.startsWith("SUMIFS("));
    expect(sumifs.length).toBeGreaterThan(0);
    for (const formula of sumifs) {
      expect(formula).toContain("'Costed posts (2)'!");
      expect(formula).not.toContain("'Costed posts'!");
    }
    // The earlier output sheets do not change the figures.
    const json = JSON.parse(again.out) as ReductionJson;
    expect([json.total.proposedFte, json.total.currentFte, json.total.proposedCost]).toEqual([
      386.58, 448.38, 14800304,
    ]);
  });

  it("writes job titles from HR sheets as text, never as formulas", async () => {
    const out = join(dir, "hr-text-reduced.xlsx");
    const { code } = await run("reduce", hrText, "--out", out);
    expect(code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    for (const [sheetName, column] of [
      ["Reduction table", 2],
      ["Costed posts", 4],
    ] as const) {
      const sheet = workbook.getWorksheet(sheetName);
      expect(sheet, sheetName).toBeDefined();
      const found = new Set<string>();
      sheet?.eachRow((row) => {
        const cell = row.getCell(column);
        const text = cell.formula ? cell.formula : cell.text;
        const title = FORMULA_LIKE_TITLES.find((t) => text === t || text === t.slice(1));
        if (title === undefined) return;
        found.add(title);
        expect(cell.type, `${sheetName}!${cell.address}`).toBe(ExcelJS.ValueType.String);
        expect(cell.formula, `${sheetName}!${cell.address}`).toBeFalsy();
        expect(cell.value).toBe(title);
      });
      expect([...found].sort(), sheetName).toEqual([...FORMULA_LIKE_TITLES].sort());
    }
  });
});

describe("estab reduce options", () => {
  it.each([
    [["--point", "highest"], /"highest" is not a costing point: write "top", "bottom" or "mid"/],
    [["--ni-method", "weekly"], /--ni-method weekly is not a method: write annual or monthly/],
    // parsePensionScheme refuses a bare number above 1 as almost certainly a percentage.
    [["--pension", "19.5"], /Pension rate 19\.5 is above 100%: write 19\.5% or 0\.195/],
    [["--flat-rate", "30"], /--flat-rate 30 is above 100%: write 30% or 0\.3/],
    [["--budget", "lots"], /--budget lots is not an amount/],
    [["--title-map", "Nope"], /There is no sheet "Nope" for the title map/],
    [["--standard-hours", "lots"], /not a number of hours/],
  ])("exits 2 with a message for %j and writes nothing", async (options, message) => {
    const out = join(dir, `bad-${options.join("-")}.xlsx`);
    const { code, err } = await run("reduce", BARNET, ...options, "--out", out);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  // The brief listed "--point middle" as a bad option, but parseCostingPoint documents "middle" as
  // a synonym of "mid" (any case), so the command accepts it.
  it("accepts --point middle as mid", async () => {
    const figures = async (point: string) => {
      const { code, out } = await run("reduce", BARNET, "--standard-hours", "36", "--point", point, "--json");
      expect(code).toBe(1);
      const json = JSON.parse(out) as ReductionJson;
      return { rows: json.rows, total: json.total };
    };
    const mid = await figures("mid");
    expect(await figures("middle")).toEqual(mid);
    expect(await figures("top")).not.toEqual(mid);
  });

  it("exits 2 with a message when --out cannot be written", async () => {
    const { code, err } = await run("reduce", BARNET, "--out", join(dir, "no-such-folder", "out.xlsx"));
    expect(code).toBe(2);
    expect(err).toMatch(/no-such-folder/);
  });
});

describe("estab reduce from dist", () => {
  it("runs the built executable on Barnet and prints the Total", () => {
    const result = spawnSync(process.execPath, ["dist/cli/estab.js", "reduce", BARNET, "--standard-hours", "36"], {
      encoding: "utf8",
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(1);
    // Appendix 2: 16 posts of 36 hours = 16.00 FTE; §5.4 "Total fte" 18.6 (seed 000).
    expect(result.stdout).toMatch(/^Total\s+16\.00\s+18\.60\s+\(2\.60\)/m);
  });
});

// Issue 7: `estab reduce` prints and writes counts of post-holders; names only with --names.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/runCli";

const NAMES = ["Ada Ashby", "Ben Brook", "Cara Cole"];
let dir: string;
let file: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "estab-names-"));
  file = join(dir, "named.xlsx");
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("Current").addRows([
    ["Post number", "Job title", "Grade", "FTE", "Post holder"],
    ["P1", "Support Worker", "S1", 1, "Ada Ashby"],
    ["P2", "Team Manager", "PO1", 1, "Ben Brook"],
    ["P3", "Officer", "S2", 1, "Cara Cole"],
  ]);
  // P1 deleted, P2 regraded, P3 unchanged.
  workbook.addWorksheet("Proposed").addRows([
    ["Post number", "Job title", "Grade", "FTE", "Post holder"],
    ["P2", "Team Manager", "PO2", 1, "Ben Brook"],
    ["P3", "Officer", "S2", 1, "Cara Cole"],
  ]);
  await workbook.xlsx.writeFile(file);
});

async function run(...argv: string[]) {
  const out: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: () => undefined });
  return { code, out: out.join("\n") };
}

async function outputText(path: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const texts: string[] = [];
  for (const sheet of workbook.worksheets.filter((s) => s.name !== "Current" && s.name !== "Proposed")) {
    sheet.eachRow((row) => {
      row.eachCell((cell) => texts.push(String(cell.text)));
    });
  }
  return texts.join("|");
}

describe("estab reduce and post-holders' names", () => {
  it("gives counts, not names, in its JSON and in the workbook it writes", async () => {
    const out = join(dir, "counts.xlsx");
    const { out: json } = await run("reduce", file, "--json", "--out", out);
    const parsed = JSON.parse(json) as { deletedPosts: { people: number }[]; changedPosts: { people: number }[] };
    expect(parsed.deletedPosts.map((post) => post.people)).toEqual([1]);
    expect(parsed.changedPosts.map((post) => post.people)).toEqual([1]);
    for (const name of NAMES) {
      expect(json).not.toContain(name);
      expect(await outputText(out)).not.toContain(name);
    }
  });

  it("names the post-holders of deleted and changed posts with --names", async () => {
    const out = join(dir, "named-out.xlsx");
    const { out: json } = await run("reduce", file, "--json", "--names", "--out", out);
    const parsed = JSON.parse(json) as { deletedPosts: { postHolders: string[] }[] };
    expect(parsed.deletedPosts[0]?.postHolders).toEqual(["Ada Ashby"]);
    const written = await outputText(out);
    expect(written).toContain("Ada Ashby");
    expect(written).toContain("Ben Brook");
    // Unchanged posts are in no list.
    expect(written).not.toContain("Cara Cole");
    expect(readFileSync(out).length).toBeGreaterThan(0);
  });
});

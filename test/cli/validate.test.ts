import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/runCli";

const BARNET = "samples/barnet-leaving-care-2012.xlsx";
const LEICESTER = "samples/leicester-2013-14.xlsx";

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const dir = mkdtempSync(join(tmpdir(), "estab-validate-"));
const clean = join(dir, "clean.xlsx");

beforeAll(async () => {
  // A small establishment with nothing wrong: 37-hour posts, grades in the grades table.
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("Existing structure").addRows([
    ["Post number", "Job title", "Grade", "FTE"],
    [1001, "Team Manager", "PO3", 1],
    [1002, "Social Worker", "PO1", 0.5],
  ]);
  workbook.addWorksheet("New structure").addRows([
    ["Post number", "Job title", "Grade", "Hours"],
    [1001, "Team Manager", "PO3", 37],
    [1003, "Social Worker", "PO1", 18.5],
  ]);
  workbook.addWorksheet("Pay grades").addRows([
    ["Grade", "SCP range"],
    ["PO1", "29 - 32"],
    ["PO3", "35 - 38"],
  ]);
  await workbook.xlsx.writeFile(clean);
});

describe("estab validate", () => {
  it("lists Barnet's problems by severity with a count line, and exits 1 for its one error", async () => {
    const { code, out } = await run("validate", BARNET, "--standard-hours", "36");
    expect(code).toBe(1);
    expect(out).toMatch(/current: {2}Current \(8 post lines, 18\.60 FTE/);
    expect(out).toMatch(/standard week: 36 hours/);
    expect(out).toMatch(/Errors \(1\)\n {2}Current!F10 {2}total-mismatch/);
    expect(out.indexOf("Errors (1)")).toBeLessThan(out.indexOf("Warnings ("));
    expect(out.indexOf("Warnings (")).toBeLessThan(out.indexOf("Info ("));
    expect(out.trimEnd().split("\n").at(-1)).toMatch(/^1 error, \d+ warnings, \d+ info$/);
  });

  it("prints the problems and counts as JSON with --json", async () => {
    const { code, out } = await run("validate", LEICESTER, "--json");
    expect(code).toBe(1);
    const json = JSON.parse(out) as {
      problems: {
        code: string;
        severity: string;
        sheet: string;
        cell: string;
        row: number;
        message: string;
        hint: string;
      }[];
      counts: { error: number; warning: number; info: number };
    };
    expect(Object.keys(json.problems[0] ?? {})).toEqual([
      "code",
      "severity",
      "sheet",
      "cell",
      "row",
      "message",
      "hint",
    ]);
    expect(json.counts.error).toBe(json.problems.filter((p) => p.severity === "error").length);
    // A.1 Placements Totals: 39.22 stated, 37.22 in its lines (samples/source/README.md)
    expect(json.problems).toContainEqual(
      expect.objectContaining({ code: "total-mismatch", severity: "error", sheet: "Current", cell: "D308", row: 308 }),
    );
  });

  it("exits 0 for a workbook with no errors, finding sheets by their names", async () => {
    const { code, out } = await run("validate", clean);
    expect(out).toMatch(/current: {2}Existing structure \(2 post lines, 1\.50 FTE/);
    expect(out).toMatch(/proposed: New structure \(2 post lines, 1\.50 FTE/);
    expect(out).toMatch(/grades: {3}Pay grades \(2 grades\)/);
    expect(out).toMatch(/^0 errors, 0 warnings, 0 info$/m);
    expect(code).toBe(0);
  });

  it("uses the sheets the user names", async () => {
    const { code, out } = await run(
      "validate",
      clean,
      "--current",
      "New structure",
      "--proposed",
      "Existing structure",
      "--json",
    );
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ counts: { error: 0 } });
  });

  it.each([
    [["validate"], /Give one workbook/],
    [["validate", BARNET, "--standard-hours", "lots"], /not a number of hours/],
    [["validate", BARNET, "--current", "Nope"], /no sheet "Nope".*"Current", "Proposed"/],
    [["validate", "samples/none.xlsx"], /samples\/none\.xlsx/],
    [["validate", "package.json"], /package\.json is not an Excel \.xlsx workbook/],
  ])("exits 2 with a message for %j", async (argv, message) => {
    const { code, err } = await run(...argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  it("exits 2 for an old .xls and a password-protected workbook, saying which", async () => {
    const ole = Buffer.alloc(1024);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    writeFileSync(join(dir, "old.xls"), ole);
    const encrypted = Buffer.concat([ole, Buffer.from("EncryptionInfo", "utf16le")]);
    writeFileSync(join(dir, "locked.xlsx"), encrypted);
    expect(await run("validate", join(dir, "old.xls"))).toMatchObject({ code: 2, err: expect.stringMatching(/\.xls/) });
    expect(await run("validate", join(dir, "locked.xlsx"))).toMatchObject({
      code: 2,
      err: expect.stringMatching(/password/i),
    });
  });

  it("never changes the workbook it reads", async () => {
    const hash = (): string => createHash("sha256").update(readFileSync(LEICESTER)).digest("hex");
    const before = { hash: hash(), mtime: statSync(LEICESTER).mtimeMs };
    await run("validate", LEICESTER);
    expect({ hash: hash(), mtime: statSync(LEICESTER).mtimeMs }).toEqual(before);
  });

  it("runs from dist with the same exit codes", () => {
    const errors = spawnSync(process.execPath, ["dist/cli/estab.js", "validate", BARNET, "--standard-hours", "36"], {
      encoding: "utf8",
    });
    expect(errors.status).toBe(1);
    expect(errors.stdout).toMatch(/Current!F10/);
    const ok = spawnSync(process.execPath, ["dist/cli/estab.js", "validate", clean], { encoding: "utf8" });
    expect(ok.status).toBe(0);
  });
});

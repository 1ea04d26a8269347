// Files that are hostile, broken or merely unusual (issue 7): each either reads, with problems
// located by sheet and cell, or stops with exit 2 and a message naming the file; never a crash,
// never an exhausted memory, and never a partial output file.
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { constants, deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/runCli";
import { readCell } from "../../src/core/establishment/SheetGrid";
import { readXlsxWorkbook } from "../../src/xlsx/readXlsxWorkbook";
import { deflatedEntry, type RawEntry, rawZip } from "./zipFixtures";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships";

// Several tests build and read files of tens of megabytes and run the CLI on them twice; the
// timeout is for a loaded machine, not a measure of speed (issue 6 measures that by benchmark).
const SLOW = 120_000;

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "bad-files-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/**
 * `megabytes` MB of zeros as raw deflate, built from one deflated 16 MB block repeated: blocks
 * ended with a full flush are byte-aligned and refer to nothing before them, so they can follow
 * one another, and 03 00 is an empty final block. Nothing this size is ever held unpacked.
 */
function zeros(megabytes: number, prefix = ""): { data: Uint8Array; size: number } {
  const block = 16;
  const chunk = deflateRawSync(Buffer.alloc(block * 1e6), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const head = deflateRawSync(Buffer.from(prefix), { finishFlush: constants.Z_FULL_FLUSH });
  const count = Math.floor(megabytes / block);
  const data = Buffer.concat([head, ...Array.from({ length: count }, () => chunk), Buffer.from([0x03, 0x00])]);
  return { data, size: Buffer.byteLength(prefix) + count * block * 1e6 };
}

/** The parts of a workbook with these worksheets (name, whole worksheet XML), shared strings optional. */
function workbookEntries(sheets: readonly (readonly [string, string])[], styles = ""): RawEntry[] {
  return [
    deflatedEntry(
      "[Content_Types].xml",
      `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
    ),
    deflatedEntry(
      "_rels/.rels",
      `<Relationships xmlns="${PACKAGE_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    deflatedEntry(
      "xl/workbook.xml",
      `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheets.map(([name], i) => `<sheet name="${name}" sheetId="${String(i + 1)}" r:id="rId${String(i + 1)}"/>`).join("")}</sheets></workbook>`,
    ),
    deflatedEntry(
      "xl/_rels/workbook.xml.rels",
      `<Relationships xmlns="${PACKAGE_REL}">${sheets.map((_, i) => `<Relationship Id="rId${String(i + 1)}" Type="${REL}/worksheet" Target="worksheets/sheet${String(i + 1)}.xml"/>`).join("")}<Relationship Id="rIdT" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    ),
    deflatedEntry(
      "xl/styles.xml",
      styles ||
        `<styleSheet xmlns="${MAIN}"><fonts><font/><font><b/></font></fonts><cellXfs><xf fontId="0"/><xf fontId="1" applyFont="1"/></cellXfs></styleSheet>`,
    ),
    ...sheets.map(([, xml], i) => deflatedEntry(`xl/worksheets/sheet${String(i + 1)}.xml`, xml)),
  ];
}

function inline(ref: string, text: string): string {
  return `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
}

/** A small establishment sheet's rows 1–4 (header, three posts) as worksheet XML rows. */
function establishmentRows(): string {
  return [
    `<row r="1">${inline("A1", "Post number")}${inline("B1", "Job title")}${inline("C1", "Grade")}${inline("D1", "FTE")}</row>`,
    `<row r="2"><c r="A2"><v>1001</v></c>${inline("B2", "Team Manager")}${inline("C2", "PO3")}<c r="D2"><v>1</v></c></row>`,
    `<row r="3"><c r="A3"><v>1002</v></c>${inline("B3", "Social Worker")}${inline("C3", "PO1")}<c r="D3"><v>0.5</v></c></row>`,
    `<row r="4"><c r="A4"><v>1003</v></c>${inline("B4", "Social Worker")}${inline("C4", "PO1")}<c r="D4"><v>1</v></c></row>`,
  ].join("");
}

function worksheet(rows: string, after = ""): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData>${after}</worksheet>`;
}

async function writeZip(name: string, entries: readonly RawEntry[]): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, rawZip(entries));
  return file;
}

/**
 * Runs validate and (unless told not to) reduce --out on `file`: both exit 2 naming the file, and
 * no output is left.
 */
async function expectRefused(file: string, message: RegExp, { reduce = true } = {}): Promise<void> {
  const validated = await run("validate", file);
  expect(validated.code, validated.err).toBe(2);
  expect(validated.err).toContain(file);
  expect(validated.err).toMatch(message);
  if (!reduce) return;
  const out = join(dir, `${file.split("/").at(-1)!}-out.xlsx`);
  const reduced = await run("reduce", file, "--out", out);
  expect(reduced.code, reduced.err).toBe(2);
  expect(reduced.err).toMatch(message);
  expect(existsSync(out)).toBe(false);
}

describe("zip bombs", () => {
  it(
    "refuses a part that would unpack to 3 GB, before unpacking anything",
    async () => {
      const bomb = zeros(3000, `<worksheet xmlns="${MAIN}"><sheetData>`);
      const entries = workbookEntries([["Current", worksheet(establishmentRows())]]).map((e) =>
        e.name === "xl/worksheets/sheet1.xml" ? { ...e, data: bomb.data, size: bomb.size, crc: 0 } : e,
      );
      const file = await writeZip("bomb-3gb.xlsx", entries);
      expect((await readFile(file)).length).toBeLessThan(5e6);
      await expectRefused(
        file,
        /is too large to read safely \(xl\/worksheets\/sheet1\.xml would unpack to 3\.0 GB, over the 1\.0 GB a part/,
      );
    },
    SLOW,
  );

  it(
    "refuses a part that unpacks a thousand times its packed size",
    async () => {
      const bomb = zeros(320);
      const entries = [
        ...workbookEntries([["Current", worksheet(establishmentRows())]]),
        { name: "xl/media/image1.png", ...bomb, crc: 0 },
      ];
      await expectRefused(
        await writeZip("bomb-ratio.xlsx", entries),
        /xl\/media\/image1\.png would unpack from .* to 320\.0 MB, [\d,]+ times its packed size/,
      );
    },
    SLOW,
  );

  it(
    "refuses parts that would unpack to over 2 GB together",
    async () => {
      const part = zeros(48);
      const entries = [
        ...workbookEntries([["Current", worksheet(establishmentRows())]]),
        ...Array.from({ length: 45 }, (_, i) => ({ name: `xl/media/image${String(i + 1)}.emf`, ...part, crc: 0 })),
      ];
      await expectRefused(
        await writeZip("bomb-total.xlsx", entries),
        /its parts would unpack to 2\.2 GB, over the 2\.0 GB this reader accepts/,
      );
    },
    SLOW,
  );

  it(
    "stops a part that unpacks to more than it declares (3 GB declared as 1 MB)",
    async () => {
      const bomb = zeros(3000, `<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData>`);
      const entries = workbookEntries([["Current", worksheet(establishmentRows())]]).map((e) =>
        e.name === "xl/worksheets/sheet1.xml" ? { ...e, data: bomb.data, size: 1_000_000, crc: 0 } : e,
      );
      await expectRefused(
        await writeZip("bomb-lying.xlsx", entries),
        /xl\/worksheets\/sheet1\.xml unpacks to more than the 1\.0 MB it declares/,
      );
    },
    SLOW,
  );
});

describe("sheets that reach Excel's limits", () => {
  it(
    "reads a sheet formatted out to column XFD and a row with data in all 16,384 columns",
    async () => {
      const cells = Array.from({ length: 16_384 }, (_, c) => `<c s="1"><v>${String(c)}</v></c>`).join("");
      const formatted = Array.from(
        { length: 2_000 },
        (_, r) =>
          `<row r="${String(r + 10)}"><c r="A${String(r + 10)}" s="1"/><c r="XFD${String(r + 10)}" s="1"/></row>`,
      ).join("");
      const rows = `${establishmentRows()}<row r="6">${cells}</row>${formatted}`;
      const file = await writeZip("xfd.xlsx", workbookEntries([["Current", worksheet(rows)]]));

      const [sheet] = await readXlsxWorkbook(file);
      expect(sheet!.rows).toHaveLength(6);
      expect(sheet!.rows[5]).toHaveLength(16_384);
      expect(readCell(sheet!.rows, 5, 16_383).value).toBe(16_383);

      const { code, out } = await run("validate", file, "--json");
      expect([0, 1]).toContain(code);
      expect(JSON.parse(out)).toHaveProperty("counts");
    },
    SLOW,
  );

  it(
    "reads a million empty formatted rows and cells as nothing, keeping no row after the last value",
    async () => {
      const parts: string[] = [establishmentRows()];
      for (let r = 5; r <= 1_048_576; r++) {
        parts.push(
          r % 2 === 0
            ? `<row r="${String(r)}" s="1" customFormat="1"/>`
            : `<row r="${String(r)}"><c r="A${String(r)}" s="1"/><c r="B${String(r)}" s="1"/></row>`,
        );
      }
      const file = await writeZip("million-rows.xlsx", workbookEntries([["Current", worksheet(parts.join(""))]]));
      const [sheet] = await readXlsxWorkbook(file);
      expect(sheet!.rows).toHaveLength(4);
      const { code, out } = await run("validate", file, "--json");
      expect([0, 1]).toContain(code);
      expect(JSON.parse(out)).toHaveProperty("counts");
    },
    SLOW,
  );

  it(
    "refuses a sheet whose values in column XFD would need more cells than memory holds",
    async () => {
      const rows = Array.from(
        { length: 4_000 },
        (_, r) =>
          `<row r="${String(r + 1)}"><c r="A${String(r + 1)}"><v>1</v></c><c r="XFD${String(r + 1)}"><v>1</v></c></row>`,
      ).join("");
      await expectRefused(
        await writeZip("xfd-every-row.xlsx", workbookEntries([["Current", worksheet(rows)]])),
        /sheet "Current" cell XFD\d+ takes it over 50,000,000 cells/,
        {
          // Reaching the limit takes 50 million cells each time; validate shows the reader stops.
          reduce: false,
        },
      );
    },
    SLOW,
  );

  it(
    "reads a 32,767-character job title intact",
    async () => {
      const title = `Team Manager ${"x".repeat(32_767 - 13)}`;
      const rows = establishmentRows().replace("Team Manager", title);
      const file = await writeZip("long-title.xlsx", workbookEntries([["Current", worksheet(rows)]]));
      const [sheet] = await readXlsxWorkbook(file);
      expect(readCell(sheet!.rows, 1, 1).value).toBe(title);
      const { code } = await run("validate", file);
      expect([0, 1]).toContain(code);
    },
    SLOW,
  );
});

describe("values where the reader does not expect them", () => {
  async function excelJsWorkbook(name: string, build: (sheet: ExcelJS.Worksheet) => void): Promise<string> {
    const workbook = new ExcelJS.Workbook();
    build(workbook.addWorksheet("Current"));
    const file = join(dir, name);
    await workbook.xlsx.writeFile(file);
    return file;
  }

  it(
    "reports a date in the FTE column at its cell",
    async () => {
      const file = await excelJsWorkbook("date-fte.xlsx", (sheet) => {
        sheet.addRows([
          ["Post number", "Job title", "Grade", "FTE"],
          [1001, "Team Manager", "PO3", 1],
          [1002, "Social Worker", "PO1", new Date(Date.UTC(2025, 3, 1))],
        ]);
        sheet.getCell("D3").numFmt = "dd/mm/yyyy";
      });
      const [sheet] = await readXlsxWorkbook(file);
      expect(readCell(sheet!.rows, 2, 3).value).toBe(45748);
      const { code, out } = await run("validate", file, "--json");
      expect(code).toBe(1);
      const problems = (JSON.parse(out) as { problems: { sheet: string; cell: string | null; severity: string }[] })
        .problems;
      expect(problems).toContainEqual(expect.objectContaining({ sheet: "Current", cell: "D3", severity: "error" }));
    },
    SLOW,
  );

  it(
    "reads a header with merged cells across it, the merged value in its top-left cell only",
    async () => {
      const file = await excelJsWorkbook("merged-header.xlsx", (sheet) => {
        sheet.getCell("A1").value = "Children's Services: proposed structure";
        sheet.mergeCells("A1:D1");
        sheet.addRow(["Post number", "Job title", "Grade", "FTE"]);
        sheet.mergeCells("B2:C2");
        sheet.addRow([1001, "Team Manager", "PO3", 1]);
        sheet.addRow([1002, "Social Worker", "PO1", 0.5]);
      });
      const [sheet] = await readXlsxWorkbook(file);
      expect(sheet!.rows[0]).toEqual(["Children's Services: proposed structure"]);
      expect(sheet!.rows[1]).toEqual(["Post number", "Job title", null, "FTE"]);
      const { code, out } = await run("validate", file, "--json");
      expect([0, 1]).toContain(code);
      const problems = (JSON.parse(out) as { problems: { sheet: string; cell: string | null; row: number | null }[] })
        .problems;
      for (const problem of problems) expect(problem.cell ?? problem.row, JSON.stringify(problem)).not.toBeNull();
    },
    SLOW,
  );
});

describe("files that are not workbooks", () => {
  it.each<[string, () => Buffer, RegExp]>([
    ["not-a-zip.xlsx", () => Buffer.from("Job title,FTE\n"), /is not an Excel \.xlsx workbook/],
    [
      "old.xls",
      () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]),
      /old Excel 97-2003 \.xls file/,
    ],
    [
      "protected.xlsx",
      () =>
        Buffer.concat([
          Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
          Buffer.alloc(512),
          Buffer.from("EncryptionInfo", "utf16le"),
        ]),
      /protected with a password/,
    ],
    [
      "truncated.xlsx",
      () => rawZip(workbookEntries([["Current", worksheet(establishmentRows())]])).subarray(0, 400),
      /damaged or truncated/,
    ],
    [
      "corrupt-deflate.xlsx",
      () => {
        const bytes = rawZip(workbookEntries([["Current", worksheet(establishmentRows())]]));
        // Scramble the sheet's deflate data: the zip directory still reads.
        const at = bytes.indexOf("xl/worksheets/sheet1.xml") + 24;
        for (let i = at; i < at + 40; i++) bytes[i] = 0xff;
        return bytes;
      },
      /damaged or truncated \(xl\/worksheets\/sheet1\.xml: /,
    ],
  ])(
    "%s",
    async (name, bytes, message) => {
      const file = join(dir, name);
      await writeFile(file, bytes());
      await expectRefused(file, message);
    },
    SLOW,
  );
});

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/runCli";
import type { OutputSheet } from "../../src/output/outputSheets";
import { addSheetsToPackage } from "../../src/xlsx/addSheetsToPackage";
import { nodeZipCodec } from "../../src/xlsx/nodeZipCodec";
import { openXlsxPackage } from "../../src/xlsx/openXlsxPackage";
import { findEndTag, findStartTag, findStartTags } from "../../src/xlsx/xmlTags";
import {
  CONTENT_TYPES,
  expectWellFormed,
  gnumericSheets,
  hasSsconvert,
  onCi,
  richWorkbook,
  sdkWorkbook,
  unzipAll,
} from "./writerFixtures";

// estab reduce --out on workbooks holding what ExcelJS would drop or garble: the copy must keep
// every original part byte for byte, declare the new sheets and tables correctly, and open in
// ExcelJS and in Gnumeric.

const dir = mkdtempSync(join(tmpdir(), "estab-package-writer-"));
const OUTPUT = ["Reduction table", "Post changes", "Staff impact", "Costed posts", "Assumptions"];
const decoder = new TextDecoder();
const skipGnumeric = !hasSsconvert && !onCi;

async function reduceInto(name: string, bytes: Uint8Array, ...options: string[]): Promise<string> {
  const input = join(dir, `${name}.xlsx`);
  const output = join(dir, `${name}-reduced.xlsx`);
  writeFileSync(input, bytes);
  const err: string[] = [];
  const code = await runCli(["reduce", input, ...options, "--out", output], {
    out: () => undefined,
    err: (t) => err.push(t),
  });
  expect(err.join("\n")).toBe("");
  expect(code).toBeLessThanOrEqual(1);
  return output;
}

function text(parts: ReadonlyMap<string, Uint8Array>, name: string): string {
  const bytes = parts.get(name);
  if (bytes === undefined) throw new Error(`no part ${name}`);
  return decoder.decode(bytes);
}

function same(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  return a !== undefined && b !== undefined && a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function resolve(source: string, target: string): string {
  const segments = target.startsWith("/") ? [] : source.split("/").slice(0, -1);
  for (const segment of target.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  return segments.join("/");
}

/** Every internal relationship of every rels part, resolved: [rels part, target part]. */
function relationshipTargets(parts: ReadonlyMap<string, Uint8Array>): [string, string][] {
  const targets: [string, string][] = [];
  for (const name of parts.keys()) {
    if (!name.endsWith(".rels")) continue;
    // "xl/_rels/workbook.xml.rels" holds the relationships of "xl/workbook.xml"; "_rels/.rels"
    // those of the package.
    const source = name.replace(/(^|\/)_rels\/([^/]*)\.rels$/, "$1$2");
    for (const tag of findStartTags(text(parts, name), "Relationship")) {
      if (tag.attributes.get("TargetMode") === "External") continue;
      targets.push([name, resolve(source, decodeURIComponent(tag.attributes.get("Target") ?? ""))]);
    }
  }
  return targets;
}

interface TablePart {
  readonly part: string;
  readonly id: string;
  readonly name: string;
  readonly ref: string;
  readonly columns: string[];
}

function tables(parts: ReadonlyMap<string, Uint8Array>): TablePart[] {
  return [...parts.keys()]
    .filter((name) => /^xl\/tables\/table\d+\.xml$/.test(name))
    .map((part) => {
      const xml = text(parts, part);
      const table = findStartTag(xml, "table");
      return {
        part,
        id: table?.attributes.get("id") ?? "",
        name: table?.attributes.get("name") ?? "",
        ref: table?.attributes.get("ref") ?? "",
        columns: findStartTags(xml, "tableColumn").map((tag) => tag.attributes.get("name") ?? ""),
      };
    });
}

describe("estab reduce --out on a workbook with a chart, custom XML, a defined name and a table", () => {
  let originalBytes: Uint8Array;
  let original: Map<string, Uint8Array>;
  let output: string;
  let copy: Map<string, Uint8Array>;

  beforeAll(async () => {
    originalBytes = await richWorkbook();
    original = await unzipAll(originalBytes);
    output = await reduceInto("rich", originalBytes);
    copy = await unzipAll(readFileSync(output));
  });

  it("keeps every original part byte for byte but the four that declare the new sheets", () => {
    const changed = [...original.keys()].filter((name) => !same(original.get(name), copy.get(name))).sort();
    expect(changed).toEqual([CONTENT_TYPES, "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/workbook.xml"].sort());
    for (const kept of [
      "xl/charts/chart1.xml",
      "xl/drawings/drawing1.xml",
      "customXml/item1.xml",
      "xl/tables/table1.xml",
    ]) {
      expect(same(original.get(kept), copy.get(kept)), kept).toBe(true);
    }
  });

  it("leaves every source sheet byte for byte and the workbook's view as it was: no output tab is selected", () => {
    expect(text(copy, "xl/worksheets/sheet1.xml")).toBe(text(original, "xl/worksheets/sheet1.xml"));
    const active = (pkg: typeof copy) =>
      findStartTag(text(pkg, "xl/workbook.xml"), "workbookView")?.attributes.get("activeTab");
    expect(active(copy)).toBe(active(original));
    const selected = [...copy.keys()].filter(
      (name) => name.startsWith("xl/worksheets/sheet") && /tabSelected="(1|true)"/.test(text(copy, name)),
    );
    expect(selected).toEqual(["xl/worksheets/sheet1.xml"]);
  });

  it("lists the new sheets after the old, with fresh sheet ids and relationship ids, taking the next free names", async () => {
    const workbook = text(copy, "xl/workbook.xml");
    const sheets = findStartTags(workbook, "sheet");
    expect(sheets.map((tag) => tag.attributes.get("name"))).toEqual([
      "Current",
      "Proposed",
      "Grades",
      "Reduction table",
      ...OUTPUT.map((name) => (name === "Reduction table" ? "Reduction table (2)" : name)),
    ]);
    const ids = sheets.map((tag) => tag.attributes.get("sheetId"));
    const relIds = sheets.map((tag) => tag.attributes.get("r:id"));
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(relIds).size).toBe(relIds.length);
    // Everything the old workbook part said is still there.
    const before = text(original, "xl/workbook.xml");
    for (const tag of findStartTags(before, "sheet")) expect(workbook).toContain(tag.source);
    const names = findStartTag(before, "definedNames");
    if (names === undefined) throw new Error("the fixture has no defined names");
    expect(workbook).toContain(before.slice(names.start, findEndTag(before, names)));

    const read = new ExcelJS.Workbook();
    await read.xlsx.readFile(output);
    expect(read.worksheets.map((sheet) => sheet.name)).toEqual(sheets.map((tag) => tag.attributes.get("name")));
    expect(read.getWorksheet("Reduction table (2)")?.getCell("A1").value).toBe("Section");
  });

  it("writes the tables with unique names and ids, refs over their blocks and column names equal to the header cells", async () => {
    const all = tables(copy);
    const added = all.filter((table) => !original.has(table.part));
    expect(added.map((table) => table.name).sort()).toEqual(["CostedPosts", "ReductionTable2"]);
    expect(new Set(all.map((table) => table.id)).size).toBe(all.length);
    expect(new Set(all.map((table) => table.name.toLowerCase())).size).toBe(all.length);

    const read = new ExcelJS.Workbook();
    await read.xlsx.readFile(output);
    for (const table of added) {
      const xml = text(copy, table.part);
      expect(findStartTag(xml, "autoFilter")?.attributes.get("ref")).toBe(table.ref);
      expect(findStartTag(xml, "tableColumns")?.attributes.get("count")).toBe(String(table.columns.length));
      const sheet = read.getWorksheet(table.name === "CostedPosts" ? "Costed posts" : "Reduction table (2)");
      const [first, last] = table.ref.split(":");
      const start = sheet?.getCell(first ?? "").fullAddress;
      const end = sheet?.getCell(last ?? "").fullAddress;
      expect(end?.col).toBeGreaterThanOrEqual(start?.col ?? Infinity);
      const headers = table.columns.map((_, i) => sheet?.getRow(start?.row ?? 0).getCell((start?.col ?? 0) + i).value);
      expect(headers).toEqual(table.columns);
      expect((end?.col ?? 0) - (start?.col ?? 0) + 1).toBe(table.columns.length);
      expect(new Set(table.columns.map((c) => c.toLowerCase())).size).toBe(table.columns.length);
      expect(table.columns.every((c) => c.trim() !== "")).toBe(true);
    }
    expect(added.find((table) => table.name === "ReductionTable2")?.ref).toMatch(/^A1:K\d+$/);
    expect(added.find((table) => table.name === "CostedPosts")?.ref).toMatch(/^A1:Q\d+$/);
  });

  it("declares every new part in [Content_Types].xml and every relationship resolves to a part", () => {
    const types = text(copy, CONTENT_TYPES);
    const overrides = new Map(
      findStartTags(types, "Override").map((tag) => [
        tag.attributes.get("PartName"),
        tag.attributes.get("ContentType"),
      ]),
    );
    const added = [...copy.keys()].filter((name) => !original.has(name));
    for (const part of added.filter((name) => !name.endsWith(".rels"))) {
      expect(overrides.get(`/${part}`), part).toMatch(
        /(spreadsheetml\.(worksheet|table)|drawing|drawingml\.chart)\+xml$/,
      );
    }
    for (const tag of findStartTags(text(original, CONTENT_TYPES), "Override")) expect(types).toContain(tag.source);
    for (const [rels, target] of relationshipTargets(copy)) expect(copy.has(target), `${rels} → ${target}`).toBe(true);
  });

  it("writes well-formed XML", () => {
    expectWellFormed(copy);
  });

  it("draws the two charts of the reduction table as native charts over its chart data", () => {
    const added = [...copy.keys()].filter((name) => !original.has(name));
    // The fixture's own chart1 and drawing1 are kept; the new ones take the next numbers.
    expect(added.filter((name) => /^xl\/(charts|drawings)\//.test(name)).sort()).toEqual([
      "xl/charts/chart2.xml",
      "xl/charts/chart3.xml",
      "xl/drawings/_rels/drawing2.xml.rels",
      "xl/drawings/drawing2.xml",
    ]);
    const sheet = relationshipTargets(copy).find(([, target]) => target === "xl/drawings/drawing2.xml")?.[0];
    expect(sheet).toMatch(/^xl\/worksheets\/_rels\/sheet\d+\.xml\.rels$/);
    const chart = text(copy, "xl/charts/chart2.xml");
    expect(chart).toContain("<a:t>FTE by grade, current and proposed</a:t>");
    expect(findStartTags(chart, "ser")).toHaveLength(2);
    expect(chart).toContain("<c:f>'Reduction table (2)'!$M$2:$M$");
  });

  it.skipIf(skipGnumeric)("opens in Gnumeric with the new sheets' figures", () => {
    const folder = join(dir, "rich-csv");
    mkdirSync(folder);
    const sheets = gnumericSheets(output, folder);
    expect(sheets).toHaveLength(9);
    expect(sheets[4]).toMatch(/^Section,"Job title","Proposed FTE"/);
    expect(sheets[7]).toMatch(/^Row,Side,Section,"Job title"/);
  });
});

describe("estab reduce --out when table names are taken, ignoring case, by tables and defined names", () => {
  it("takes the next free table names", async () => {
    const bytes = await richWorkbook({ tables: ["ReductionTable", "COSTEDPOSTS"], definedNames: ["reductiontable2"] });
    const copy = await unzipAll(readFileSync(await reduceInto("taken", bytes)));
    const names = tables(copy).map((table) => table.name);
    expect(names.sort()).toEqual(["COSTEDPOSTS", "CostedPosts2", "ReductionTable", "ReductionTable3"].sort());
  });
});

describe("addSheetsToPackage on a package as the Open XML SDK writes it", () => {
  it("adds a styles part and keeps the prefixes, the task pane and every other part", async () => {
    const bytes = await sdkWorkbook();
    const original = await unzipAll(bytes);
    const codec = nodeZipCodec();
    const pkg = await openXlsxPackage(bytes, codec);
    expect(pkg.sheets.map((sheet) => [sheet.name, sheet.part])).toEqual([["Sheet1", "xl/worksheets/sheet.xml"]]);
    const sheet: OutputSheet = {
      kind: "table",
      name: "Reduction table",
      rows: [
        [
          { value: "Grade", bold: true },
          { value: "FTE", bold: true },
        ],
        [{ value: "PO1" }, { value: 1.5, numFmt: "0.00;(0.00)" }],
      ],
      widths: [10, 8],
      frozenRows: 1,
      tables: [{ name: "ReductionTable", range: "A1:B2" }],
    };
    const written = await addSheetsToPackage(pkg, [sheet], codec);
    const output = join(dir, "sdk-reduced.xlsx");
    writeFileSync(output, Buffer.concat(written.chunks));
    const copy = await unzipAll(readFileSync(output));

    const changed = [...original.keys()].filter((name) => !same(original.get(name), copy.get(name))).sort();
    expect(changed).toEqual([CONTENT_TYPES, "xl/_rels/workbook.xml.rels", "xl/workbook.xml"].sort());
    expect([...written.edited].sort()).toEqual(changed);
    const workbook = text(copy, "xl/workbook.xml");
    // The workbook element declares no relationships prefix: the new sheet declares its own.
    expect(workbook).toMatch(/<x:sheet name="Reduction table" sheetId="2" r:id="rId\d+" xmlns:r="[^"]+"\/>/);
    expect(text(copy, CONTENT_TYPES)).toContain('<Override PartName="/xl/styles.xml"');
    expect(relationshipTargets(copy).filter(([, target]) => !copy.has(target))).toEqual([]);
    expectWellFormed(copy);

    // ExcelJS cannot read prefixed SpreadsheetML (x:workbook), this file's or the original: Gnumeric can.
    if (!skipGnumeric) {
      const folder = join(dir, "sdk-csv");
      mkdirSync(folder);
      expect(gnumericSheets(output, folder)).toEqual(["Hello\n", "Grade,FTE\nPO1,1.5\n"]);
    }
  });
});

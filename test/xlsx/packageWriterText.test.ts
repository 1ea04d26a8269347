import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { OutputCell, OutputSheet } from "../../src/output/outputSheets";
import { addSheetsToPackage } from "../../src/xlsx/addSheetsToPackage";
import { nodeZipCodec } from "../../src/xlsx/nodeZipCodec";
import { openXlsxPackage } from "../../src/xlsx/openXlsxPackage";
import { isTableName, planTable } from "../../src/xlsx/planTable";
import { findStartTags } from "../../src/xlsx/xmlTags";
import { decodeXmlText, escapeXmlAttribute, escapeXmlText } from "../../src/xlsx/xmlText";
import { establishment, expectWellFormed, gnumericSheets, hasSsconvert, onCi, unzipAll } from "./writerFixtures";

// Text the package writer puts in cells: whatever an HR sheet holds is written as text (an inline
// string, never a formula), escaped so that the XML stays well-formed and reads back as written.

const dir = mkdtempSync(join(tmpdir(), "estab-writer-text-"));

const FORMULA_LIKE = [
  "=SUM(A1:A2)",
  '=HYPERLINK("http://x","y")',
  "+44 help",
  "-minus",
  "@at",
  "\tTabbed",
  "\rCarriage",
];
const XML_SPECIAL = ["A & B <c> \"d\" 'e'", "]]> end", "Line one\nLine two", "  padded  ", "£ € 漢字 😀"];
const CONTROL = ["Bell\u0007", "Nul\u0000here", "\uFFFEnot a character", "lone \uD800 surrogate"];
const LITERAL_ESCAPE = "Room _x0041_ stays";

function sheetOf(texts: readonly string[]): OutputSheet {
  return {
    kind: "costed",
    name: "Costed posts",
    rows: [[{ value: "Text", bold: true }], ...texts.map((text): OutputCell[] => [{ value: text }])],
    widths: [40],
    frozenRows: 1,
  };
}

describe("text written by the package writer", () => {
  const texts = [...FORMULA_LIKE, ...XML_SPECIAL, ...CONTROL, LITERAL_ESCAPE];
  let file: string;
  let sheetXml: string;

  beforeAll(async () => {
    const workbook = new ExcelJS.Workbook();
    establishment(workbook);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const codec = nodeZipCodec();
    const written = await addSheetsToPackage(await openXlsxPackage(bytes, codec), [sheetOf(texts)], codec);
    file = join(dir, "text.xlsx");
    writeFileSync(file, Buffer.concat(written.chunks));
    const parts = await unzipAll(Buffer.concat(written.chunks));
    expectWellFormed(parts);
    sheetXml = new TextDecoder().decode(parts.get("xl/worksheets/sheet4.xml"));
  });

  it("writes every text cell as an inline string, never a formula", () => {
    expect(sheetXml).not.toContain("<f>");
    const cells = sheetXml.match(/<c [^>]*>/g) ?? [];
    expect(cells).toHaveLength(texts.length + 1);
    for (const cell of cells) expect(cell).toContain('t="inlineStr"');
  });

  it("reads back through ExcelJS as written: formula-like, XML-special, tab, line breaks, non-ASCII", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet("Costed posts");
    const read = texts.map((_, i) => sheet?.getCell(`A${String(i + 2)}`));
    for (const [i, text] of [...FORMULA_LIKE, ...XML_SPECIAL].entries()) {
      expect(read[i]?.formula, JSON.stringify(text)).toBeFalsy();
      expect(read[i]?.type, JSON.stringify(text)).toBe(ExcelJS.ValueType.String);
      expect(read[i]?.value, JSON.stringify(text)).toBe(text);
    }
  });

  it("writes what XML cannot hold as ST_Xstring escapes, and escapes a literal escape", () => {
    // ECMA-376 Part 1, 22.9.2.19: _xHHHH_ for a character XML 1.0 cannot hold, _x005F_ before a
    // literal escape. (ExcelJS does not decode these; Excel does.)
    expect(sheetXml).toContain("<t>Bell_x0007_</t>");
    expect(sheetXml).toContain("<t>Nul_x0000_here</t>");
    expect(sheetXml).toContain("<t>_xFFFE_not a character</t>");
    expect(sheetXml).toContain("<t>lone _xD800_ surrogate</t>");
    expect(sheetXml).toContain("<t>Room _x005F_x0041_ stays</t>");
    expect(sheetXml).toContain('<t xml:space="preserve">  padded  </t>');
    expect(sheetXml).toContain("&#13;Carriage");
  });

  it.skipIf(!hasSsconvert && !onCi)("opens in Gnumeric with the text as text", () => {
    const folder = join(dir, "text-csv");
    mkdirSync(folder);
    const csv = gnumericSheets(file, folder)[3] ?? "";
    // A formula would come out as its value; the text comes out as written.
    expect(csv).toContain("\n=SUM(A1:A2)\n");
    expect(csv).toContain('\n"+44 help"\n-minus\n@at\n"\tTabbed"\n"\rCarriage"\n');
    expect(csv).toContain('\n"A & B <c> ""d"" \'e\'"\n');
  });
});

describe("escapeXmlText, escapeXmlAttribute and decodeXmlText", () => {
  it("leave plain text as it is and escape the rest", () => {
    expect(escapeXmlText("Social worker")).toBe("Social worker");
    expect(escapeXmlText("a<b>&c\r\n\t")).toBe("a&lt;b&gt;&amp;c&#13;\n\t");
    expect(escapeXmlAttribute('a"b\tc\nd')).toBe("a&quot;b&#9;c&#10;d");
    expect(escapeXmlText("😀 _x00e9_ _x12_")).toBe("😀 _x005F_x00e9_ _x12_");
  });

  it("decode what they escape back to the text written, whatever it holds", () => {
    // Markup, white space, what XML cannot hold, and the makings of a _xHHHH_ escape.
    const unit = fc.constantFrom(...[..."a &<>\"'\t\n\r_x0Dé😀"], "\u0001", "\uFFFE", "\uD800", "\uDC00");
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 24 }), (text) => {
        expect(decodeXmlText(escapeXmlText(text))).toBe(text);
        expect(decodeXmlText(escapeXmlAttribute(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});

describe("planTable", () => {
  const rows: OutputCell[][] = [
    [{ value: "Grade" }, { value: "" }, { value: "grade" }, { value: " Pay\nband " }, { value: 2025 }],
    [{ value: "PO1" }, { value: 1 }, { value: 2 }, { value: 3 }, { value: 4 }],
  ];

  it("names the columns after the header cells, non-empty and unique ignoring case", () => {
    const table = planTable({ name: "Grades", range: "A1:E2" }, rows, new Set(), 7);
    expect(table.columns).toEqual(["Grade", "Column2", "grade2", "Pay band", "2025"]);
    expect(table.id).toBe(7);
    const xml = table.xml;
    expect(findStartTags(xml, "tableColumn").map((tag) => tag.attributes.get("name"))).toEqual(table.columns);
    expect(xml).toContain('ref="A1:E2"');
    expect(xml).toContain('<autoFilter ref="A1:E2"/>');
  });

  it("takes the next free name and refuses names Excel would not take", () => {
    const taken = new Set(["grades", "grades2"]);
    expect(planTable({ name: "Grades", range: "A1:B2" }, rows, taken, 1).name).toBe("Grades3");
    expect(taken.has("grades3")).toBe(true);
    expect(() => planTable({ name: "Grades", range: "A1:B1" }, rows, new Set(), 1)).toThrow(/no row under its header/);
    for (const name of ["A1", "R1C1", "r", "Has space", "1st", ""]) expect(isTableName(name), name).toBe(false);
    for (const name of ["ReductionTable2", "_private", "Costed.posts", "Tabellé"])
      expect(isTableName(name), name).toBe(true);
  });
});

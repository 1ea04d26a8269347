import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import fc from "fast-check";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import type { GridRow, SheetGrid } from "../../src/core/establishment/SheetGrid";
import { GridBudget } from "../../src/xlsx/GridBudget";
import { nodeZipCodec } from "../../src/xlsx/nodeZipCodec";
import { openZipPackage } from "../../src/xlsx/openZipPackage";
import { gridsFromWorkbook } from "../../src/xlsx/gridsFromWorkbook";
import { readCellStyles } from "../../src/xlsx/readCellStyles";
import { readWorkbookPart } from "../../src/xlsx/readWorkbookPart";
import { readXlsxPackage } from "../../src/xlsx/readXlsxPackage";
import { SharedStringsScanner } from "../../src/xlsx/SharedStringsScanner";
import { UnusableFileError, type UnusableFileReason } from "../../src/xlsx/UnusableFileError";
import { WorksheetScanner } from "../../src/xlsx/WorksheetScanner";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const codec = nodeZipCodec();

/** A font list and cell formats: s="1" is struck through, s="2" a date format, s="3" both. */
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><strike/><sz val="11"/></font></fonts>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="1"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0" fontId="0" xfId="0"/><xf numFmtId="0" fontId="1" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" xfId="0"/><xf numFmtId="14" fontId="1" xfId="0"><alignment wrapText="1"/></xf></cellXfs>
<dxfs count="1"><dxf><font><strike/></font></dxf></dxfs></styleSheet>`;

interface PackageSpec {
  /** Worksheets in tab order: name and the <sheetData> content (or a whole part when it starts with "<?xml"). */
  sheets: readonly (readonly [string, string])[];
  strings?: readonly string[];
  styles?: string;
  date1904?: boolean;
  /** Parts to add or (with null) leave out. */
  parts?: Readonly<Record<string, string | null>>;
}

function worksheetXml(body: string): string {
  return body.startsWith("<?xml")
    ? body
    : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols><col min="1" max="2" width="9"/></cols><sheetData>${body}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
}

function packageParts(spec: PackageSpec): Record<string, string> {
  const parts: Record<string, string> = {
    "[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`,
    "_rels/.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PACKAGE_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr${spec.date1904 === true ? ' date1904="1"' : ""}/><sheets>${spec.sheets
      .map(([name], i) => `<sheet name="${escape(name)}" sheetId="${String(i + 1)}" r:id="rId${String(i + 1)}"/>`)
      .join("")}</sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PACKAGE_REL}">${spec.sheets
      .map(
        (_, i) =>
          `<Relationship Id="rId${String(i + 1)}" Type="${REL}/worksheet" Target="worksheets/sheet${String(i + 1)}.xml"/>`,
      )
      .join(
        "",
      )}<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rIdT" Type="${REL}/styles" Target="/xl/styles.xml"/></Relationships>`,
    "xl/sharedStrings.xml": `<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="${MAIN}" count="${String(spec.strings?.length ?? 0)}">${(spec.strings ?? []).join("")}</sst>`,
    "xl/styles.xml": spec.styles ?? STYLES,
  };
  spec.sheets.forEach(([, body], i) => {
    parts[`xl/worksheets/sheet${String(i + 1)}.xml`] = worksheetXml(body);
  });
  for (const [name, content] of Object.entries(spec.parts ?? {})) {
    if (content === null) delete parts[name];
    else parts[name] = content;
  }
  return parts;
}

async function zipParts(parts: Readonly<Record<string, string>>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(parts)) zip.file(name, content);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

async function read(spec: PackageSpec): Promise<SheetGrid[]> {
  return readXlsxPackage(await zipParts(packageParts(spec)), "test.xlsx", codec);
}

/** The rows of a one-sheet package. */
async function rowsOf(body: string, strings: readonly string[] = [], extra: Partial<PackageSpec> = {}) {
  const [sheet] = await read({ sheets: [["Sheet1", body]], strings, ...extra });
  return sheet!.rows;
}

async function failure(spec: PackageSpec | Uint8Array): Promise<UnusableFileError> {
  const bytes = spec instanceof Uint8Array ? spec : await zipParts(packageParts(spec));
  const error: unknown = await readXlsxPackage(bytes, "bad.xlsx", codec).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UnusableFileError);
  return error as UnusableFileError;
}

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
}

const si = (text: string) => `<si><t xml:space="preserve">${text}</t></si>`;

describe("readXlsxPackage: cell types", () => {
  it.each<[string, string, readonly string[], readonly GridRow[]]>([
    [
      "numbers (n and no t), as Excel writes them",
      `<row r="1"><c r="A1"><v>42</v></c><c r="B1" t="n"><v>0.5</v></c><c r="C1"><v>-1.5E-3</v></c><c r="D1"><v>1e+21</v></c><c r="E1"><v>-7</v></c><c r="F1"><v>0.1</v></c><c r="G1"><v>123456789012345678</v></c></row>`,
      [],
      [[42, 0.5, -0.0015, 1e21, -7, 0.1, Number("123456789012345678")]],
    ],
    [
      "shared strings, with entities, _xHHHH_ escapes and kept spaces",
      `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>`,
      [
        si("Fish &amp; chips &lt;b&gt; &quot;q&quot; &apos;a&apos;"),
        si("line one_x000D_&#10;line two&#x2603;&#128512;"),
        si("  padded  "),
        si("_x005F_x000D_ stays"),
      ],
      [[`Fish & chips <b> "q" 'a'`, "line one\r\nline two☃😀", "  padded  ", "_x000D_ stays"]],
    ],
    [
      "empty strings as blanks, so they do not widen the row",
      `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="str"><v></v></c><c r="D1" t="inlineStr"><is><t></t></is></c></row>`,
      ["<si><t/></si>", si("x")],
      [[null, "x"]],
    ],
    [
      "inline strings, plain and rich",
      `<row r="1"><c r="A1" t="inlineStr"><is><t>Team Manager</t></is></c><c r="B1" t="inlineStr"><is><r><t>Social </t></r><r><rPr><b/></rPr><t>Worker</t></r></is></c></row>`,
      [],
      [["Team Manager", "Social Worker"]],
    ],
    [
      "booleans",
      `<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c><c r="C1" t="b"><f>1=1</f><v>1</v></c></row>`,
      [],
      [[true, false, true]],
    ],
    [
      "errors, plain and struck, and from formulas",
      `<row r="1"><c r="A1" t="e"><v>#REF!</v></c><c r="B1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="C1" s="1" t="e"><v>#N/A</v></c></row>`,
      [],
      [
        [
          { value: null, error: "#REF!" },
          { value: null, error: "#DIV/0!" },
          { value: null, error: "#N/A", struck: true },
        ],
      ],
    ],
    [
      "formulas by their cached values; one never calculated is blank",
      `<row r="1"><c r="A1"><f>21*2</f><v>42</v></c><c r="B1" t="str"><f>"a"&amp;"b"</f><v>a&amp;b</v></c><c r="C1"><f t="shared" ref="C1:C2" si="0">A1+1</f><v>43</v></c><c r="D1"><f>NOW()</f></c></row><row r="2"><c r="C2"><f t="shared" si="0"/><v>44</v></c></row>`,
      [],
      [
        [42, "a&b", 43],
        [null, null, 44],
      ],
    ],
    [
      "ISO dates (t=d) as serials",
      `<row r="1"><c r="A1" t="d"><v>2012-09-01T00:00:00Z</v></c><c r="B1" t="d"><v>2025-04-01T18:00:00</v></c><c r="C1" t="d"><v>1900-03-01</v></c></row>`,
      [],
      [[41153, 45748.75, 61]],
    ],
    [
      "date-formatted numbers as their serials",
      `<row r="1"><c r="A1" s="2"><v>41153</v></c><c r="B1" s="3"><v>45748.75</v></c></row>`,
      [],
      [[41153, { value: 45748.75, struck: true }]],
    ],
    [
      "rows and cells without r follow the one before",
      `<row><c><v>1</v></c><c><v>2</v></c><c r="E1"><v>5</v></c><c><v>6</v></c></row><row r="3"><c r="B3"><v>3</v></c></row><row><c><v>4</v></c></row>`,
      [],
      [[1, 2, null, null, 5, 6], [], [null, 3], [4]],
    ],
    [
      "empty and formatted cells and rows are not kept, nor anything after the last value",
      `<row r="1" s="1" customFormat="1"/><row r="2"><c r="A2" s="1"/><c r="B2" s="1" t="s"/><c r="C2" s="1"><v>7</v></c><c r="D2" s="1"/></row><row r="3" s="1" customFormat="1"><c r="A3" s="1"/></row><row r="4"><c r="XFD4" s="1"/></row>`,
      [],
      [[], [null, null, { value: 7, struck: true }]],
    ],
    [
      "CDATA sections and comments in text",
      `<row r="1"><c r="A1" t="str"><v><![CDATA[a & <b>]]><!-- note -->c</v></c><c r="B1" t="inlineStr"><is><t><![CDATA[x&amp;y]]></t></is></c></row>`,
      [],
      [["a & <b>c", "x&amp;y"]],
    ],
    [
      "phonetic runs are not part of the text",
      `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`,
      ['<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>'],
      [["東京"]],
    ],
    [
      "attribute values holding > and quotes in either style",
      `<row r='1' x14ac:dyDescent="a>b"><c r='A1' t='s' cm="1>2"><v>0</v></c></row>`,
      [si("ok")],
      [["ok"]],
    ],
  ])("reads %s", async (_name, body, strings, expected) => {
    expect(await rowsOf(body, strings)).toEqual(expected);
  });

  it("reads strike-through from the cell's font: <strike/>, val 1 or true; val 0 or false is not struck", async () => {
    const fonts = [
      "<strike/>",
      '<strike val="1"/>',
      '<strike val="true"/>',
      '<strike val="0"/>',
      '<strike val="false"/>',
    ];
    const styles = `<styleSheet xmlns="${MAIN}"><fonts><font/>${fonts.map((f) => `<font>${f}</font>`).join("")}</fonts><cellXfs><xf/>${fonts
      .map((_, i) => `<xf fontId="${String(i + 1)}"/>`)
      .join("")}</cellXfs></styleSheet>`;
    const cells = fonts.map(
      (_, i) => `<c r="${String.fromCharCode(65 + i)}1" s="${String(i + 1)}"><v>${String(i)}</v></c>`,
    );
    expect(await rowsOf(`<row r="1">${cells.join("")}</row>`, [], { styles })).toEqual([
      [{ value: 0, struck: true }, { value: 1, struck: true }, { value: 2, struck: true }, 3, 4],
    ]);
  });

  it("reads rich text as struck only when all its visible text is, runs without a font taking the cell's", async () => {
    const struckRun = (text: string) => `<r><rPr><strike/><sz val="11"/></rPr><t xml:space="preserve">${text}</t></r>`;
    const plainRun = (text: string) => `<r><t xml:space="preserve">${text}</t></r>`;
    const boldRun = (text: string) => `<r><rPr><b/></rPr><t xml:space="preserve">${text}</t></r>`;
    const strings = [
      `<si>${struckRun("* ")}${struckRun("Team Manager")}</si>`,
      `<si>${struckRun("Support Worker")}${plainRun(" ")}</si>`,
      `<si>${plainRun("* ")}${struckRun("Team Manager")}</si>`,
      `<si>${plainRun("Chef")}${plainRun(" (nights)")}</si>`,
      `<si>${plainRun("Chef")}${boldRun(" (nights)")}</si>`,
      `<si>${struckRun("x")}<r><rPr><strike val="0"/></rPr><t>y</t></r></si>`,
      `<si>${plainRun(" ")}</si>`,
    ];
    const rows = await rowsOf(
      `<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row><row r="3"><c r="A3" t="s"><v>2</v></c></row>` +
        `<row r="4"><c r="A4" s="1" t="s"><v>3</v></c></row><row r="5"><c r="A5" s="1" t="s"><v>4</v></c></row><row r="6"><c r="A6" s="1" t="s"><v>5</v></c></row>` +
        `<row r="7"><c r="A7" s="1" t="s"><v>6</v></c><c r="B7" t="inlineStr"><is>${struckRun("gone")}</is></c></row>`,
      strings,
    );
    expect(rows).toEqual([
      [{ value: "* Team Manager", struck: true }],
      [{ value: "Support Worker ", struck: true }],
      ["* Team Manager"],
      [{ value: "Chef (nights)", struck: true }],
      ["Chef (nights)"],
      ["xy"],
      [" ", { value: "gone", struck: true }],
    ]);
  });

  it("reads a 32,767-character cell (Excel's most) intact, shared or inline, escaped or not", async () => {
    const long = "x&y<z".repeat(6553) + "ab";
    expect(long).toHaveLength(32_767);
    const escaped = escape(long);
    const rows = await rowsOf(
      `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>${escaped}</t></is></c><c r="C1" t="str"><v>${escaped}</v></c></row>`,
      [si(escaped)],
    );
    expect(rows).toEqual([[long, long, long]]);
  });

  it("drops values inside a merged range other than its top-left, and copies nothing across it", async () => {
    const body = `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1"><v>3</v></c></row><row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>2</v></c></row><row r="3"><c r="B3"><v>9</v></c></row>`;
    const xml = worksheetXml(body).replace(
      "</sheetData>",
      '</sheetData><mergeCells count="2"><mergeCell ref="A1:B2"/><mergeCell ref="B3:C4"/></mergeCells>',
    );
    expect(await rowsOf(xml, [si("RESOURCES"), si("hidden")])).toEqual([["RESOURCES", null, 3], [], [null, 9]]);
  });

  it("adds 1,462 days to date-formatted numbers of a 1904 workbook, as the ExcelJS path did, and nothing else", async () => {
    const rows = await rowsOf(`<row r="1"><c r="A1" s="2"><v>39691</v></c><c r="B1"><v>39691</v></c></row>`, [], {
      date1904: true,
    });
    expect(rows).toEqual([[41153, 39691]]);
  });

  it("reads parts whose elements carry a namespace prefix", async () => {
    const sheet = `<?xml version="1.0"?><x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"><x:v>2</x:v></x:c></x:row></x:sheetData><x:mergeCells><x:mergeCell ref="A1:B1"/></x:mergeCells></x:worksheet>`;
    const strings = `<?xml version="1.0"?><x:sst xmlns:x="${MAIN}"><x:si><x:r><x:rPr><x:strike/></x:rPr><x:t>p</x:t></x:r></x:si></x:sst>`;
    const [grid] = await read({ sheets: [["S", sheet]], parts: { "xl/sharedStrings.xml": strings } });
    expect(grid!.rows).toEqual([[{ value: "p", struck: true }]]);
  });
});

describe("readXlsxPackage: the workbook", () => {
  it("returns worksheets in tab order, resolving relative and absolute targets, without chart sheets", async () => {
    const workbook = `<workbook xmlns="${MAIN}" xmlns:rel="${REL}"><sheets><sheet name="Proposed" sheetId="5" rel:id="rId2"/><sheet name="Chart1" sheetId="2" rel:id="rId3"/><sheet name="R&amp;D &lt;new&gt;" sheetId="1" state="hidden" rel:id="rId1"/></sheets></workbook>`;
    const rels = `<Relationships xmlns="${PACKAGE_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/worksheet" Target="./worksheets/../worksheets/sheet2.xml"/><Relationship Id="rId3" Type="${REL}/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`;
    const grids = await read({
      sheets: [
        ["ignored", `<row r="1"><c r="A1"><v>1</v></c></row>`],
        ["ignored", `<row r="2"><c r="A2"><v>2</v></c></row>`],
      ],
      parts: {
        "xl/workbook.xml": workbook,
        "xl/_rels/workbook.xml.rels": rels,
        "xl/sharedStrings.xml": null,
        "xl/styles.xml": null,
      },
    });
    expect(grids).toEqual([
      { name: "Proposed", rows: [[], [2]] },
      { name: "R&D <new>", rows: [[1]] },
    ]);
  });

  it("finds the workbook part through the package relationships, and part names ignoring case", async () => {
    const parts = packageParts({ sheets: [["Only", `<row r="1"><c r="A1"><v>1</v></c></row>`]] });
    const moved: Record<string, string> = {};
    for (const [name, content] of Object.entries(parts)) moved[name.replace(/^xl\//, "Book/")] = content;
    moved["_rels/.rels"] = parts["_rels/.rels"]!.replace("xl/workbook.xml", "book/Workbook.xml");
    const bytes = await zipParts(moved);
    expect(await readXlsxPackage(bytes, "moved.xlsx", codec)).toEqual([{ name: "Only", rows: [[1]] }]);
    // The package writer finds the workbook and sheet parts by the same readWorkbookPart.
    const workbook = await readWorkbookPart(openZipPackage(bytes, codec));
    expect([workbook.part, workbook.relsPart]).toEqual(["Book/workbook.xml", "Book/_rels/workbook.xml.rels"]);
    expect(workbook.sheets.map((sheet) => [sheet.name, sheet.part])).toEqual([["Only", "Book/worksheets/sheet1.xml"]]);
    // The styles target is absolute (/xl/styles.xml), and xl/ was moved: no styles part.
    expect([workbook.styles?.path, workbook.styles?.part]).toEqual(["xl/styles.xml", null]);
    expect(workbook.sharedStrings?.part).toBe("Book/sharedStrings.xml");
  });

  it("reads a sheet fed in chunks cut anywhere exactly as in one piece", () => {
    const strings = new SharedStringsScanner("xl/sharedStrings.xml", new GridBudget());
    strings.feed(`<sst xmlns="${MAIN}">${si("a &amp; b")}<si><r><rPr><strike/></rPr><t>gone</t></r></si></sst>`);
    const context = { strings: strings.finish(), styles: readCellStyles(STYLES), date1904: false };
    const xml = worksheetXml(
      `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>0.25</v></c><c r="C1" t="inlineStr"><is><t>in&#10;line</t></is></c></row><row r="3" spans="1:3"><c r="C3" t="s"><v>1</v></c><c r="D3" t="e"><v>#N/A</v></c></row>`,
    ).replace("</sheetData>", '</sheetData><mergeCells><mergeCell ref="C3:D3"/></mergeCells>');
    const whole = new WorksheetScanner("S", { ...context, budget: new GridBudget() });
    whole.feed(xml);
    const expected = whole.finish();
    expect(expected.rows).toEqual([
      ["a & b", { value: 0.25, struck: true }, "in\nline"],
      [],
      [null, null, { value: "gone", struck: true }],
    ]);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: xml.length - 1 }), { maxLength: 40 }), (cuts) => {
        const scanner = new WorksheetScanner("S", { ...context, budget: new GridBudget() });
        let from = 0;
        for (const cut of [...cuts].sort((a, b) => a - b)) {
          scanner.feed(xml.slice(from, cut));
          from = cut;
        }
        scanner.feed(xml.slice(from));
        expect(scanner.finish()).toEqual(expected);
      }),
      { numRuns: 300 },
    );
    // Character by character.
    const scanner = new WorksheetScanner("S", { ...context, budget: new GridBudget() });
    for (const ch of xml) scanner.feed(ch);
    expect(scanner.finish()).toEqual(expected);
  });

  it("stops a sheet past the cell limit, counting the blanks before each row's last value", () => {
    const scanner = new WorksheetScanner("Wide", {
      strings: { texts: [], strikes: [] },
      styles: readCellStyles(STYLES),
      date1904: false,
      budget: new GridBudget(40_000),
    });
    expect(() =>
      scanner.feed(
        worksheetXml(
          `<row r="1"><c r="XFD1"><v>1</v></c></row><row r="2"><c r="XFD2"><v>1</v></c></row><row r="3"><c r="XFD3"><v>1</v></c></row>`,
        ),
      ),
    ).toThrow(/sheet "Wide" cell XFD3 takes it over 40,000 cells/);
  });
});

describe("readXlsxPackage: packages it cannot read", () => {
  const oneSheet = (body: string): PackageSpec => ({ sheets: [["Current", body]], strings: [si("a")] });

  it.each<[string, PackageSpec, UnusableFileReason, RegExp]>([
    [
      "no workbook relationships",
      { ...oneSheet(""), parts: { "xl/_rels/workbook.xml.rels": null } },
      "unreadable",
      /xl\/_rels\/workbook\.xml\.rels is missing/,
    ],
    [
      "a sheet without its relationship",
      {
        ...oneSheet(""),
        parts: {
          "xl/workbook.xml": `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Current" sheetId="1" r:id="rId9"/></sheets></workbook>`,
        },
      },
      "unreadable",
      /sheet "Current" has no relationship rId9/,
    ],
    [
      "a missing sheet part",
      { ...oneSheet(""), parts: { "xl/worksheets/sheet1.xml": null } },
      "unreadable",
      /sheet "Current": its part xl\/worksheets\/sheet1\.xml is missing/,
    ],
    [
      "no workbook part",
      { ...oneSheet(""), parts: { "xl/workbook.xml": null } },
      "unreadable",
      /it has no workbook part/,
    ],
    ["no sheets", { sheets: [] }, "unreadable", /it has no worksheets/],
    [
      "a shared string that is not there",
      oneSheet(`<row r="7"><c r="B7" t="s"><v>3</v></c></row>`),
      "unreadable",
      /sheet "Current" cell B7: shared string 3 is not in the table of 1/,
    ],
    [
      "text where a number belongs",
      oneSheet(`<row r="7"><c r="B7"><v>abc</v></c></row>`),
      "unreadable",
      /sheet "Current" cell B7: "abc" is not a number/,
    ],
    [
      "an unknown cell type",
      oneSheet(`<row r="2"><c r="C2" t="x"><v>1</v></c></row>`),
      "unreadable",
      /cell C2: cell type "x" is unknown/,
    ],
    [
      "a bad date",
      oneSheet(`<row r="2"><c r="A2" t="d"><v>1 April</v></c></row>`),
      "unreadable",
      /cell A2: "1 April" is not an ISO 8601 date/,
    ],
    [
      "a bad cell reference",
      oneSheet(`<row r="2"><c r="2A"><v>1</v></c></row>`),
      "unreadable",
      /"2A" is not a cell reference/,
    ],
    ["a row beyond row 1,048,576", oneSheet(`<row r="1048577"><c><v>1</v></c></row>`), "unreadable", /is not a row/],
    [
      "a row cut short",
      {
        ...oneSheet(""),
        parts: {
          "xl/worksheets/sheet1.xml": `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c>`,
        },
      },
      "unreadable",
      /sheet "Current" ends before <\/row>/,
    ],
    [
      "a sheet part that is not XML",
      { ...oneSheet(""), parts: { "xl/worksheets/sheet1.xml": "not xml" } },
      "unreadable",
      /sheet "Current" has no XML in it/,
    ],
    [
      "a Word document",
      { sheets: [], parts: { "xl/workbook.xml": null, "word/document.xml": "<w:document/>" } },
      "not-xlsx",
      /it is a Word document/,
    ],
    [
      "a zip that is no Office file",
      {
        sheets: [],
        parts: {
          ...Object.fromEntries(
            [
              "[Content_Types].xml",
              "_rels/.rels",
              "xl/workbook.xml",
              "xl/_rels/workbook.xml.rels",
              "xl/sharedStrings.xml",
              "xl/styles.xml",
            ].map((n) => [n, null]),
          ),
          "notes.txt": "hello",
        },
      },
      "not-xlsx",
      /it is a zip archive, not a workbook/,
    ],
  ])("says so for %s", async (_name, spec, reason, message) => {
    const error = await failure(spec);
    expect(error.reason).toBe(reason);
    expect(error.message).toMatch(/^bad\.xlsx /);
    expect(error.message).toMatch(message);
  });

  it("tells old .xls files, password-protected workbooks and other files apart by their first bytes", async () => {
    const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
    const encrypted = new Uint8Array([
      ...ole,
      ...new Uint8Array(100),
      ...[..."EncryptionInfo"].flatMap((c) => [c.charCodeAt(0), 0]),
    ]);
    expect((await failure(new Uint8Array([...ole, 0, 0]))).reason).toBe("old-xls");
    expect((await failure(encrypted)).reason).toBe("password-protected");
    expect((await failure(new TextEncoder().encode("Job title,FTE\n"))).reason).toBe("not-xlsx");
    expect((await failure(new Uint8Array(0))).reason).toBe("not-xlsx");
  });
});

describe("readXlsxPackage gives the grids the ExcelJS path gives", () => {
  async function viaExcelJs(bytes: Uint8Array): Promise<SheetGrid[]> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx["load"]>[0]);
    return gridsFromWorkbook(workbook);
  }

  it.each(["samples/barnet-leaving-care-2012.xlsx", "samples/leicester-2013-14.xlsx"])("on %s", async (file) => {
    const bytes = new Uint8Array(await readFile(file));
    expect(await readXlsxPackage(bytes, file, codec)).toEqual(await viaExcelJs(bytes));
  });

  // Text without _xHHHH_ look-alikes (ExcelJS decodes them only in shared strings, upper case only).
  const text = fc
    .string({
      unit: fc.constantFrom(
        "a",
        "B",
        " ",
        "&",
        "<",
        ">",
        '"',
        "'",
        "\n",
        "\r",
        "\t",
        "£",
        "é",
        "😀",
        "*",
        "_",
        "x",
        "0",
        "1",
      ),
      maxLength: 12,
    })
    .filter((t) => !/_x[0-9A-Fa-f]{4}_/.test(t));
  // The ExcelJS path reads a date-formatted number beyond JavaScript's dates (±100,000,000 days)
  // as #NUM!; this reader keeps the number, as Excel's Range.values does.
  const dateSafeInteger = fc.integer({ min: -3_000_000, max: 3_000_000 });
  const font = fc.option(fc.record({ strike: fc.boolean(), bold: fc.boolean() }), { nil: undefined });
  const value = fc.oneof(
    // Within Excel's dates and in 1/1024ths of a day, which a date survives to the millisecond: the
    // ExcelJS path turns date-formatted numbers into Dates and back, rounding to milliseconds.
    fc.integer({ min: -3_000_000_000, max: 3_000_000_000 }).map((k) => k / 1024),
    fc.constantFrom(0.1, 0.81, 1.5, 37.5, -2.25),
    dateSafeInteger,
    text,
    fc.boolean(),
    fc.constantFrom(...["#REF!", "#N/A", "#DIV/0!", "#VALUE!"].map((error) => ({ error }))),
    fc.array(fc.record({ text, font }), { minLength: 1, maxLength: 3 }).map((runs) => ({
      richText: runs.map((run) => (run.font === undefined ? { text: run.text } : { text: run.text, font: run.font })),
    })),
    // ExcelJS 4.4 loses a formula's cached FALSE and 0 (the ExcelJS path reads them as blank).
    fc.record({
      formula: fc.constant("1+1"),
      result: fc.oneof(
        dateSafeInteger.filter((n) => n !== 0),
        text,
        fc.constant(true),
        fc.constant({ error: "#N/A" as const }),
      ),
    }),
    fc.record({ text, hyperlink: fc.constant("https://example.org/") }),
    // Whole days and eighths of a day, which a float carries exactly both ways.
    fc
      .tuple(fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 0, max: 7 }))
      .map(([day, eighth]) => new Date(Date.UTC(1960, 0, 1 + day, eighth * 3))),
  );
  const cell = fc.record({
    row: fc.integer({ min: 1, max: 12 }),
    column: fc.integer({ min: 1, max: 8 }),
    value,
    struck: fc.boolean(),
    numFmt: fc.constantFrom(undefined, "0.00", "dd/mm/yyyy"),
  });
  const sheet = fc.record({
    // One value a cell: a value written over another keeps the first one's number format, and
    // ExcelJS 4.4 reads a date-formatted formula's error as a date (the ExcelJS path as blank).
    cells: fc.uniqueArray(cell, { maxLength: 25, selector: (c) => `${String(c.row)},${String(c.column)}` }),
    merges: fc.array(fc.tuple(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 6 })), { maxLength: 2 }),
  });

  it("on random workbooks written by ExcelJS", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(sheet, { minLength: 1, maxLength: 3 }), async (sheets) => {
        const workbook = new ExcelJS.Workbook();
        sheets.forEach((spec, i) => {
          const worksheet = workbook.addWorksheet(`Sheet ${String(i + 1)} & co`);
          for (const { row, column, value: v, struck, numFmt } of spec.cells) {
            const target = worksheet.getCell(row, column);
            target.value = v as ExcelJS.CellValue;
            if (struck) target.font = { strike: true };
            // ExcelJS 4.4 turns any value of a date-formatted formula into a Date, text into an
            // invalid one (the ExcelJS path reads it as blank), and the ExcelJS path misreads
            // dates before the year 100: date formats go on Excel's dates only (from 0).
            if (
              numFmt === "0.00" ||
              (numFmt !== undefined && ((typeof v === "number" && v >= 0) || v instanceof Date))
            ) {
              target.numFmt = numFmt;
            }
          }
          for (const [row, column] of spec.merges) {
            try {
              worksheet.mergeCells(row, column, row + 1, column + 1);
            } catch {
              // Overlaps an earlier merge.
            }
          }
        });
        const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
        expect(await readXlsxPackage(bytes, "random.xlsx", codec)).toEqual(await viaExcelJs(bytes));
      }),
      { numRuns: 50 },
    );
  }, 60_000);
});

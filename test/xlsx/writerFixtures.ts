// Workbooks for the package writer's tests, built here so the tests need no binary fixtures: an
// establishment made with ExcelJS, then given (through JSZip) what ExcelJS cannot write or would
// drop: a chart on a drawing, custom XML, a selected tab, a defined name.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { XMLValidator } from "fast-xml-parser";
import JSZip from "jszip";
import { expect } from "vitest";

export const CONTENT_TYPES = "[Content_Types].xml";

const CHART_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  '<c:chart><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>' +
  '<c:ser><c:idx val="0"/><c:order val="0"/><c:cat><c:strRef><c:f>Grades!$A$2:$A$3</c:f></c:strRef></c:cat>' +
  "<c:val><c:numRef><c:f>Grades!$B$2:$B$3</c:f></c:numRef></c:val></c:ser>" +
  '<c:axId val="1"/><c:axId val="2"/></c:barChart>' +
  '<c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="2"/></c:catAx>' +
  '<c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="1"/></c:valAx>' +
  '</c:plotArea><c:plotVisOnly val="1"/></c:chart></c:chartSpace>';

const DRAWING_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">' +
  "<xdr:twoCellAnchor><xdr:from><xdr:col>4</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>" +
  "<xdr:to><xdr:col>10</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>15</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>" +
  '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Chart 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>' +
  '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">' +
  '<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/>' +
  "</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>";

/** Current and proposed establishments and a grades table, as `estab reduce` reads them. */
export function establishment(workbook: ExcelJS.Workbook): void {
  workbook.addWorksheet("Current").addRows([
    ["Post number", "Job title", "Grade", "FTE"],
    [1, "Social worker", "PO1", 1],
    [2, "Team manager", "PO3", 1],
    [3, "Clerk", "SCP 10", 0.5],
  ]);
  workbook.addWorksheet("Proposed").addRows([
    ["Post number", "Job title", "Grade", "FTE"],
    [1, "Social worker", "PO1", 1],
    [4, "Senior social worker", "PO3", 1],
  ]);
  workbook.addWorksheet("Grades").addRows([
    ["Grade", "Salary"],
    ["PO1", 35000],
    ["PO3", 41000],
  ]);
}

/** Text of a zip entry, or undefined. */
export async function entryText(zip: JSZip, path: string): Promise<string | undefined> {
  return zip.file(path)?.async("string");
}

/**
 * The establishment with, beside it, a sheet "Reduction table" holding an Excel table
 * "ReductionTable" (so the output takes the next free names), a chart on a drawing over Grades,
 * custom XML, a defined name, and the Current tab selected in its sheet view.
 */
export async function richWorkbook(
  options: { tables?: readonly string[]; definedNames?: readonly string[] } = {},
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  establishment(workbook);
  const old = workbook.addWorksheet("Reduction table");
  (options.tables ?? ["ReductionTable"]).forEach((name, i) => {
    old.addTable({
      name,
      ref: `${String.fromCharCode(65 + i * 3)}1`,
      headerRow: true,
      columns: [{ name: "Item" }, { name: "Amount" }],
      rows: [
        ["a", 1],
        ["b", 2],
      ],
    });
  });
  for (const name of options.definedNames ?? ["Budget"]) workbook.definedNames.add("Grades!$B$2", name);
  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());

  // A chart over the grades: a drawing part on the Grades sheet, and the chart part it shows.
  const grades = "xl/worksheets/sheet3.xml";
  const sheet = (await entryText(zip, grades)) ?? "";
  zip.file(grades, sheet.replace("</worksheet>", '<drawing r:id="rIdChart"/></worksheet>'));
  zip.file(
    "xl/worksheets/_rels/sheet3.xml.rels",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rIdChart" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"/></Relationships>',
  );
  zip.file("xl/drawings/drawing1.xml", DRAWING_XML);
  zip.file(
    "xl/drawings/_rels/drawing1.xml.rels",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart1.xml"/></Relationships>',
  );
  zip.file("xl/charts/chart1.xml", CHART_XML);
  zip.file(
    "customXml/item1.xml",
    '<?xml version="1.0" encoding="UTF-8"?><budget xmlns="urn:council:budget">16653800</budget>',
  );
  const types = (await entryText(zip, CONTENT_TYPES)) ?? "";
  zip.file(
    CONTENT_TYPES,
    types.replace(
      "</Types>",
      '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>' +
        '<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>',
    ),
  );
  // The Current tab selected, as Excel saves the tab that was open.
  const current = (await entryText(zip, "xl/worksheets/sheet1.xml")) ?? "";
  zip.file(
    "xl/worksheets/sheet1.xml",
    current.replace(
      /<sheetViews>[\s\S]*?<\/sheetViews>|(?=<sheetFormatPr)/,
      '<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>',
    ),
  );
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/**
 * A package as the Open XML SDK writes one (the office-addin-dev-settings templates): prefixed
 * elements, byte-order marks, absolute targets, the relationships namespace declared on the sheet
 * element, no styles part, and a web extension task pane ExcelJS would drop. Stored, not deflated,
 * with data descriptors.
 */
export async function sdkWorkbook(): Promise<Uint8Array> {
  const bom = "\uFEFF";
  const zip = new JSZip();
  zip.file(
    CONTENT_TYPES,
    `${bom}<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml" /><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml" /><Override PartName="/xl/worksheets/sheet.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml" /><Override PartName="/xl/webextensions/taskpanes.xml" ContentType="application/vnd.ms-office.webextensiontaskpanes+xml" /></Types>`,
  );
  zip.file(
    "_rels/.rels",
    `${bom}<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml" Id="R717b618cfe814096" /><Relationship Type="http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes" Target="/xl/webextensions/taskpanes.xml" Id="R5841e3d9dba14e5e" /></Relationships>`,
  );
  zip.file(
    "xl/workbook.xml",
    `${bom}<?xml version="1.0" encoding="utf-8"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheets><x:sheet name="Sheet1" sheetId="1" r:id="Rce87e4c0887747bb" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" /></x:sheets></x:workbook>`,
  );
  zip.file(
    "xl/_rels/workbook.xml.rels",
    `${bom}<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet.xml" Id="Rce87e4c0887747bb" /></Relationships>`,
  );
  zip.file(
    "xl/worksheets/sheet.xml",
    `${bom}<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Hello</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`,
  );
  zip.file(
    "xl/webextensions/taskpanes.xml",
    `${bom}<?xml version="1.0" encoding="utf-8"?><wetp:taskpanes xmlns:wetp="http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11"><wetp:taskpane dockstate="" visibility="1" width="350" row="1"/></wetp:taskpanes>`,
  );
  return zip.generateAsync({ type: "uint8array", compression: "STORE", streamFiles: true });
}

/** Every entry of a package, uncompressed, by name (directories left out). */
export async function unzipAll(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = new Map<string, Uint8Array>();
  for (const [name, file] of Object.entries(zip.files)) {
    if (!file.dir) parts.set(name, await file.async("uint8array"));
  }
  return parts;
}

/** Checks that every XML part of the package is well-formed XML (fast-xml-parser's validator). */
export function expectWellFormed(parts: ReadonlyMap<string, Uint8Array>): void {
  const decoder = new TextDecoder();
  for (const [name, bytes] of parts) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    const result = XMLValidator.validate(decoder.decode(bytes));
    expect(result, `${name}: ${JSON.stringify(result)}`).toBe(true);
  }
}

export const hasSsconvert = spawnSync("ssconvert", ["--version"], { encoding: "utf8" }).status === 0;
export const onCi = (process.env.CI ?? "") !== "";

// Gnumeric 1.12 has no reader for Excel tables (ListObjects): it names the tableParts element it
// skips. Any other message is a problem with the file.
const KNOWN_GNUMERIC_NOTES = [/^Unexpected element 'tableParts' in state : $/, /^\s*worksheet$/];

/**
 * Opens the workbook in Gnumeric (ssconvert, one CSV per sheet) and returns the CSV text of each
 * sheet by index; fails on any message other than Gnumeric's note on Excel tables.
 */
export function gnumericSheets(file: string, folder: string): string[] {
  const result = spawnSync("ssconvert", ["-S", file, `${folder}/%n.csv`], { encoding: "utf8" });
  expect(result.error).toBeUndefined();
  expect(result.status, result.stderr).toBe(0);
  const unexpected = result.stderr
    .split("\n")
    .filter((line) => line.trim() !== "" && !KNOWN_GNUMERIC_NOTES.some((note) => note.test(line)));
  expect(unexpected, result.stderr).toEqual([]);
  const sheets: string[] = [];
  for (let i = 0; ; i += 1) {
    try {
      sheets.push(readFileSync(`${folder}/${String(i)}.csv`, "utf8"));
    } catch {
      return sheets;
    }
  }
}

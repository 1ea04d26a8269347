import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/runCli";
import { compareWorkbookParts } from "../../src/xlsx/compareWorkbookParts";
import { findChangedParts } from "../../src/xlsx/findChangedParts";
import { nodeZipCodec } from "../../src/xlsx/nodeZipCodec";

async function zip(paths: readonly string[]): Promise<Uint8Array> {
  const archive = new JSZip();
  for (const path of paths) archive.file(path, "<x/>");
  return archive.generateAsync({ type: "uint8array" });
}

async function rezip(bytes: Uint8Array, edit: (archive: JSZip) => void | Promise<void>): Promise<Uint8Array> {
  const archive = await JSZip.loadAsync(bytes);
  await edit(archive);
  return archive.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

describe("compareWorkbookParts", () => {
  it("names the kinds of content the copy lost, and nothing else", async () => {
    const original = await zip(["xl/workbook.xml", "xl/charts/chart1.xml", "xl/vbaProject.bin", "xl/media/image1.png"]);
    const copy = await zip(["xl/workbook.xml", "xl/media/image1.png"]);
    expect(await compareWorkbookParts(original, copy)).toEqual(["charts", "macros"]);
    expect(await compareWorkbookParts(original, original)).toEqual([]);
  });
});

describe("findChangedParts", () => {
  const codec = nodeZipCodec();
  const SHEET =
    '<worksheet xmlns="urn:main"><sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>';
  const WORKBOOK =
    '<workbook xmlns="urn:main"><sheets><sheet name="A" sheetId="1"/></sheets><definedNames><definedName name="X">A!$A$1</definedName></definedNames></workbook>';

  async function original(): Promise<Uint8Array> {
    const archive = new JSZip();
    archive.file("xl/workbook.xml", WORKBOOK);
    archive.file("xl/worksheets/sheet1.xml", SHEET);
    archive.file("xl/charts/chart1.xml", "<chart/>");
    return archive.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  }

  it("accepts a copy that only adds, re-compressed or not", async () => {
    const before = await original();
    const after = await rezip(before, (archive) => {
      archive.file("xl/workbook.xml", WORKBOOK.replace("</sheets>", '<sheet name="B" sheetId="2"/></sheets>'));
      archive.file("xl/worksheets/sheet2.xml", SHEET);
    });
    expect(await findChangedParts(before, after, ["xl/workbook.xml"], codec)).toEqual([]);
  });

  it("names a part that is missing, changed, or edited beyond adding", async () => {
    const before = await original();
    const after = await rezip(before, (archive) => {
      archive.remove("xl/charts/chart1.xml");
      archive.file("xl/workbook.xml", WORKBOOK.replace(/<definedNames>.*<\/definedNames>/, ""));
      // Not even a source sheet's tab selection may change.
      archive.file("xl/worksheets/sheet1.xml", SHEET.replace(' tabSelected="1"', ""));
    });
    expect(await findChangedParts(before, after, ["xl/workbook.xml"], codec)).toEqual([
      "xl/workbook.xml lost some of its content",
      "xl/worksheets/sheet1.xml is not the same",
      "xl/charts/chart1.xml is missing",
    ]);
    const touched = await rezip(before, (archive) => {
      archive.file("xl/charts/chart1.xml", "<chart />");
    });
    expect(await findChangedParts(before, touched, [], codec)).toEqual(["xl/charts/chart1.xml is not the same"]);
  });
});

describe("estab reduce --out on a workbook with a chart", () => {
  it("writes the copy with the chart part as it was, and no warning", async () => {
    const dir = mkdtempSync(join(tmpdir(), "estab-parts-"));
    const archive = await JSZip.loadAsync(readFileSync("samples/barnet-leaving-care-2012.xlsx"));
    archive.file("xl/charts/chart1.xml", "<c:chartSpace/>");
    const input = join(dir, "with-chart.xlsx");
    writeFileSync(input, await archive.generateAsync({ type: "uint8array" }));
    const err: string[] = [];
    const out = join(dir, "out.xlsx");
    const code = await runCli(["reduce", input, "--standard-hours", "36", "--out", out], {
      out: () => undefined,
      err: (text) => err.push(text),
    });
    expect(code).toBe(1); // built; the sample's §5.4 total is an error in the input
    expect(err.join("\n")).toBe("");
    expect(await (await JSZip.loadAsync(readFileSync(out))).file("xl/charts/chart1.xml")?.async("string")).toBe(
      "<c:chartSpace/>",
    );
    expect(await compareWorkbookParts(readFileSync(input), readFileSync(out))).toEqual([]);
  });
});

import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/runCli";
import { compareWorkbookParts } from "../../src/xlsx/compareWorkbookParts";

async function zip(paths: readonly string[]): Promise<Uint8Array> {
  const archive = new JSZip();
  for (const path of paths) archive.file(path, "<x/>");
  return archive.generateAsync({ type: "uint8array" });
}

describe("compareWorkbookParts", () => {
  it("names the kinds of content the copy lost, and nothing else", async () => {
    const original = await zip(["xl/workbook.xml", "xl/charts/chart1.xml", "xl/vbaProject.bin", "xl/media/image1.png"]);
    const copy = await zip(["xl/workbook.xml", "xl/media/image1.png"]);
    expect(await compareWorkbookParts(original, copy)).toEqual(["charts", "macros"]);
    expect(await compareWorkbookParts(original, original)).toEqual([]);
  });
});

describe("estab reduce --out on a workbook with a chart", () => {
  it("writes the copy and warns that the chart could not be carried", async () => {
    const dir = mkdtempSync(join(tmpdir(), "estab-parts-"));
    const archive = await JSZip.loadAsync(readFileSync("samples/barnet-leaving-care-2012.xlsx"));
    archive.file("xl/charts/chart1.xml", "<c:chartSpace/>");
    const input = join(dir, "with-chart.xlsx");
    writeFileSync(input, await archive.generateAsync({ type: "uint8array" }));
    const err: string[] = [];
    const code = await runCli(["reduce", input, "--standard-hours", "36", "--out", join(dir, "out.xlsx")], {
      out: () => undefined,
      err: (text) => err.push(text),
    });
    expect(code).toBe(1); // built; the sample's §5.4 total is an error in the input
    expect(err.join("\n")).toMatch(/warning: .*out\.xlsx lacks the charts of/);
  });
});

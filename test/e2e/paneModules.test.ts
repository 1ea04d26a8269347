import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { serveDirectory } from "../../scripts/static-server.mjs";
import { buildReduction, DEFAULT_REDUCTION_SETTINGS, validateWorkbook } from "../../src/core";
import { DEFAULT_PANE_SETTINGS } from "../../src/host/PaneSettings";
import { BrowserHost } from "../../src/standalone/BrowserHost";
import { compactPounds } from "../../src/standalone/gradeChart";
import { propertyValue, readOfficeSettings } from "../../src/standalone/officeSettings";
import { compareGrades, NO_GRADE, summariseByGrade } from "../../src/output/gradeSummary";
import {
  checkFlatRate,
  checkPayYear,
  checkPension,
  checkTaxYear,
  readBudget,
  readFlatRate,
  readStandardHours,
} from "../../src/taskpane/settingsFields";
import { parseStoredSettings, serialiseSettings, SETTINGS_SHEET_NAME } from "../../src/host/storedSettings";
import { gridsFromWorkbook, readXlsxWorkbook } from "../../src/xlsx/readXlsxWorkbook";

// The pane's and the standalone page's modules that need no browser, tested in Node; the page
// itself is driven in Chromium by standalone.e2e.test.ts.

const LEICESTER = "samples/leicester-2013-14.xlsx";

describe("settings stored in the workbook", () => {
  it("read back as they were saved", () => {
    const settings = {
      ...DEFAULT_PANE_SETTINGS,
      sheets: { current: "Proposed", proposed: "Proposed", grades: "Bands", titleMap: null },
      pension: "TPS",
      levy: false,
      budget: 16653800,
      standardHours: 36,
      niMethod: "monthly" as const,
      point: "mid" as const,
    };
    expect(parseStoredSettings(serialiseSettings(settings))).toEqual(settings);
  });

  it("trust nothing: wrong types take the defaults, unknown fields are dropped, other text is no settings", () => {
    const stored = JSON.stringify({
      format: "establishment-costing/pane-settings@1",
      levy: "yes",
      budget: "lots",
      standardHours: Number.NaN,
      point: "<script>",
      payYear: { toString: 1 },
      extra: "dropped",
      sheets: { current: 7, proposed: "Proposed" },
    });
    expect(parseStoredSettings(stored)).toEqual({
      ...DEFAULT_PANE_SETTINGS,
      sheets: { current: null, proposed: "Proposed", grades: null, titleMap: null },
    });
    for (const text of [
      "",
      "not json",
      "[]",
      "null",
      "42",
      '{"format":"other@9","levy":false}',
      '{"hello":1}',
      5,
      null,
    ]) {
      expect(parseStoredSettings(text), String(text)).toBeNull();
    }
  });

  it("read the Excel host's bare PaneSettings JSON too", () => {
    expect(parseStoredSettings(JSON.stringify({ ...DEFAULT_PANE_SETTINGS, budget: 100 }))?.budget).toBe(100);
  });
});

describe("settings fields", () => {
  it("accept what the engine accepts and say what to write otherwise", () => {
    expect(checkPayYear("2025/26")).toBeNull();
    expect(checkPayYear("20x5")).toMatch(/is not a pay year: write 2025\/26/);
    expect(checkPayYear("2040/41")).toMatch(/No NJC pay rates are known for 2040\/41/);
    expect(checkTaxYear("2012/13")).toBeNull();
    expect(checkTaxYear("1999")).toMatch(/No employer NI rates are held/);
    expect(checkPension("")).toBeNull();
    expect(checkPension("TPS")).toBeNull();
    expect(checkPension("19.5")).toMatch(/write 19.5% or 0.195/);
    expect(checkFlatRate("")).toBeNull();
    expect(checkFlatRate("30%")).toBeNull();
    expect(checkFlatRate("30")).toMatch(/write 30% or 0.3/);
    expect(readFlatRate("0.3")).toBe(0.3);
    expect(readFlatRate("1e3")).toBeNull();
    expect(readStandardHours("36.5")).toBe(36.5);
    expect(readStandardHours("169")).toBeNull();
    expect(readStandardHours("-1")).toBeNull();
    expect(readBudget("£16,653,800")).toBe(16653800);
    expect(readBudget(" 1234.50 ")).toBe(1234.5);
    expect(readBudget("")).toBeNull();
    expect(readBudget("1.234")).toBeUndefined();
    expect(readBudget("-5")).toBeUndefined();
    expect(readBudget("1e9")).toBeUndefined();
  });
});

describe("the chart's figures", () => {
  it("order grades naturally, No grade last", () => {
    expect(["10", "2", NO_GRADE, "10-11", "Chief", "6-9"].sort(compareGrades)).toEqual([
      "2",
      "6-9",
      "10",
      "10-11",
      "Chief",
      NO_GRADE,
    ]);
  });

  it("add up to the reduction table's totals, side by side", async () => {
    const grids = await readXlsxWorkbook(LEICESTER);
    const validation = validateWorkbook(grids, { sheets: { current: "Proposed", proposed: "Proposed" } });
    const reduction = buildReduction(validation, new Map(), DEFAULT_REDUCTION_SETTINGS, {
      builtOn: "2026-01-01",
      version: "test",
    });
    const figures = summariseByGrade(reduction.table);
    const sum = (pick: (g: (typeof figures)[number]) => number) => figures.reduce((s, g) => s + pick(g), 0);
    const { total } = reduction.table;
    expect(sum((g) => g.currentFte)).toBeCloseTo(total.currentFte, 6);
    expect(sum((g) => g.proposedFte)).toBeCloseTo(total.proposedFte, 6);
    expect(sum((g) => g.currentCost)).toBe(total.currentCost);
    expect(sum((g) => g.proposedCost)).toBe(total.proposedCost);
    expect(figures.map((g) => g.grade)).toEqual([...figures.map((g) => g.grade)].sort(compareGrades));
  });

  it("label money compactly", () => {
    expect(compactPounds(14_800_304)).toBe("£14.80m");
    expect(compactPounds(520_800)).toBe("£521k");
    expect(compactPounds(800)).toBe("£800");
    expect(compactPounds(-1500)).toBe("-£2k");
  });
});

describe("settings the Excel add-in saved in the file", () => {
  it("are read from the web extension part, entities decoded", async () => {
    const settings = JSON.stringify({ ...DEFAULT_PANE_SETTINGS, budget: 5 });
    const value = JSON.stringify(settings).replace(/&/g, "&amp;").replace(/"/g, "&quot;");
    const zip = new JSZip();
    zip.file(
      "xl/webextensions/webextension1.xml",
      `<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11"><we:properties><we:property name="Office.AutoShowTaskpaneWithDocument" value="true"/><we:property value="${value}" name="estab.settings"/></we:properties></we:webextension>`,
    );
    const bytes = await zip.generateAsync({ type: "uint8array" });
    const text = await readOfficeSettings(bytes);
    expect(text).toBe(settings);
    expect(parseStoredSettings(text)?.budget).toBe(5);
    expect(await readOfficeSettings(new Uint8Array(readFileSync(LEICESTER)))).toBeNull();
    expect(await readOfficeSettings(new Uint8Array([1, 2, 3]))).toBeNull();
    expect(propertyValue("<p:property name='a' value='&#x3C;&#60;&#99999999;'/>", "a")).toBe("<<&#99999999;");
  });
});

describe("BrowserHost over an ExcelJS workbook", () => {
  async function leicester(): Promise<{ workbook: ExcelJS.Workbook; host: BrowserHost; events: string[] }> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(LEICESTER) as unknown as ExcelJS.Buffer);
    const events: string[] = [];
    const host = new BrowserHost(workbook, {
      reveal: (sheet, cell) => void events.push(`reveal ${sheet}!${cell}`),
      changed: (change) =>
        void events.push(change.kind === "outputs" ? `outputs ${change.sheets.join("|")}` : "settings"),
    });
    return { workbook, host, events };
  }

  it("reads the sheets exactly as the CLI reads the file", async () => {
    const { host } = await leicester();
    expect(await host.sheetNames()).toEqual(["Current", "Proposed", "Bands", "Title map"]);
    const progress: string[] = [];
    const grids = await host.readSheets(["Proposed", "Current"], (done, total) =>
      progress.push(`${String(done)}/${String(total)}`),
    );
    const file = await readXlsxWorkbook(LEICESTER);
    expect(grids.map((g) => JSON.stringify(g))).toEqual([file[1], file[0]].map((g) => JSON.stringify(g)));
    expect(progress).toEqual(["1/2", "2/2"]);
    await expect(host.readSheets(["Nope"])).rejects.toThrow(
      /There is no sheet "Nope" in this workbook: choose one of "Current"/,
    );
  });

  it("keeps settings in a very hidden sheet that the sheet list leaves out", async () => {
    const { workbook, host, events } = await leicester();
    expect(await host.loadSettings()).toBeNull();
    await host.saveSettings({ ...DEFAULT_PANE_SETTINGS, budget: 12 });
    await host.saveSettings({ ...DEFAULT_PANE_SETTINGS, budget: 13 });
    expect((await host.loadSettings())?.budget).toBe(13);
    expect(workbook.getWorksheet(SETTINGS_SHEET_NAME)?.state).toBe("veryHidden");
    expect(await host.sheetNames()).not.toContain(SETTINGS_SHEET_NAME);
    await expect(host.readSheets([SETTINGS_SHEET_NAME])).rejects.toThrow(/There is no sheet/);
    expect(events).toEqual(["settings", "settings"]);
  });

  it("adds the output sheets under free names, leaving the source sheets as they were", async () => {
    const { workbook, host, events } = await leicester();
    const before = gridsFromWorkbook(workbook).map((g) => JSON.stringify(g));
    const grids = await host.readSheets(await host.sheetNames());
    const reduction = buildReduction(validateWorkbook(grids), new Map(), DEFAULT_REDUCTION_SETTINGS, {
      builtOn: "2026-01-01",
      version: "test",
    });
    const first = await host.writeOutputs(reduction);
    const second = await host.writeOutputs(reduction);
    expect(first[0]).toBe("Reduction table");
    expect(second[0]).toBe("Reduction table (2)");
    expect(
      gridsFromWorkbook(workbook)
        .slice(0, 4)
        .map((g) => JSON.stringify(g)),
    ).toEqual(before);
    expect(events[0]).toBe(`outputs ${first.join("|")}`);
  });

  it("reveals only real sheets and cells", async () => {
    const { host, events } = await leicester();
    await host.reveal("Current", "D308");
    expect(events).toEqual(["reveal Current!D308"]);
    await expect(host.reveal("Gone", "A1")).rejects.toThrow(/no sheet "Gone"/);
    await expect(host.reveal("Current", "1A")).rejects.toThrow(/not a cell reference/);
  });
});

describe("the static server", () => {
  it("serves files under its root and nothing outside it", async () => {
    const server = await serveDirectory("samples");
    try {
      const ok = await fetch(`${server.url}leicester-2013-14.xlsx`);
      expect(ok.status).toBe(200);
      expect(ok.headers.get("content-type")).toContain("spreadsheetml");
      expect(ok.headers.get("x-content-type-options")).toBe("nosniff");
      for (const path of [
        "..%2Fpackage.json",
        "%2e%2e/package.json",
        "source/../../package.json",
        "missing.xlsx",
        "source",
      ]) {
        const response = await fetch(`${server.url}${path}`);
        expect([403, 404], path).toContain(response.status);
      }
      expect((await fetch(server.url, { method: "POST" })).status).toBe(405);
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    } finally {
      await server.close();
    }
  });
});

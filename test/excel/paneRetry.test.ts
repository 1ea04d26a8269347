// Issue 7, the pane in Excel: when a build meets a fault of the workbook, the pane shows the
// host's message (what happened, what to do), its Build button works again, and pressing it once
// the cause is gone builds one set of outputs, with nothing of the failed attempt left. The real
// pane (src/taskpane/Pane.ts) over ExcelHost over the fake Excel runs in Debian's headless
// Chromium through playwright-core, bundled with esbuild (test/excel/paneHarness.ts).
import { existsSync } from "node:fs";
import { build } from "esbuild";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SheetGrid } from "../../src/core";
import { OFFICE_ERROR_MESSAGES } from "../../src/excel/toHostError";
import { unremovedAdvice, WRITE_ERROR_MESSAGES } from "../../src/excel/writeOutputSheets";
import { readXlsxWorkbook } from "../../src/xlsx/readXlsxWorkbook";
import { LEICESTER } from "./gridContract";
import { OUTPUT_SHEETS } from "./leicesterReduction";
import type { PaneHarness, Scenario } from "./paneHarness";

const CHROMIUM = "/usr/bin/chromium";
const onCi = (process.env.CI ?? "") !== "";
// As test/e2e: skipped on a developer's machine without Chromium; on CI a missing Chromium fails.
const skip = !existsSync(CHROMIUM) && !onCi;
const skipNote = skip ? ` (SKIPPED: ${CHROMIUM} is missing; apt-get install -y --no-install-recommends chromium)` : "";
const TIMEOUT = 60_000;
const SOURCES = ["Current", "Proposed", "Bands", "Title map"];

let browser: Browser;
let script: string;
let grids: SheetGrid[];

type Window = { paneHarness: PaneHarness };

async function openPane(): Promise<Page> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.setContent('<!doctype html><html lang="en"><body><main id="pane"></main></body></html>');
  await page.addScriptTag({ content: script });
  await page.evaluate((g) => (window as unknown as Window).paneHarness.start(g), grids);
  expect(errors).toEqual([]);
  return page;
}

async function pressBuild(page: Page): Promise<{ status: string; alert: string | null }> {
  const button = page.getByRole("button", { name: "Build outputs" });
  await button.click();
  await page.waitForFunction(() => document.querySelector("#pane")?.getAttribute("aria-busy") !== "true");
  // The button works again: not marked disabled, and still where the keyboard focus can reach it.
  expect(await button.getAttribute("aria-disabled")).toBeNull();
  const alert = page.locator("#pane .ec-alert");
  return {
    status: (await page.locator("#pane .ec-status").textContent()) ?? "",
    alert: (await alert.isVisible()) ? await alert.textContent() : null,
  };
}

const state = (page: Page): Promise<ReturnType<PaneHarness["state"]>> =>
  page.evaluate(() => (window as unknown as Window).paneHarness.state());

const unremoved = unremovedAdvice(OUTPUT_SHEETS);

const CASES: readonly { scenario: Scenario; message: string; tables?: string[] }[] = [
  {
    scenario: "structure protected",
    message: `${WRITE_ERROR_MESSAGES.structureProtected} Nothing was added to the workbook.`,
  },
  { scenario: "structure protected meanwhile", message: `${OFFICE_ERROR_MESSAGES.AccessDenied} ${unremoved}` },
  { scenario: "cell edited part-way", message: `${OFFICE_ERROR_MESSAGES.InvalidOperationInCellEditMode} ${unremoved}` },
  { scenario: "connection lost for good", message: `${OFFICE_ERROR_MESSAGES.GeneralException} ${unremoved}` },
  {
    scenario: "table name taken meanwhile",
    message: `${WRITE_ERROR_MESSAGES.tableRefused} The unfinished output sheets were removed.`,
    tables: ["CostedPosts", "ReductionTable", "CostedPosts2"],
  },
];

describe.skipIf(skip)(`the pane in Excel, after a failed build${skipNote}`, () => {
  beforeAll(async () => {
    const bundle = await build({
      entryPoints: ["test/excel/paneHarness.ts"],
      bundle: true,
      write: false,
      format: "iife",
      platform: "browser",
      target: "es2022",
      logLevel: "silent",
    });
    script = bundle.outputFiles[0]?.text ?? "";
    grids = await readXlsxWorkbook(LEICESTER);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--headless"] });
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
  });

  for (const { scenario, message, tables } of CASES) {
    it(
      `${scenario}: says what to do, and builds once when pressed again`,
      async () => {
        const page = await openPane();
        await page.evaluate((s) => (window as unknown as Window).paneHarness.inject(s), scenario);
        const failed = await pressBuild(page);
        expect(failed.status).toBe("Building did not finish.");
        expect(failed.alert).toBe(message);
        await page.evaluate(() => (window as unknown as Window).paneHarness.heal());
        const built = await pressBuild(page);
        expect(built.alert).toBeNull();
        expect(built.status).toMatch(new RegExp(`^Built: added ${OUTPUT_SHEETS.join(", ")}\\. `));
        const after = await state(page);
        expect(after.sheets).toEqual([...SOURCES, ...OUTPUT_SHEETS].map((name) => [name, "Visible"]));
        expect(after.tables).toEqual(tables ?? ["ReductionTable", "CostedPosts"]);
        await page.close();
      },
      TIMEOUT,
    );
  }
});

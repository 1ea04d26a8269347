import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveDirectory } from "../../scripts/static-server.mjs";
import { runCli } from "../../src/cli/runCli";
import { buildReduction, LATEST_PAY_YEAR, readTitleMap, type SheetGrid, validateWorkbook } from "../../src/core";
import { DEFAULT_PANE_SETTINGS, toReductionSettings } from "../../src/host/PaneSettings";
import { buildOutputSheets, type OutputValue } from "../../src/output/outputSheets";
import { parseStoredSettings, SETTINGS_SHEET_NAME } from "../../src/host/storedSettings";
import { gridsFromWorkbook, readXlsxWorkbook } from "../../src/xlsx/readXlsxWorkbook";

// Drives the standalone page (dist/addin/standalone.html, built by `npm run build`, which npm test
// runs first) in Debian's headless Chromium through playwright-core: the real pane, the real
// BrowserHost over ExcelJS's browser build, the real CSP. Expectations come from the engine run
// on the same file in Node, never from pasted numbers.

const CHROMIUM = "/usr/bin/chromium";
const INSTALL = "apt-get install -y --no-install-recommends chromium";
const onCi = (process.env.CI ?? "") !== "";
// Skipped on a developer's machine without Chromium; on CI a missing Chromium fails the tests.
const skip = !existsSync(CHROMIUM) && !onCi;
const skipNote = skip ? ` (SKIPPED: ${CHROMIUM} is missing; ${INSTALL})` : "";

const DIST = "dist/addin";
const LEICESTER = "samples/leicester-2013-14.xlsx";
const BARNET = "samples/barnet-leaving-care-2012.xlsx";
const SCREENSHOTS = "test-results/screenshots";
const BUDGET = 16653800;
const TIMEOUT = 90_000;

let server: Awaited<ReturnType<typeof serveDirectory>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let downloads: string;
// Everything that went wrong in the page, and every address it asked for.
const pageErrors: string[] = [];
const requested: string[] = [];

async function openPage(width = 1280, height = 900): Promise<Page> {
  const opened = await context.newPage();
  await opened.setViewportSize({ width, height });
  opened.on("pageerror", (error) => pageErrors.push(`pageerror: ${error.message}`));
  opened.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") {
      pageErrors.push(`console: ${message.text()} (${message.location().url})`);
    }
  });
  opened.on("request", (request) => requested.push(request.url()));
  opened.on("response", (response) => {
    if (response.status() >= 400) pageErrors.push(`HTTP ${String(response.status())}: ${response.url()}`);
  });
  await opened.goto(`${server.url}standalone.html`);
  await waitForStatus(opened, /^Opened /);
  return opened;
}

async function waitForStatus(target: Page, pattern: RegExp): Promise<void> {
  await target.waitForFunction(
    (source) => new RegExp(source).test(document.getElementById("page-status")?.textContent ?? ""),
    pattern.source,
    { timeout: 30_000 },
  );
}

async function paneStatus(target: Page): Promise<string> {
  return (await target.locator("#pane .ec-status").textContent()) ?? "";
}

async function waitUntilIdle(target: Page): Promise<void> {
  await target.waitForFunction(() => document.querySelector("#pane")?.getAttribute("aria-busy") !== "true");
}

/** axe-core's serious and critical violations on the page as it is. */
async function axeViolations(target: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern, so the page
  // needs no 'unsafe-eval' or inline script for the scan.
  await target.evaluate(readFileSync("node_modules/axe-core/axe.min.js", "utf8"));
  const violations = await target.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<AxeResults> } })
      .axe;
    interface AxeResults {
      violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
    }
    const results = await axe.run(document, { resultTypes: ["violations"] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)),
    }));
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact ?? ""} ${v.id}: ${v.help} ${v.targets.join(" ")}`);
}

/** Scrolls the pane so that an element is at its top, for a screenshot of that part. */
async function scrollToTop(target: Page, selector: string): Promise<void> {
  await target.locator(selector).evaluate((element) => element.scrollIntoView({ block: "start" }));
}

async function screenshot(target: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await target.screenshot({ path: join(SCREENSHOTS, name) });
}

/** The sheets, problems and grids the engine reads from a sample in Node. */
async function expectedValidation(file: string) {
  const grids = await readXlsxWorkbook(file);
  return { grids, validation: validateWorkbook(grids, { standardHours: 37, payYear: LATEST_PAY_YEAR }) };
}

const problemKey = (p: { sheet: string; cell: string | null; code: string }): string =>
  `${p.sheet}!${p.cell ?? ""} ${p.code}`;

async function shownProblems(target: Page, severity: string): Promise<string[]> {
  return target
    .locator(`#pane [data-severity="${severity}"] button.ec-problem`)
    .evaluateAll((buttons) =>
      buttons.map(
        (b) =>
          `${b.getAttribute("data-sheet") ?? ""}!${b.getAttribute("data-cell") ?? ""} ${b.getAttribute("data-code") ?? ""}`,
      ),
    );
}

describe.skipIf(skip)(`standalone page in headless Chromium${skipNote}`, () => {
  beforeAll(async () => {
    if (!existsSync(join(DIST, "standalone.html"))) {
      throw new Error(`${DIST}/standalone.html is missing: run npm run build first`);
    }
    server = await serveDirectory(DIST);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--headless"] });
    context = await browser.newContext({ acceptDownloads: true });
    downloads = await mkdtemp(join(tmpdir(), "estab-e2e-"));
    page = await openPage();
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (downloads) await rm(downloads, { recursive: true, force: true });
  });

  it("opens with the Leicester sample and the sheet pickers filled in by name", async () => {
    expect(await page.locator("#workbook-name").textContent()).toBe("leicester-2013-14.xlsx");
    expect(await page.getByLabel("Current establishment").inputValue()).toBe("Current");
    expect(await page.getByLabel("Proposed establishment").inputValue()).toBe("Proposed");
    expect(await page.getByLabel("Grades table").inputValue()).toBe("Bands");
    expect(await page.getByLabel("Title map (optional)").inputValue()).toBe("Title map");
    // The preview shows the first sheet.
    expect(await page.locator("#preview-sheet").inputValue()).toBe("Current");
  });

  it(
    "lists the problems the engine finds in the same file, grouped and counted by severity",
    async () => {
      const { validation } = await expectedValidation(LEICESTER);
      await page.getByRole("button", { name: "Validate" }).click();
      await page.locator("#pane .ec-problems").waitFor({ state: "visible" });
      await waitUntilIdle(page);
      const { counts } = validation;
      expect(counts.error).toBe(3);
      expect(await page.locator("#pane h3", { hasText: "Errors" }).textContent()).toBe(
        `Errors (${String(counts.error)})`,
      );
      const show = (severity: string, n: number) => page.getByRole("checkbox", { name: `${severity} (${String(n)})` });
      expect(await show("Warnings", counts.warning).isChecked()).toBe(true);
      expect(await paneStatus(page)).toContain(`${String(counts.error)} errors, ${String(counts.warning)} warnings`);
      const bySeverity = (severity: string) =>
        validation.problems.filter((p) => p.severity === severity).map(problemKey);
      expect(await shownProblems(page, "error")).toEqual(bySeverity("error"));
      expect(await shownProblems(page, "error")).toContain("Current!D308 total-mismatch");
      expect(await shownProblems(page, "warning")).toEqual(bySeverity("warning"));
      // Each problem shows its place, message and hint.
      const d308 = page.locator('#pane button.ec-problem[data-cell="D308"]');
      expect(await d308.textContent()).toContain("Current!D308");
      expect(await d308.textContent()).toContain(validation.problems.find((p) => p.cell === "D308")!.message);
      // Info is filtered out until asked for.
      expect(await page.locator('#pane [data-severity="info"]').isHidden()).toBe(true);
      await show("Info", counts.info).check();
      expect(await page.locator('#pane [data-severity="info"]').isVisible()).toBe(true);
      expect(await shownProblems(page, "info")).toEqual(bySeverity("info"));
      await show("Info", counts.info).uncheck();
      await show("Warnings", counts.warning).uncheck();
      expect(await page.locator('#pane [data-severity="warning"]').isHidden()).toBe(true);
      await show("Warnings", counts.warning).check();
    },
    TIMEOUT,
  );

  it(
    "selecting a problem scrolls the preview to its cell and highlights it",
    async () => {
      await page.locator('#pane button.ec-problem[data-cell="D308"]').click();
      const cell = page.locator('#preview-scroll td[data-ref="D308"]');
      await cell.waitFor();
      expect(await page.locator("#preview-sheet").inputValue()).toBe("Current");
      expect(await cell.getAttribute("class")).toContain("ec-revealed");
      expect(await cell.textContent()).toBe("39.22");
      expect(await page.locator("#preview-scroll td.ec-revealed").count()).toBe(1);
      const box = await page.locator("#preview-scroll").boundingBox();
      const at = await cell.boundingBox();
      expect(at!.y).toBeGreaterThanOrEqual(box!.y);
      expect(at!.y + at!.height).toBeLessThanOrEqual(box!.y + box!.height);
      expect(await paneStatus(page)).toBe("Showing Current!D308 in the preview.");
      // A problem on the other sheet switches the preview to it.
      await page.locator('#pane button.ec-problem[data-cell="C11"]').click();
      expect(await page.locator("#preview-sheet").inputValue()).toBe("Proposed");
      expect(await page.locator('#preview-scroll td[data-ref="C11"]').getAttribute("class")).toContain("ec-revealed");
      await page.locator('#pane button.ec-problem[data-cell="D308"]').click();
      await scrollToTop(page, "#pane .ec-problems h2");
      await screenshot(page, "pane-validate.png");
    },
    TIMEOUT,
  );

  it(
    "has no serious or critical accessibility violations after validating",
    async () => {
      expect(await axeViolations(page)).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    "builds the reduction table into a workbook whose figures match the engine's on the same file",
    async () => {
      await page.getByLabel("Current establishment").selectOption("Proposed");
      await page.getByLabel("Proposed establishment").selectOption("Proposed");
      await page.locator("#pane details.ec-settings > summary").click();
      await page.getByLabel("Current budget (£)").fill(String(BUDGET));
      await page.getByLabel("Current budget (£)").press("Tab");
      await page.getByRole("button", { name: "Build outputs" }).click();
      await page.locator("#pane .ec-results").waitFor({ state: "visible", timeout: 30_000 });
      await waitUntilIdle(page);

      // The same reduction in Node, as `estab reduce` builds it.
      const grids = await readXlsxWorkbook(LEICESTER);
      const validation = validateWorkbook(grids, {
        sheets: { current: "Proposed", proposed: "Proposed", grades: "Bands" },
        standardHours: 37,
        payYear: LATEST_PAY_YEAR,
      });
      const map = grids.find((grid) => grid.name === "Title map")!;
      const settings = toReductionSettings({ ...DEFAULT_PANE_SETTINGS, budget: BUDGET });
      const reduction = buildReduction(validation, readTitleMap(map).map, settings, {
        builtOn: "2026-01-01",
        version: "test",
      });
      expect(reduction.table.total.proposedFte).toBeCloseTo(386.58, 6);
      expect(reduction.table.total.currentFte).toBeCloseTo(448.38, 6);

      // The summary in the pane.
      const totals = await page.locator("#pane .ec-totals").evaluate((dl) => {
        const terms = [...dl.querySelectorAll("dt")].map((dt) => dt.textContent);
        const values = [...dl.querySelectorAll("dd")].map((dd) => dd.textContent);
        return Object.fromEntries(terms.map((term, i) => [term, values[i]]));
      });
      expect(totals["Current FTE"]).toBe("448.38");
      expect(totals["Proposed FTE"]).toBe("386.58");
      expect(totals["Current budget"]).toBe("£16,653,800");
      const sheetsAdded = await page.locator("#pane .ec-sheet-list li").allTextContents();
      expect(sheetsAdded).toEqual(["Reduction table", "Post changes", "Staff impact", "Costed posts", "Assumptions"]);
      // The chart, and the preview showing the reduction table.
      expect(await page.locator("#pane figure.ec-chart svg[role=img]").count()).toBe(2);
      expect(await page.locator("#preview-sheet").inputValue()).toBe("Reduction table");
      await scrollToTop(page, "#pane .ec-results h2");
      await screenshot(page, "pane-build.png");
      // The chart alone, in a window tall enough to hold it (the pane scrolls inside the page).
      await page.setViewportSize({ width: 1280, height: 1600 });
      await scrollToTop(page, "#pane figure.ec-chart");
      const chart = await page.locator("#pane figure.ec-chart").boundingBox();
      await page.screenshot({ path: join(SCREENSHOTS, "pane-chart.png"), clip: chart! });
      await page.setViewportSize({ width: 1280, height: 900 });

      // The downloaded workbook.
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.locator("#pane .ec-after-build").getByRole("button", { name: "Download workbook" }).click(),
      ]);
      expect(download.suggestedFilename()).toBe("leicester-2013-14-reduction.xlsx");
      const file = join(downloads, download.suggestedFilename());
      await download.saveAs(file);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(file);
      const table = workbook.getWorksheet("Reduction table")!;
      const expected = buildOutputSheets(reduction, ["Current", "Proposed", "Bands", "Title map"])[0]!;
      expect(expected.name).toBe("Reduction table");
      const cached = (value: OutputValue): unknown =>
        value !== null && typeof value === "object" ? value.result : value === "" ? null : value;
      const written = (r: number, c: number): unknown => {
        const value = table.getRow(r + 1).getCell(c + 1).value;
        // ExcelJS reads a cached <v>0</v> of a formula as no result at all.
        if (value !== null && typeof value === "object" && "formula" in value) return value.result ?? 0;
        return value === "" ? null : value;
      };
      let compared = 0;
      expected.rows.forEach((cells, r) => {
        cells.forEach((cell, c) => {
          const want = cached(cell.value);
          const got = written(r, c);
          if (typeof want === "number") expect(got, `${String(r + 1)}:${String(c + 1)}`).toBeCloseTo(want, 6);
          else expect(got ?? null, `${String(r + 1)}:${String(c + 1)}`).toBe(want);
          compared += 1;
        });
      });
      expect(compared).toBeGreaterThan(100);

      // And the same totals as `estab reduce --json` on the file.
      const out: string[] = [];
      await runCli(
        ["reduce", LEICESTER, "--current", "Proposed", "--proposed", "Proposed", "--budget", String(BUDGET), "--json"],
        { out: (text: string) => out.push(text), err: () => undefined },
      );
      const cli = JSON.parse(out.join("\n")) as { total: { currentFte: number; proposedFte: number; saving: number } };
      const totalRow = expected.rows.findIndex((row) => row[1]?.value === "Total");
      expect(written(totalRow, 2)).toBeCloseTo(cli.total.proposedFte, 6);
      expect(written(totalRow, 4)).toBeCloseTo(cli.total.currentFte, 6);
      expect(written(totalRow, 9)).toBeCloseTo(cli.total.saving, 2);

      // The source sheets are unchanged, and the settings travel with the file.
      const sources = gridsFromWorkbook(workbook).filter((grid) =>
        ["Current", "Proposed", "Bands", "Title map"].includes(grid.name),
      );
      expect(sources.map((g: SheetGrid) => JSON.stringify(g))).toEqual(grids.map((g) => JSON.stringify(g)));
      const settingsSheet = workbook.getWorksheet(SETTINGS_SHEET_NAME)!;
      expect(settingsSheet.state).toBe("veryHidden");
      const stored = parseStoredSettings(settingsSheet.getCell("A1").value);
      expect(stored?.budget).toBe(BUDGET);
      expect(stored?.sheets).toEqual({
        current: "Proposed",
        proposed: "Proposed",
        grades: "Bands",
        titleMap: "Title map",
      });
    },
    TIMEOUT,
  );

  it(
    "has no serious or critical accessibility violations after building",
    async () => {
      expect(await axeViolations(page)).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    "works by keyboard alone: Tab to Validate, Enter; Tab to a problem, Enter reveals its cell",
    async () => {
      const keyboard = await openPage();
      const focused = () =>
        keyboard.evaluate(() => {
          const active = document.activeElement;
          return {
            text: active?.textContent?.trim() ?? "",
            problem: active?.classList.contains("ec-problem") === true,
            cell: active?.getAttribute("data-cell") ?? null,
            sheet: active?.getAttribute("data-sheet") ?? null,
          };
        });
      let presses = 0;
      while ((await focused()).text !== "Validate") {
        await keyboard.keyboard.press("Tab");
        presses += 1;
        expect(presses, "Validate is reachable with Tab").toBeLessThan(40);
      }
      await keyboard.keyboard.press("Enter");
      await keyboard.locator("#pane .ec-problems").waitFor({ state: "visible" });
      await waitUntilIdle(keyboard);
      presses = 0;
      while (!(await focused()).problem) {
        await keyboard.keyboard.press("Tab");
        presses += 1;
        expect(presses, "the problem list is reachable with Tab").toBeLessThan(20);
      }
      const first = await focused();
      expect(`${first.sheet ?? ""}!${first.cell ?? ""}`).toBe("Current!B82");
      await keyboard.keyboard.press("Enter");
      const cell = keyboard.locator(`#preview-scroll td[data-ref="${first.cell ?? ""}"]`);
      await cell.waitFor();
      expect(await cell.getAttribute("class")).toContain("ec-revealed");
      // Focus stays on the problem, so the next one is one Tab away.
      expect((await focused()).cell).toBe(first.cell);
      await keyboard.keyboard.press("Tab");
      expect((await focused()).cell).toBe("D308");
      await keyboard.keyboard.press("Enter");
      expect(await keyboard.locator('#preview-scroll td[data-ref="D308"]').getAttribute("class")).toContain(
        "ec-revealed",
      );
      // Focus is always visible.
      const outline = await keyboard.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
      expect(outline).toBe("solid");
      await keyboard.close();
    },
    TIMEOUT,
  );

  it(
    "fits a 320 px task pane without sideways scrolling",
    async () => {
      const narrow = await openPage(320, 700);
      await narrow.getByRole("button", { name: "Validate" }).click();
      await narrow.locator("#pane .ec-problems").waitFor({ state: "visible" });
      const overflow = await narrow.evaluate(() => {
        const pane = document.getElementById("pane")!;
        return { scroll: pane.scrollWidth, client: pane.clientWidth, page: document.documentElement.scrollWidth };
      });
      expect(overflow.scroll).toBeLessThanOrEqual(overflow.client);
      expect(overflow.page).toBeLessThanOrEqual(320);
      await narrow.close();
    },
    TIMEOUT,
  );

  it(
    "opens a workbook from the file picker and by drag and drop, and says why a file cannot be used",
    async () => {
      const other = await openPage();
      await other.locator("#file").setInputFiles(BARNET);
      await waitForStatus(other, /^Opened barnet/);
      expect(await other.locator("#workbook-name").textContent()).toBe("barnet-leaving-care-2012.xlsx");
      expect(await other.getByLabel("Grades table").inputValue()).toBe("Grades");
      expect(await other.getByLabel("Title map (optional)").inputValue()).toBe("Changes");

      const drop = async (name: string, bytes: Buffer): Promise<void> => {
        await other.evaluate(
          ({ name: fileName, base64 }) => {
            const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([data], fileName));
            document.body.dispatchEvent(new DragEvent("dragenter", { dataTransfer: transfer, bubbles: true }));
            document.body.dispatchEvent(
              new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }),
            );
          },
          { name, base64: bytes.toString("base64") },
        );
      };
      await drop("leicester-2013-14.xlsx", readFileSync(LEICESTER));
      await waitForStatus(other, /^Opened leicester/);
      expect(await other.getByLabel("Grades table").inputValue()).toBe("Bands");
      expect(await other.locator("#drop-overlay").isHidden()).toBe(true);

      await drop("notes.xlsx", Buffer.from("just some text"));
      await other.locator("#page-alert").waitFor({ state: "visible" });
      expect(await other.locator("#page-alert").textContent()).toContain("notes.xlsx is not an Excel .xlsx workbook");
      // The workbook that was open stays open.
      expect(await other.locator("#workbook-name").textContent()).toBe("leicester-2013-14.xlsx");
      await other.close();
    },
    TIMEOUT,
  );

  it("made no request outside its own server and logged no errors (CSP, scripts, missing files)", () => {
    const outside = requested.filter((url) => !url.startsWith(server.url) && !/^(blob|data):/.test(url));
    expect(outside).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

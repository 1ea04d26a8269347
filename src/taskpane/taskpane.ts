// The add-in's task pane in Excel: the pane (src/taskpane/Pane.ts) over the Excel host
// (src/excel/ExcelHost.ts, the only code that calls Excel.run), plus the list of custom functions
// with the help Excel shows for them (read from the generated functions.json, so it never drifts
// from the functions themselves). Text is set with textContent only.
import packageJson from "../../package.json";
import { ExcelHost } from "../excel/ExcelHost";
import { Pane } from "./Pane";

interface FunctionMetadata {
  name: string;
  description?: string;
  parameters: { name: string; optional?: boolean }[];
}

function renderFunctions(list: HTMLElement, functions: readonly FunctionMetadata[]): void {
  for (const fn of functions) {
    const term = document.createElement("dt");
    const args = fn.parameters.map((p) => (p.optional === true ? `[${p.name}]` : p.name)).join(", ");
    term.textContent = `=${fn.name}(${args})`;
    const detail = document.createElement("dd");
    detail.textContent = fn.description ?? "";
    list.append(term, detail);
  }
}

async function loadFunctions(): Promise<FunctionMetadata[]> {
  const response = await fetch("functions.json");
  if (!response.ok) throw new Error(`functions.json answered ${String(response.status)}`);
  const metadata = (await response.json()) as { functions: FunctionMetadata[] };
  return metadata.functions;
}

async function showFunctions(): Promise<void> {
  const list = document.getElementById("functions");
  const note = document.getElementById("functions-note");
  try {
    if (list) renderFunctions(list, await loadFunctions());
  } catch (error: unknown) {
    if (note) {
      note.textContent = `The function list could not be loaded (${error instanceof Error ? error.message : String(error)}). The functions still work; reload the pane to try again.`;
    }
  }
}

// Office.js comes from Office's CDN; outside Office and offline it may not load at all.
if (typeof Office === "undefined") {
  const status = document.getElementById("status");
  if (status) {
    status.textContent =
      "Office.js could not be loaded, so this page only works inside Excel (with a network connection). To use the pane in a browser, open standalone.html from the same address.";
  }
} else {
  void start();
}

async function start(): Promise<void> {
  const info = await Office.onReady();

  const root = document.getElementById("pane");
  const status = document.getElementById("status");
  void showFunctions();
  if (root === null) return;
  if (info.host !== Office.HostType.Excel) {
    if (status) {
      status.textContent =
        "Open this add-in in Excel to work on a workbook, or open standalone.html from the same address in a browser.";
    }
    return;
  }
  if (status) status.hidden = true;
  // The Excel host may draw a native chart of FTE and cost by grade after a build through the
  // pane's afterBuild hook (the standalone page draws an SVG one there).
  const pane = new Pane(root, new ExcelHost(), { version: packageJson.version });
  await pane.load();
}

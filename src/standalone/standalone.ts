// The standalone page: the task pane over an .xlsx opened in an ordinary browser, for people whose
// IT has not deployed the add-in (and so the real UI can be tested in a real browser). The file is
// read and written in memory with ExcelJS's browser build; nothing is sent anywhere (the page's
// Content-Security-Policy allows no outside connection).
import ExcelJS from "exceljs";
import packageJson from "../../package.json";
import { Pane } from "../taskpane/Pane";
import { summariseByGrade } from "../output/gradeSummary";
import { h, replaceChildren } from "../taskpane/dom";
import { compareWorkbookParts } from "../xlsx/compareWorkbookParts";
import { gridFromWorksheet } from "../xlsx/gridsFromWorkbook";
import { UnusableFileError } from "../xlsx/UnusableFileError";
import { BrowserHost } from "./BrowserHost";
import { gradeChart } from "./gradeChart";
import { readOfficeSettings } from "./officeSettings";
import { SheetPreview } from "./SheetPreview";

const SAMPLE = { url: "samples/leicester-2013-14.xlsx", name: "leicester-2013-14.xlsx" };
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
// An encrypted .xlsx is an OLE file with an "EncryptionInfo" stream, named in UTF-16LE.
const ENCRYPTION_INFO = [..."EncryptionInfo"].flatMap((c) => [c.charCodeAt(0), 0]);

/** The workbook open in the page. */
interface OpenWorkbook {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly workbook: ExcelJS.Workbook;
  readonly host: BrowserHost;
  /** Each source sheet's grid as opened, to prove the download keeps it unchanged. */
  readonly sources: ReadonlyMap<string, string>;
  built: boolean;
}

const byId = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`standalone.html has no #${id}`);
  return element as T;
};

const paneRoot = byId("pane");
const fileInput = byId<HTMLInputElement>("file");
const openButton = byId<HTMLButtonElement>("open");
const downloadButton = byId<HTMLButtonElement>("download");
const workbookName = byId("workbook-name");
const pageStatus = byId("page-status");
const pageAlert = byId("page-alert");
const downloadNote = byId("download-note");
const sheetSelect = byId<HTMLSelectElement>("preview-sheet");
const dropOverlay = byId("drop-overlay");
const preview = new SheetPreview(byId("preview-scroll"), byId("preview-status"));

let open: OpenWorkbook | null = null;
let downloadUrl: string | null = null;

function say(text: string): void {
  pageStatus.textContent = text;
}

function showAlert(text: string | null): void {
  replaceChildren(pageAlert, text === null ? null : h("p", {}, text));
  pageAlert.hidden = text === null;
}

function messageOf(error: unknown): string {
  if (error instanceof UnusableFileError) return error.message;
  const detail = error instanceof Error ? error.message : String(error);
  return `Something unexpected went wrong (${detail}). Reload the page and try again.`;
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((byte, i) => bytes[i] === byte);
}

function contains(bytes: Uint8Array, needle: readonly number[]): boolean {
  outer: for (let i = 0; i + needle.length <= bytes.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Opens workbook bytes in the page: checks them, loads them and starts a fresh pane over them. */
async function openWorkbook(bytes: Uint8Array, name: string): Promise<void> {
  showAlert(null);
  say(`Opening ${name}…`);
  if (startsWith(bytes, OLE_MAGIC)) {
    throw new UnusableFileError(contains(bytes, ENCRYPTION_INFO) ? "password-protected" : "old-xls", name);
  }
  if (!startsWith(bytes, ZIP_MAGIC)) throw new UnusableFileError("not-xlsx", name);
  const workbook = new ExcelJS.Workbook();
  try {
    // ExcelJS types its argument as Node's Buffer; its browser build takes any ArrayBuffer view.
    await workbook.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx["load"]>[0]);
  } catch (error: unknown) {
    const detail = (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
    throw new UnusableFileError("unreadable", name, { detail, cause: error });
  }
  if (workbook.worksheets.length === 0) {
    throw new UnusableFileError("unreadable", name, { detail: "it has no worksheets" });
  }
  const officeSettings = await readOfficeSettings(bytes);
  const host = new BrowserHost(
    workbook,
    {
      reveal: (sheet, cell) => {
        showSheet(sheet);
        preview.highlight(cell);
      },
      changed: (change) => {
        if (change.kind === "outputs" && open !== null) {
          open.built = true;
          fillSheetSelect(change.sheets[0]);
        }
      },
    },
    officeSettings,
  );
  const sources = new Map(
    host.userSheets().map((sheet) => [sheet.name, JSON.stringify(gridFromWorksheet(sheet).rows)]),
  );
  open = { name, bytes, workbook, host, sources, built: false };
  workbookName.textContent = name;
  downloadButton.disabled = false;
  replaceChildren(downloadNote);
  fillSheetSelect(null);
  const pane = new Pane(paneRoot, host, {
    version: packageJson.version,
    afterBuild: (_built, container) => {
      const download = h("button", { type: "button", class: "ec-button ec-primary" }, "Download workbook");
      download.addEventListener("click", () => void downloadWorkbook());
      replaceChildren(
        container,
        h(
          "p",
          {},
          "The sheets are in the workbook in this page only. Download it to keep them: the file stays on your computer.",
        ),
        download,
        gradeChart(summariseByGrade(_built.reduction.table)),
      );
    },
  });
  await pane.load();
  say(`Opened ${name}. Use the pane to validate and build; the preview shows the sheets.`);
}

function fillSheetSelect(show: string | null | undefined): void {
  if (open === null) return;
  const names = open.host.userSheets().map((sheet) => sheet.name);
  replaceChildren(sheetSelect, ...names.map((name) => h("option", { value: name }, name)));
  const chosen =
    show ?? (preview.sheetName !== null && names.includes(preview.sheetName) ? preview.sheetName : names[0]);
  if (chosen !== undefined) showSheet(chosen, true);
}

// Drawn again only when another sheet is asked for (or the workbook changed), so revealing one
// problem after another on a large sheet stays quick.
function showSheet(name: string, force = false): void {
  const sheet = open?.host.userSheets().find((s) => s.name === name);
  if (sheet === undefined) return;
  sheetSelect.value = name;
  if (force || preview.sheetName !== name) preview.show(gridFromWorksheet(sheet));
}

/**
 * Writes the workbook in the page to a file and offers it for download, after proving that every
 * source sheet reads back exactly as it was opened; names any content the copy cannot carry.
 */
async function downloadWorkbook(): Promise<void> {
  const current = open;
  if (current === null) return;
  showAlert(null);
  say("Preparing the download…");
  try {
    const bytes = new Uint8Array(await current.workbook.xlsx.writeBuffer());
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx["load"]>[0]);
    for (const [name, rows] of current.sources) {
      const sheet = copy.getWorksheet(name);
      if (sheet === undefined || JSON.stringify(gridFromWorksheet(sheet).rows) !== rows) {
        showAlert(
          `The download was stopped: the copy would not keep sheet "${name}" exactly as it is. Use the add-in in Excel, or estab reduce, for this workbook.`,
        );
        say("Nothing was downloaded.");
        return;
      }
    }
    const lost = await compareWorkbookParts(current.bytes, bytes);
    const fileName = current.built ? current.name.replace(/(\.xlsx)?$/i, "-reduction.xlsx") : current.name;
    if (downloadUrl !== null) URL.revokeObjectURL(downloadUrl);
    downloadUrl = URL.createObjectURL(new Blob([bytes], { type: XLSX_TYPE }));
    const link = h("a", { href: downloadUrl, download: fileName }, `Save ${fileName} again`);
    replaceChildren(
      downloadNote,
      h("span", {}, `Downloaded ${fileName} (${String(Math.round(bytes.length / 1024))} KB). `),
      link,
      lost.length > 0
        ? h(
            "span",
            { class: "ec-warning-text" },
            ` It lacks the ${lost.join(", ")} of ${current.name}, which this page cannot carry: keep the original for those.`,
          )
        : null,
    );
    h("a", { href: downloadUrl, download: fileName }).click();
    say(`Downloaded ${fileName}.`);
  } catch (error: unknown) {
    showAlert(`The workbook could not be prepared for download: ${messageOf(error)}`);
    say("Nothing was downloaded.");
  }
}

async function openFile(file: File): Promise<void> {
  try {
    await openWorkbook(new Uint8Array(await file.arrayBuffer()), file.name);
  } catch (error: unknown) {
    showAlert(messageOf(error));
    say(open === null ? "No workbook is open." : `${open.name} is still open.`);
  }
}

async function openSample(): Promise<void> {
  try {
    const response = await fetch(SAMPLE.url);
    if (!response.ok) throw new Error(`the page's server answered ${String(response.status)}`);
    await openWorkbook(new Uint8Array(await response.arrayBuffer()), SAMPLE.name);
  } catch (error: unknown) {
    showAlert(
      `The sample workbook could not be opened (${error instanceof Error ? error.message : String(error)}). Open your own .xlsx workbook with "Open a workbook".`,
    );
    say("No workbook is open.");
  }
}

openButton.addEventListener("click", () => fileInput.click());
fileInput.addEventListener("change", () => {
  const file = fileInput.files?.[0];
  fileInput.value = "";
  if (file !== undefined) void openFile(file);
});
downloadButton.addEventListener("click", () => void downloadWorkbook());
sheetSelect.addEventListener("change", () => showSheet(sheetSelect.value));

// Drag and drop anywhere on the page; the overlay says what a drop will do.
let dragDepth = 0;
document.addEventListener("dragenter", (event) => {
  if (!event.dataTransfer?.types.includes("Files")) return;
  dragDepth += 1;
  dropOverlay.hidden = false;
});
document.addEventListener("dragleave", () => {
  dragDepth = Math.max(0, dragDepth - 1);
  if (dragDepth === 0) dropOverlay.hidden = true;
});
document.addEventListener("dragover", (event) => {
  event.preventDefault();
  if (event.dataTransfer) event.dataTransfer.dropEffect = "copy";
});
document.addEventListener("drop", (event) => {
  event.preventDefault();
  dragDepth = 0;
  dropOverlay.hidden = true;
  const files = event.dataTransfer?.files;
  if (files === undefined || files.length === 0) return;
  if (files.length > 1) {
    showAlert("Drop one workbook at a time.");
    return;
  }
  const file = files[0];
  if (file !== undefined) void openFile(file);
});

void openSample();

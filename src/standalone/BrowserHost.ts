import type ExcelJS from "exceljs";
import type { Reduction, SheetGrid } from "../core";
import type { PaneSettings } from "../host/PaneSettings";
import { HostError, type Progress, type WorkbookHost } from "../host/WorkbookHost";
import { buildOutputSheets } from "../output/outputSheets";
import { parseStoredSettings, serialiseSettings, SETTINGS_CELL, SETTINGS_SHEET_NAME } from "../host/storedSettings";
import { gridFromWorksheet } from "../xlsx/gridsFromWorkbook";
import { renderOutputSheets } from "../xlsx/renderOutputSheets";

/** What the page around a {@link BrowserHost} shows: the sheet preview. */
export interface BrowserHostView {
  /** Shows the sheet in the preview, scrolled to the cell and the cell highlighted. */
  reveal(sheet: string, cell: string): void | Promise<void>;
  /** The workbook changed: output sheets were added (shown first), or the settings were saved. */
  changed(
    change: { readonly kind: "outputs"; readonly sheets: readonly string[] } | { readonly kind: "settings" },
  ): void;
}

const CELL_REF = /^[A-Z]{1,3}[1-9]\d{0,6}$/;

/**
 * The standalone page's host: a workbook the user opened in the browser, held in memory with
 * ExcelJS's browser build. Reads sheets exactly as `estab` reads a file (the same
 * {@link gridFromWorksheet}), writes the outputs with the same renderer as `estab reduce --out`,
 * and keeps the pane's settings in a very hidden sheet ({@link SETTINGS_SHEET_NAME}) so they travel
 * with the downloaded file. Nothing leaves the browser.
 *
 * @example
 * const workbook = new ExcelJS.Workbook();
 * await workbook.xlsx.load(bytes);
 * const host = new BrowserHost(workbook, { reveal: showCell, changed: refresh });
 * await host.sheetNames() //=> ["Current", "Proposed", "Bands", "Title map"]
 */
export class BrowserHost implements WorkbookHost {
  readonly kind = "standalone";
  readonly workbook: ExcelJS.Workbook;
  private readonly view: BrowserHostView;
  private readonly officeSettings: string | null;

  /**
   * @param workbook the workbook open in the page
   * @param view the preview around the pane
   * @param officeSettings settings the Excel add-in saved in the file (see readOfficeSettings),
   *   used when the workbook has no settings sheet
   */
  constructor(workbook: ExcelJS.Workbook, view: BrowserHostView, officeSettings: string | null = null) {
    this.workbook = workbook;
    this.view = view;
    this.officeSettings = officeSettings;
  }

  sheetNames(): Promise<string[]> {
    return Promise.resolve(this.userSheets().map((sheet) => sheet.name));
  }

  async readSheets(names: readonly string[], progress?: Progress): Promise<SheetGrid[]> {
    const grids: SheetGrid[] = [];
    for (const name of names) {
      grids.push(gridFromWorksheet(this.sheet(name)));
      progress?.(grids.length, names.length);
      // Let the page paint the progress between sheets: a large sheet takes a while to read.
      await nextFrame();
    }
    return grids;
  }

  writeOutputs(reduction: Reduction, progress?: Progress): Promise<string[]> {
    try {
      return Promise.resolve(this.addOutputs(reduction, progress));
    } catch (error: unknown) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private addOutputs(reduction: Reduction, progress?: Progress): string[] {
    const outputs = buildOutputSheets(
      reduction,
      this.workbook.worksheets.map((sheet) => sheet.name),
    );
    progress?.(0, 1);
    try {
      renderOutputSheets(this.workbook, outputs);
    } catch (error: unknown) {
      // A half-written set of sheets is worse than none: take back whatever was added.
      for (const output of outputs) {
        const added = this.workbook.getWorksheet(output.name);
        if (added !== undefined) this.workbook.removeWorksheet(added.id);
      }
      const detail = error instanceof Error ? error.message : String(error);
      throw new HostError(
        "write-failed",
        `The output sheets could not be added (${detail}); the workbook is as it was. Try again, or reload the page and open the workbook again.`,
      );
    }
    progress?.(1, 1);
    const names = outputs.map((output) => output.name);
    this.view.changed({ kind: "outputs", sheets: names });
    return names;
  }

  async reveal(sheet: string, cell: string): Promise<void> {
    this.sheet(sheet);
    if (!CELL_REF.test(cell)) {
      throw new HostError("invalid-cell", `"${cell}" is not a cell reference such as D308: choose another problem.`);
    }
    await this.view.reveal(sheet, cell);
  }

  loadSettings(): Promise<PaneSettings | null> {
    const sheet = this.workbook.getWorksheet(SETTINGS_SHEET_NAME);
    if (sheet === undefined) return Promise.resolve(parseStoredSettings(this.officeSettings));
    const value = sheet.getCell(SETTINGS_CELL).value;
    const text =
      typeof value === "object" && value !== null && "richText" in value
        ? value.richText.map((run) => run.text).join("")
        : value;
    return Promise.resolve(parseStoredSettings(text));
  }

  saveSettings(settings: PaneSettings): Promise<void> {
    const sheet =
      this.workbook.getWorksheet(SETTINGS_SHEET_NAME) ??
      // "veryHidden": not in Excel's Unhide list, so nobody edits the JSON by accident.
      this.workbook.addWorksheet(SETTINGS_SHEET_NAME, { state: "veryHidden" });
    sheet.getCell(SETTINGS_CELL).value = serialiseSettings(settings);
    this.view.changed({ kind: "settings" });
    return Promise.resolve();
  }

  /** The workbook's sheets the user works with: all but the settings sheet. */
  userSheets(): ExcelJS.Worksheet[] {
    return this.workbook.worksheets.filter((sheet) => sheet.name !== SETTINGS_SHEET_NAME);
  }

  private sheet(name: string): ExcelJS.Worksheet {
    const sheet = name === SETTINGS_SHEET_NAME ? undefined : this.workbook.getWorksheet(name);
    if (sheet === undefined) {
      throw new HostError(
        "sheet-not-found",
        `There is no sheet "${name}" in this workbook: choose one of ${this.userSheets()
          .map((s) => `"${s.name}"`)
          .join(", ")} in the pane.`,
      );
    }
    return sheet;
  }
}

function nextFrame(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

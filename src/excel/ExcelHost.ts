import type { Reduction, SheetGrid } from "../core";
import { parseStoredSettings, SETTINGS_CELL, SETTINGS_SHEET_NAME } from "../host/storedSettings";
import type { PaneSettings } from "../host/PaneSettings";
import { HostError, type Progress, type WorkbookHost } from "../host/WorkbookHost";
import { type BlockLimits, DEFAULT_BLOCK_LIMITS } from "./blockLimits";
import type { ExcelRun } from "./ExcelRun";
import { readSheetGrids } from "./readSheetGrids";
import { type AddedSheets, removeAddedSheets } from "./removeAddedSheets";
import { toHostError } from "./toHostError";
import { UnremovedSheetsError } from "./UnremovedSheetsError";
import { parsePaneSettings, SETTINGS_KEY, type SettingsStore } from "./workbookSettings";
import { unremovedAdvice, writeOutputSheets } from "./writeOutputSheets";

export type { ExcelRun } from "./ExcelRun";

/** What an ExcelHost works with besides `Excel.run`; tests pass fakes. */
export interface ExcelHostOptions {
  /** Where settings are kept; `Office.context.document.settings` (inside the workbook) by default. */
  readonly settings?: SettingsStore;
  /** Block sizes for reading and writing; {@link DEFAULT_BLOCK_LIMITS} by default. */
  readonly limits?: Partial<BlockLimits>;
}

// Office globals are looked up when first used, not when this module loads, so the module can be
// imported where Office.js is absent (the standalone page, tests).
const excelRun: ExcelRun = (batch) => Excel.run(batch);
const documentSettings = (): SettingsStore => Office.context.document.settings;

/**
 * The task pane's host inside Excel: the only code that calls `Excel.run`. It reads sheets in row
 * blocks under Excel on the web's 5 MB payload limit, writes the outputs into new sheets built
 * hidden and shown only when complete, never changes a source sheet, keeps settings in the
 * workbook, and turns every Office error into a {@link HostError} a user can act on. Hidden
 * sheets a failed write could not remove (the connection was down) are removed by the next
 * write before it adds its own, so trying again leaves one set of outputs.
 *
 * @example
 * const host = new ExcelHost();
 * const grids = await host.readSheets(await host.sheetNames());
 */
export class ExcelHost implements WorkbookHost {
  readonly kind = "excel";
  private readonly limits: BlockLimits;
  private readonly settings: () => SettingsStore;
  // Sheets a failed write left behind, to be removed before the next write adds its own.
  private unremoved: AddedSheets | null = null;

  constructor(
    private readonly run: ExcelRun = excelRun,
    options: ExcelHostOptions = {},
  ) {
    this.limits = { ...DEFAULT_BLOCK_LIMITS, ...options.limits };
    const store = options.settings;
    this.settings = store === undefined ? documentSettings : () => store;
  }

  async sheetNames(): Promise<string[]> {
    return this.batch(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load("items/name,items/position");
      await context.sync();
      // The standalone page keeps the settings in a very hidden sheet: never offer it as a source.
      return [...worksheets.items]
        .sort((a, b) => a.position - b.position)
        .map((sheet) => sheet.name)
        .filter((name) => name !== SETTINGS_SHEET_NAME);
    });
  }

  async readSheets(names: readonly string[], progress?: Progress): Promise<SheetGrid[]> {
    return this.batch((context) => readSheetGrids(context, names, this.limits, progress));
  }

  async writeOutputs(reduction: Reduction, progress?: Progress): Promise<string[]> {
    const unremoved = this.unremoved;
    if (unremoved !== null) {
      const failed = await removeAddedSheets(this.run, unremoved, true);
      if (failed !== null) {
        const cause = toHostError(failed.error);
        throw new UnremovedSheetsError(
          cause.code,
          `${cause.message} Nothing was added to the workbook. ${unremovedAdvice(failed.left)}`,
          unremoved,
        );
      }
      this.unremoved = null;
    }
    try {
      // Errors come back as HostErrors already, saying what was cleaned up.
      return await writeOutputSheets(this.run, reduction, this.limits, progress);
    } catch (error: unknown) {
      if (error instanceof UnremovedSheetsError) this.unremoved = error.sheets;
      throw error;
    }
  }

  async reveal(sheet: string, cell: string): Promise<void> {
    await this.batch(async (context) => {
      const worksheet = context.workbook.worksheets.getItemOrNullObject(sheet);
      worksheet.load("visibility");
      await context.sync();
      if (worksheet.isNullObject) {
        throw new HostError(
          "ItemNotFound",
          `The workbook has no sheet named "${sheet}" any more (it may have been renamed or deleted): validate again to find ${cell}.`,
        );
      }
      if (worksheet.visibility !== "Visible") {
        throw new HostError(
          "SheetHidden",
          `Sheet "${sheet}" is hidden: unhide it (right-click a sheet tab > Unhide), then select the problem again to go to ${cell}.`,
        );
      }
      worksheet.activate();
      worksheet.getRange(cell).select();
      await context.sync();
    });
  }

  async loadSettings(): Promise<PaneSettings | null> {
    let stored: unknown;
    try {
      stored = this.settings().get(SETTINGS_KEY);
    } catch (error: unknown) {
      throw toHostError(error);
    }
    if (stored !== null && stored !== undefined) return parsePaneSettings(stored);
    // A workbook saved from the standalone page carries its settings in a very hidden sheet.
    return this.batch(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(SETTINGS_SHEET_NAME);
      await context.sync();
      if (sheet.isNullObject) return null;
      const cell = sheet.getRange(SETTINGS_CELL);
      cell.load("values");
      await context.sync();
      return parseStoredSettings(cell.values[0]?.[0]);
    });
  }

  saveSettings(settings: PaneSettings): Promise<void> {
    return new Promise((resolve, reject) => {
      const failed = (reason: string): void =>
        reject(
          new HostError(
            "SettingsNotSaved",
            `The settings could not be saved in the workbook (${reason}): check the workbook is not read-only and try again.`,
          ),
        );
      try {
        const store = this.settings();
        store.set(SETTINGS_KEY, JSON.stringify(settings));
        store.saveAsync((result) => {
          if (result.status === "succeeded") resolve();
          else failed(result.error?.message ?? "Excel gave no reason");
        });
      } catch (error: unknown) {
        failed(error instanceof Error ? error.message : String(error));
      }
    });
  }

  private async batch<T>(work: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    try {
      return await this.run(work);
    } catch (error: unknown) {
      throw toHostError(error);
    }
  }
}

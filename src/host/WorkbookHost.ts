import type { Reduction, SheetGrid } from "../core";
import type { PaneSettings } from "./PaneSettings";

/** Progress of a long read or write: `done` of `total` steps (row blocks, sheets). */
export type Progress = (done: number, total: number) => void;

/**
 * What the task pane needs from the workbook it works on. Two hosts implement it: Excel (Office.js,
 * src/excel/, the only code that calls `Excel.run`) and the standalone page (an .xlsx opened in an
 * ordinary browser with ExcelJS, src/standalone/). The pane knows nothing else of its host.
 */
export interface WorkbookHost {
  readonly kind: "excel" | "standalone";
  /** Sheet names in workbook order. */
  sheetNames(): Promise<string[]>;
  /** The named sheets as grids (values, strike-through, error values), in the order asked. */
  readSheets(names: readonly string[], progress?: Progress): Promise<SheetGrid[]>;
  /**
   * Adds the reduction's output sheets (reduction table, post changes, staff impact, costed posts,
   * assumptions) under free names, never touching a source sheet, and shows the reduction table.
   * Returns the names of the sheets added.
   */
  writeOutputs(reduction: Reduction, progress?: Progress): Promise<string[]>;
  /** Selects (Excel) or scrolls to and highlights (standalone) a cell. */
  reveal(sheet: string, cell: string): Promise<void>;
  /** Settings stored in the workbook, so they travel with it; null when it has none. */
  loadSettings(): Promise<PaneSettings | null>;
  saveSettings(settings: PaneSettings): Promise<void>;
}

/**
 * A failure a user can act on: the message says what happened and what to do. Hosts turn their
 * own errors (Office.js `AccessDenied`, `ItemAlreadyExists`, `InvalidOperationInCellEditMode`,
 * payload limits; file errors) into this.
 */
export class HostError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = "HostError";
    this.code = code;
  }
}

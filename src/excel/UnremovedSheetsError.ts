import { HostError } from "../host/WorkbookHost";
import type { AddedSheets } from "./removeAddedSheets";

/**
 * A failed write whose clean-up failed too (the connection was still down, the workbook was
 * protected meanwhile): the message names the hidden sheets left, and `sheets` lets the next
 * attempt remove them before it adds its own.
 *
 * @example
 * if (error instanceof UnremovedSheetsError) pending = error.sheets;
 */
export class UnremovedSheetsError extends HostError {
  readonly sheets: AddedSheets;

  constructor(code: string, message: string, sheets: AddedSheets) {
    super(code, message);
    this.name = "UnremovedSheetsError";
    this.sheets = sheets;
  }
}

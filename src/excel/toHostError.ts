import { HostError } from "../host/WorkbookHost";

/**
 * What the user is told for each Office.js error code (`OfficeExtension.Error.code`) the adapter
 * knows: what happened and what to do.
 *
 * @example
 * OFFICE_ERROR_MESSAGES.AccessDenied
 * //=> "The workbook or a sheet is protected: unprotect it (Review > Unprotect) and try again."
 */
export const OFFICE_ERROR_MESSAGES = {
  AccessDenied: "The workbook or a sheet is protected: unprotect it (Review > Unprotect) and try again.",
  ItemAlreadyExists:
    "Excel already has a sheet with a name the add-in chose (someone may have added one meanwhile): try again, and the next free name will be used.",
  InvalidOperationInCellEditMode: "Excel is editing a cell: press Enter or Esc to leave the cell, then try again.",
  ItemNotFound:
    "Excel could not find a sheet the add-in needs: it may have been renamed or deleted. Pick the sheets again and try again.",
  RequestPayloadSizeLimitExceeded:
    "Excel on the web could not take the data in one request (its limit is 5 MB): remove unused rows and columns around the data, or use Excel for Windows or Mac, and try again.",
  ResponsePayloadSizeLimitExceeded:
    "Excel on the web could not send the data in one reply (its limit is 5 MB): remove unused rows and columns around the data, or use Excel for Windows or Mac, and try again.",
  RangeExceedsLimit:
    "The sheet is too large for Excel to hand over: remove unused rows and columns around the data and try again.",
  InactiveWorkbook: "The workbook is no longer active: click into it and try again.",
  // Office.js reports a failed call to Excel on the web's host as GeneralException
  // (excel-web-16.00.debug.js, RichApiMessageUtility.buildResponseOnError), a failed HTTP request as
  // ConnectionFailure, an expired session as InvalidOrTimedOutSession (CoreErrorCodes).
  GeneralException:
    "Excel could not finish the request (an internal error, or the connection to Excel on the web was lost): check the network connection and try again; if it happens again, save, close and reopen the workbook.",
  ConnectionFailure: "The connection to Excel was lost: check the network connection and try again.",
  InvalidOrTimedOutSession:
    "The Excel on the web session has expired: refresh the page in the browser, then open the add-in and try again.",
  Timeout: "Excel took too long to answer: try again; if it happens again, save, close and reopen the workbook.",
  ActivityLimitReached: "Excel is handling too many requests at once: wait a moment and try again.",
} as const satisfies Readonly<Record<string, string>>;

/**
 * Turns anything Office.js threw into a {@link HostError} whose message says what happened and
 * what to do. Codes are read from `error.code` because Office localises `message`; an unknown
 * code is named in the message so support can look it up. A HostError passes through unchanged.
 *
 * @example
 * toHostError({ code: "InvalidOperationInCellEditMode", message: "…" }).message
 * //=> "Excel is editing a cell: press Enter or Esc to leave the cell, then try again."
 */
export function toHostError(error: unknown): HostError {
  if (error instanceof HostError) return error;
  const code = officeErrorCode(error);
  if (code === null) {
    const detail = error instanceof Error ? error.message : String(error);
    return new HostError(
      "Unknown",
      `Something went wrong while working with Excel (${oneLine(detail)}): try again, and if it happens again, save and reopen the workbook.`,
    );
  }
  const known = Object.hasOwn(OFFICE_ERROR_MESSAGES, code)
    ? OFFICE_ERROR_MESSAGES[code as keyof typeof OFFICE_ERROR_MESSAGES]
    : undefined;
  if (known !== undefined) return new HostError(code, known);
  return new HostError(
    code,
    `Excel stopped the add-in with error code ${code}: try again, and if it happens again, save and reopen the workbook.`,
  );
}

/**
 * The Office.js error code of a thrown value (`OfficeExtension.Error.code`), or null when it has none.
 *
 * @example
 * officeErrorCode({ code: "AccessDenied" }) //=> "AccessDenied"
 */
export function officeErrorCode(error: unknown): string | null {
  if (typeof error !== "object" || error === null) return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && code !== "" ? code : null;
}

function oneLine(text: string): string {
  const line = (text.split("\n")[0] ?? "").trim();
  return line.length > 160 ? `${line.slice(0, 157)}...` : line || "no reason given";
}

/**
 * Why a file could not be read as a workbook. Each reason asks the user for a different fix, so
 * callers (the CLI's exit message, the task pane's file picker) can switch on it.
 */
export type UnusableFileReason =
  "not-found" | "not-xlsx" | "old-xls" | "password-protected" | "unreadable" | "too-large";

/** What the user is told for each reason; `detail` is the underlying cause in a few words. */
const MESSAGES: Readonly<Record<UnusableFileReason, (file: string, detail: string | undefined) => string>> = {
  "not-found": (file, detail) =>
    `${file} was not found${detail === undefined ? "" : ` (${detail})`}: check the folder and the file name, including the .xlsx ending.`,
  "not-xlsx": (file, detail) =>
    `${file} is not an Excel .xlsx workbook (${detail ?? "it is not a zip package"}): open it in Excel and save it as .xlsx (Excel Workbook).`,
  "old-xls": (file) =>
    `${file} is an old Excel 97-2003 .xls file: open it in Excel and save it as .xlsx (Excel Workbook).`,
  "password-protected": (file) =>
    `${file} is protected with a password: open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, then clear the password) and save it again.`,
  unreadable: (file, detail) =>
    `${file} cannot be read as an .xlsx workbook; it may be damaged or truncated${detail === undefined ? "" : ` (${detail})`}: open it in Excel and save it again, or get a fresh copy.`,
  "too-large": (file, detail) =>
    `${file} is too large to read safely${detail === undefined ? "" : ` (${detail})`}: if it really holds that much, delete the unused rows, columns and embedded files in Excel and save it again; if it should not, get a fresh copy, as a damaged or malicious file can look like this.`,
};

/**
 * Thrown when a file cannot be used as an .xlsx workbook at all (as opposed to a workbook whose
 * contents are wrong, which becomes validation problems). The message names the file and says what
 * to do about it.
 *
 * @example
 * throw new UnusableFileError("old-xls", "samples/x.xls");
 * // message: "samples/x.xls is an old Excel 97-2003 .xls file: open it in Excel and save it as .xlsx (Excel Workbook)."
 */
export class UnusableFileError extends Error {
  /** Why the file cannot be used. */
  readonly reason: UnusableFileReason;
  /** The path as the caller gave it, so the message matches what the user typed. */
  readonly file: string;

  /**
   * @param reason why the file cannot be used
   * @param file the path as the caller gave it
   * @param options `detail`: the underlying cause in a few words (for example the zip library's
   *   one-line error), shown in brackets; `cause`: the original error, kept for debugging
   */
  constructor(reason: UnusableFileReason, file: string, options: { detail?: string; cause?: unknown } = {}) {
    super(MESSAGES[reason](file, options.detail), "cause" in options ? { cause: options.cause } : undefined);
    this.name = "UnusableFileError";
    this.reason = reason;
    this.file = file;
  }
}

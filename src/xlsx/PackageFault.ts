// Pure: no Node, no DOM, so the standalone page can use the .xlsx reader too.

/**
 * A fault found inside an .xlsx package by the parts of the reader that do not know the file's
 * name: `detail` says where (part, sheet, cell) and what, in a few words. `readXlsxPackage` turns
 * it into an `UnusableFileError` naming the file.
 *
 * @example
 * throw new PackageFault("unreadable", 'sheet "Current" cell B7: "abc" is not a number');
 */
export class PackageFault extends Error {
  /**
   * `too-large` for limits that protect time and memory, `unreadable` for damage, `not-xlsx` for
   * a package that is something else (a Word document, an .xlsb).
   */
  readonly reason: "unreadable" | "too-large" | "not-xlsx";
  /** Where and what, in a few words. */
  readonly detail: string;

  /**
   * @param reason which limit or damage it is
   * @param detail where and what, in a few words
   */
  constructor(reason: "unreadable" | "too-large" | "not-xlsx", detail: string) {
    super(detail);
    this.name = "PackageFault";
    this.reason = reason;
    this.detail = detail;
  }
}

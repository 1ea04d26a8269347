import { type CellValue, CostingError } from "../core";

// How Excel hands an argument to a custom function: a number, text, boolean, a 2-D range, or null
// when an optional argument is omitted. An empty cell arrives as 0 on Excel desktop and as null on
// Excel on the web (OfficeDev/office-js#4702). Parameters are typed `unknown` (Excel's `any`), so
// every function reads its arguments through this module and both are treated the same way.

function isCellValue(value: unknown): value is CellValue {
  const type = typeof value;
  return value === null || type === "undefined" || type === "number" || type === "string" || type === "boolean";
}

function single(value: unknown, name: string): CellValue {
  if (isCellValue(value)) return value;
  if (Array.isArray(value) && value.length === 1) {
    const row: unknown = value[0];
    if (Array.isArray(row) && row.length === 1 && isCellValue(row[0])) return row[0];
  }
  throw new CostingError(
    "invalid-value",
    Array.isArray(value)
      ? `${name} takes one value, not a range: point it at a single cell.`
      : `${name} is not a value the add-in can read: give a number or text.`,
  );
}

/**
 * True when an argument is missing: omitted (null), an empty cell, or empty text. Where 0 can never
 * be a valid value (a year, a standard week, a category), an empty cell passed as 0 by Excel desktop
 * counts as missing too (`zeroIsMissing`).
 *
 * @example
 * isMissing(null) //=> true
 * isMissing(0, { zeroIsMissing: true }) //=> true
 * isMissing(0) //=> false
 */
export function isMissing(value: unknown, options: { zeroIsMissing?: boolean } = {}): boolean {
  if (Array.isArray(value) && (value.length !== 1 || !Array.isArray(value[0]) || value[0].length !== 1)) {
    return value.length === 0;
  }
  const v = single(value, "argument");
  return (
    v === null ||
    v === undefined ||
    (typeof v === "string" && v.trim() === "") ||
    (options.zeroIsMissing === true && v === 0)
  );
}

// Each digit can be matched one way only: a pattern such as /\d*\.?\d+/ splits a run of digits
// every possible way before it fails, and a cell of 32,767 digits then took seconds (issue 7).
const DECIMAL = /^-?(?:\d+(?:\.\d+)?|\.\d+)$/;
const PERCENT = /^(-?(?:\d+(?:\.\d+)?|\.\d+))%$/;

/**
 * Reads a number: a number, or text holding one as HR writes it (`28,800`, `£28,800`, `19.5%`).
 *
 * @example
 * readNumber("£28,800", "salary") //=> 28800
 * readNumber("19.5%", "pension_rate") //=> 0.195
 */
export function readNumber(value: unknown, name: string): number {
  const v = single(value, name);
  if (typeof v === "number") return v;
  if (typeof v === "string") {
    const text = v.trim().replace(/[£,\s]/g, "");
    const percent = PERCENT.exec(text);
    if (percent) return Number(percent[1]) / 100;
    if (DECIMAL.test(text)) return Number(text);
  }
  throw new CostingError("invalid-value", `${name} must be a number, not ${describe(v)}.`);
}

/**
 * Reads a number or text as given (for arguments such as years and pension rates that take both).
 *
 * @example
 * readNumberOrText(" 2025/26 ", "pay_year") //=> "2025/26"
 */
export function readNumberOrText(value: unknown, name: string): number | string {
  const v = single(value, name);
  if (typeof v === "number") return v;
  if (typeof v === "string") return shortText(v, name);
  throw new CostingError("invalid-value", `${name} must be a number or text, not ${describe(v)}.`);
}

/**
 * Reads text (a number is read as its digits, as Excel would show it).
 *
 * @example
 * readText(8, "grade") //=> "8"
 */
export function readText(value: unknown, name: string): string {
  const v = single(value, name);
  if (typeof v === "string") return shortText(v, name);
  if (typeof v === "number") return String(v);
  throw new CostingError("invalid-value", `${name} must be text, not ${describe(v)}.`);
}

/**
 * Reads TRUE/FALSE (also 1/0 and the text "TRUE"/"FALSE", "yes"/"no").
 *
 * @example
 * readBoolean("no", "levy") //=> false
 */
export function readBoolean(value: unknown, name: string): boolean {
  const v = single(value, name);
  if (typeof v === "boolean") return v;
  if (v === 1 || v === 0) return v === 1;
  if (typeof v === "string") {
    const key = v.trim().toLowerCase();
    if (key === "true" || key === "yes") return true;
    if (key === "false" || key === "no") return false;
  }
  throw new CostingError("invalid-value", `${name} must be TRUE or FALSE, not ${describe(v)}.`);
}

/**
 * Reads a range argument as rows of cells.
 *
 * @example
 * readRange([[32, 28800]], "scale") //=> [[32, 28800]]
 */
export function readRange(value: unknown, name: string): CellValue[][] {
  const isGrid =
    Array.isArray(value) &&
    value.every((row: unknown) => Array.isArray(row) && row.every((cell: unknown) => isCellValue(cell)));
  if (isGrid) return value;
  throw new CostingError("invalid-value", `${name} must be a range of cells, e.g. A2:B20.`);
}

// Excel limits a text typed in a formula to 255 characters; a longer one comes from a cell and is
// no year, rate, category or grade. Refusing it here also keeps the core's parsers from working
// through a 32,767-character cell (issue 7).
const MAX_TEXT_LENGTH = 255;

function shortText(text: string, name: string): string {
  const trimmed = text.trim();
  if (trimmed.length > MAX_TEXT_LENGTH) {
    throw new CostingError(
      "invalid-value",
      `${name} is ${String(trimmed.length)} characters long: give at most ${String(MAX_TEXT_LENGTH)}.`,
    );
  }
  return trimmed;
}

function describe(v: CellValue): string {
  if (v === null || v === undefined) return "an empty cell";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v !== "string") return String(v);
  // A whole cell of text would bury the reason in Excel's error tooltip.
  return v.length > 40 ? `"${v.slice(0, 37)}…"` : `"${v}"`;
}

import type { CellValue } from "../pay/parseLocalScale";
import { decimalPlaces } from "./decimalPlaces";

/**
 * A figure as HR wrote it: a number (with the decimal places it was written to), nil (`-`, `0`
 * placeholders are numbers), blank (unknown, never zero), or text that is not a number.
 */
export type HrNumber =
  | { readonly kind: "number"; readonly value: number; readonly decimals: number }
  | { readonly kind: "nil" }
  | { readonly kind: "blank" }
  | { readonly kind: "text"; readonly text: string };

const NIL = /^[-–—]$/;
const PLAIN = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * Reads a number written the ways HR sheets write them: `1,154,200`, `£520,800`, `(1.50)` for a
 * negative, `.81`, `1.00`, ` 36 `, `-` for nil, `12%`. Booleans and other text are text, blank is
 * blank. `decimals` is how many places the figure was written to (a stored number counts its
 * significant places), which is the rounding a total of such figures inherits.
 *
 * @example
 * parseHrNumber("(1.50)") //=> { kind: "number", value: -1.5, decimals: 2 }
 * parseHrNumber("-") //=> { kind: "nil" }
 */
export function parseHrNumber(value: CellValue): HrNumber {
  if (value === null || value === undefined) return { kind: "blank" };
  if (typeof value === "number") {
    return Number.isFinite(value)
      ? { kind: "number", value, decimals: decimalPlaces(value) }
      : { kind: "text", text: String(value) };
  }
  if (typeof value === "boolean") return { kind: "text", text: String(value) };
  const text = value.trim();
  if (text === "") return { kind: "blank" };
  if (NIL.test(text)) return { kind: "nil" };
  let body = text.replace(/[£$€]/g, "").replace(/\s+/g, "");
  let sign = 1;
  const parenthesised = /^\((.*)\)$/.exec(body);
  if (parenthesised?.[1] !== undefined) {
    body = parenthesised[1];
    sign = -1;
  }
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(body)) body = body.replace(/,/g, "");
  const percent = body.endsWith("%");
  if (percent) body = body.slice(0, -1);
  if (!PLAIN.test(body)) return { kind: "text", text };
  const point = body.indexOf(".");
  const decimals = point === -1 ? 0 : body.length - point - 1;
  const number = sign * Number(body);
  return percent
    ? { kind: "number", value: number / 100, decimals: decimals + 2 }
    : { kind: "number", value: number, decimals };
}

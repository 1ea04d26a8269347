import { niYear, parsePensionScheme, parseYear, payTableFor } from "../core";

/**
 * Checks a pay year as typed: a year the NJC spine holds rates for.
 *
 * @example
 * checkPayYear("2025/26") //=> null
 * checkPayYear("20x5") //=> '"20x5" is not a pay year: write 2025/26, 2025 or a date.'
 */
export function checkPayYear(text: string): string | null {
  return problemOf(() => payTableFor(parseYear(text, "pay"), null));
}

/**
 * Checks a tax year as typed: one the employer NI tables hold.
 *
 * @example
 * checkTaxYear("2026/27") //=> null
 */
export function checkTaxYear(text: string): string | null {
  return problemOf(() => niYear(parseYear(text, "tax")));
}

/**
 * Checks a pension rate as typed: blank for none, a rate or TPS.
 *
 * @example
 * checkPension("19.5%") //=> null
 * checkPension("19.5") //=> "Pension rate 19.5 is above 100%: write 19.5% or 0.195."
 */
export function checkPension(text: string): string | null {
  return text.trim() === "" ? null : problemOf(() => parsePensionScheme(text));
}

/**
 * Reads a flat on-cost rate as typed ("30%" or "0.3") as a fraction, or null when it is not one.
 *
 * @example
 * readFlatRate("30%") //=> 0.3
 * readFlatRate("thirty") //=> null
 */
export function readFlatRate(text: string): number | null {
  // The same reading as toReductionSettings (src/host/PaneSettings.ts), which builds with it.
  const percent = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*%\s*$/.exec(text);
  const value = percent
    ? Number(percent[1]) / 100
    : /^\s*(?:\d+(?:\.\d+)?|\.\d+)\s*$/.test(text)
      ? Number(text)
      : Number.NaN;
  return Number.isFinite(value) && value >= 0 && value <= 1 ? value : null;
}

/**
 * Checks a flat on-cost rate as typed: blank for none, else 0–100%.
 *
 * @example
 * checkFlatRate("30") //=> '"30" is not a flat on-cost rate: write 30% or 0.3, or leave it blank to cost NI, pension and levy.'
 */
export function checkFlatRate(text: string): string | null {
  if (text.trim() === "" || readFlatRate(text) !== null) return null;
  return `"${text}" is not a flat on-cost rate: write 30% or 0.3, or leave it blank to cost NI, pension and levy.`;
}

/**
 * Reads a standard week as typed, or null when it is not a possible number of hours.
 *
 * @example
 * readStandardHours("36") //=> 36
 * readStandardHours("0") //=> null
 */
export function readStandardHours(text: string): number | null {
  const value = /^\s*(?:\d+(?:\.\d+)?|\.\d+)\s*$/.test(text) ? Number(text) : Number.NaN;
  return Number.isFinite(value) && value > 0 && value <= 168 ? value : null;
}

/**
 * Reads a budget in pounds as typed ("16653800", "£16,653,800"), blank as none; undefined when it
 * is not an amount.
 *
 * @example
 * readBudget("£16,653,800") //=> 16653800
 * readBudget("") //=> null
 * readBudget("lots") //=> undefined
 */
export function readBudget(text: string): number | null | undefined {
  const cleaned = text.replace(/[£,\s]/g, "");
  if (cleaned === "") return null;
  if (!/^(\d+(\.\d{0,2})?|\.\d{1,2})$/.test(cleaned)) return undefined;
  const value = Number(cleaned);
  return Number.isFinite(value) && value < 1e13 ? value : undefined;
}

function problemOf(check: () => unknown): string | null {
  try {
    check();
    return null;
  } catch (error: unknown) {
    return error instanceof Error ? error.message : String(error);
  }
}

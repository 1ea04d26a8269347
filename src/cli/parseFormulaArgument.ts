import { UsageError } from "./CliIo";

/** A value as Excel would pass it to a custom function from a typed formula. */
export type FormulaArgument = number | string | boolean | null | (number | string | boolean | null)[][];

/**
 * Reads one command-line argument the way Excel reads an argument typed in a formula: a number
 * (`19.5%` is 0.195), `TRUE`/`FALSE`, an empty argument (`""`) as omitted (null), a range as JSON
 * rows (`[[32,28800],[33,29500]]`), text in double quotes as text even when it looks like a number
 * (`'"2025"'`), and anything else as text.
 *
 * @example
 * parseFormulaArgument("19.5%") //=> 0.195
 * parseFormulaArgument("") //=> null
 * parseFormulaArgument("[[32,28800]]") //=> [[32, 28800]]
 */
export function parseFormulaArgument(text: string): FormulaArgument {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  if (/^true$/i.test(trimmed)) return true;
  if (/^false$/i.test(trimmed)) return false;
  if (/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed)) return Number(trimmed);
  const percent = /^(-?(?:\d+\.?\d*|\.\d+))%$/.exec(trimmed);
  if (percent) return Number(percent[1]) / 100;
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) return trimmed.slice(1, -1);
  if (trimmed.startsWith("[")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      throw new UsageError(`${trimmed} is not a range: write rows as JSON, e.g. [[32,28800],[33,29500]].`);
    }
    const isCell = (c: unknown) => c === null || ["number", "string", "boolean"].includes(typeof c);
    if (
      Array.isArray(parsed) &&
      parsed.length > 0 &&
      parsed.every((r: unknown) => Array.isArray(r) && r.every(isCell))
    ) {
      return parsed as (number | string | boolean | null)[][];
    }
    throw new UsageError(`${trimmed} is not a range: write rows as JSON, e.g. [[32,28800],[33,29500]].`);
  }
  return text;
}

import { UsageError } from "./CliIo";

/**
 * Reads a rate option: `30%` or `0.3`; a bare number above 1 is refused as almost certainly a percentage.
 *
 * @example
 * readRate("19.5%", "--pension") //=> 0.195
 */
export function readRate(text: string, option: string): number {
  // Each digit can be read one way only (no `\d*\.?\d+`), so a long option is not quadratic.
  const percent = /^(\d+(?:\.\d+)?|\.\d+)\s*%$/.exec(text.trim());
  const value = percent ? Number(percent[1]) / 100 : Number(text);
  if (!Number.isFinite(value) || value < 0)
    throw new UsageError(`${option} ${text} is not a rate: write e.g. 30% or 0.3.`);
  if (value > 1) throw new UsageError(`${option} ${text} is above 100%: write ${text}% or ${String(value / 100)}.`);
  return value;
}

/**
 * Reads an amount option in pounds: `28800`, `£16,653,800`.
 *
 * @example
 * readAmount("£16,653,800", "--budget") //=> 16653800
 */
export function readAmount(text: string, option: string): number {
  const value = Number(text.replace(/[£,]/g, ""));
  if (text.trim() === "" || !Number.isFinite(value) || value < 0) {
    throw new UsageError(`${option} ${text} is not an amount: write e.g. 28800.`);
  }
  return value;
}

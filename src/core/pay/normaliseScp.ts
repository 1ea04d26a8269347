import { CostingError } from "../errors/CostingError";

/**
 * Reads a spinal column point as HR writes it (`32`, `"32"`, `"SCP 32"`, `"scp32"`, or a local
 * point such as `"W33"`) and returns the key the pay tables use.
 *
 * @example
 * normaliseScp(32) //=> "32"
 * normaliseScp("SCP 32") //=> "32"
 * normaliseScp(" w33 ") //=> "W33"
 */
export function normaliseScp(input: number | string): string {
  if (typeof input === "number") {
    if (Number.isInteger(input) && input > 0) return String(input);
    throw new CostingError(
      "invalid-number",
      `${String(input)} is not a spinal column point: points are whole numbers from 1 (e.g. 32).`,
    );
  }
  const text = input
    .trim()
    .replace(/^scp\s*/i, "")
    .replace(/\s+/g, "")
    .toUpperCase();
  if (/^\d+$/.test(text)) return normaliseScp(Number(text));
  if (/^[A-Z0-9.]+$/.test(text) && text.length > 0) return text;
  throw new CostingError(
    "invalid-value",
    `"${input}" is not a spinal column point: write a number such as 32 (or a point of your local scale).`,
  );
}

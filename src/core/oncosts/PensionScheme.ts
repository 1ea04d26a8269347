import { CostingError } from "../errors/CostingError";
import { type Ratio, ratioFromNumber } from "../money/Ratio";

/**
 * The employer pension a post carries: a rate given by the user (LGPS rates are employer-specific,
 * 12–27% seen), the Teachers' Pension Scheme's dated rates, or none.
 */
export type PensionScheme =
  { readonly kind: "rate"; readonly rate: Ratio } | { readonly kind: "tps" } | { readonly kind: "none" };

/**
 * Reads a pension rate as a finance officer types it: `0.195`, `19.5%` (Excel passes 0.195), the
 * text `"19.5%"`, or `"TPS"` for the Teachers' Pension Scheme. A bare number above 1 is refused,
 * because 19.5 almost always means 19.5% and costing it as 1,950% would be absurd.
 *
 * @example
 * parsePensionScheme(0.195) //=> { kind: "rate", rate: { num: 39, den: 200 } }
 * parsePensionScheme("TPS") //=> { kind: "tps" }
 * parsePensionScheme(19.5) // throws CostingError("invalid-number", "… write 19.5% or 0.195 …")
 */
export function parsePensionScheme(input: number | string): PensionScheme {
  if (typeof input === "string") {
    const text = input.trim();
    if (/^tps$|^teachers/i.test(text)) return { kind: "tps" };
    if (/^(lgps|local government)/i.test(text)) {
      throw new CostingError(
        "invalid-value",
        "LGPS employer rates differ by council and fund: write your fund's rate, e.g. 19.5%.",
      );
    }
    const percentText = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
    if (percentText) return parsePensionScheme(Number(percentText[1]) / 100);
    // Each digit can be read one way only, so a long cell is not quadratic (issue 7 fuzzer).
    if (/^(?:\d+(?:\.\d+)?|\.\d+)$/.test(text)) return parsePensionScheme(Number(text));
    throw new CostingError("invalid-value", `"${text}" is not a pension rate: write 19.5%, 0.195 or "TPS".`);
  }
  if (!Number.isFinite(input) || input < 0) {
    throw new CostingError(
      "invalid-number",
      `Pension rate ${String(input)} must be zero or more: write 19.5% or 0.195.`,
    );
  }
  if (input > 1) {
    const asPercent = String(input);
    const asDecimal = String(Math.round(input * 1e4) / 1e6);
    throw new CostingError(
      "invalid-number",
      `Pension rate ${asPercent} is above 100%: write ${asPercent}% or ${asDecimal}.`,
    );
  }
  return input === 0 ? { kind: "none" } : { kind: "rate", rate: ratioFromNumber(input) };
}

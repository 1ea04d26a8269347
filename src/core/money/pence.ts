import { CostingError } from "../errors/CostingError";
import { ratioFromNumber } from "./Ratio";
import { applyRatio, MONEY_ROUNDING } from "./rounding";

/**
 * Money in whole pence. All arithmetic on money is on integers; pounds exist only at the edges.
 */
export type Pence = number;

/**
 * Converts an amount in pounds (as typed in a cell) to whole pence, rounding half-up once.
 *
 * @example
 * poundsToPence(28800) //=> 2880000
 * poundsToPence(0.125) //=> 13
 */
export function poundsToPence(pounds: number): Pence {
  if (!Number.isFinite(pounds)) {
    throw new CostingError("invalid-number", `${String(pounds)} is not an amount of money.`);
  }
  return applyRatio(100, ratioFromNumber(pounds), MONEY_ROUNDING);
}

/**
 * Converts whole pence to pounds for display or for a cell value.
 *
 * @example
 * penceToPounds(3807039) //=> 38070.39
 */
export function penceToPounds(pence: Pence): number {
  return pence / 100;
}

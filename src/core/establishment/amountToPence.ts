import { poundsToPence, type Pence } from "../money/pence";

// A trillion pounds is beyond any council's budget line; larger figures are misreadings.
const LARGEST_AMOUNT = 1e12;

/**
 * An amount of money read from a sheet, in whole pence, or null when it is not a usable amount
 * (beyond a trillion pounds, or not finite). Amounts under half a penny are nothing.
 *
 * @example
 * amountToPence(520800) //=> 52080000
 * amountToPence(1e300) //=> null
 */
export function amountToPence(pounds: number): Pence | null {
  if (!Number.isFinite(pounds) || Math.abs(pounds) > LARGEST_AMOUNT) return null;
  if (Math.abs(pounds) < 0.005) return 0;
  return poundsToPence(pounds);
}

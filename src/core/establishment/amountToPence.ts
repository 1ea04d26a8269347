import { CostingError } from "../errors/CostingError";
import { poundsToPence, type Pence } from "../money/pence";

/**
 * The largest amount a post line can hold, in pounds. A billion pounds is beyond any council's
 * line of posts, so a larger figure is a misreading ("+44 20 7946 0000" read as a salary); the
 * limit also keeps every cost a whole number of pence: 10^11 pence × 10,000 FTE (the most a line
 * may hold, LARGEST_LINE_FTE) × on-costs under 2 is 2 × 10^15, below 2^53 ≈ 9 × 10^15.
 *
 * @example
 * LARGEST_AMOUNT //=> 1000000000
 */
export const LARGEST_AMOUNT = 1e9;

/**
 * An amount of money read from a sheet, in whole pence, or null when it is not a usable amount
 * (beyond {@link LARGEST_AMOUNT}, or not finite). Amounts under half a penny are nothing.
 *
 * @example
 * amountToPence(520800) //=> 52080000
 * amountToPence(1e300) //=> null
 */
export function amountToPence(pounds: number): Pence | null {
  if (!Number.isFinite(pounds) || Math.abs(pounds) > LARGEST_AMOUNT) return null;
  if (Math.abs(pounds) < 0.005) return 0;
  try {
    return poundsToPence(pounds);
  } catch (error) {
    if (!(error instanceof CostingError)) throw error;
    // A double such as 0.005000000000000005 has more decimal places than an exact ratio can hold;
    // to a millionth of a pound it is the same amount, and a cell is never misuse.
    return poundsToPence(Number(pounds.toFixed(6)));
  }
}

import type { Pence } from "../money/pence";
import { type Ratio, multiplyRatios, subtractRatios } from "../money/Ratio";
import { applyRatio, MONEY_ROUNDING } from "../money/rounding";

/**
 * The saving from a change in FTE at a cost per FTE: (current − proposed) × cost. Positive is a
 * saving, negative a growth.
 *
 * @example
 * calculateFteSaving(ratio(44838, 100), ratio(38658, 100), 3_000_000) //=> 185400000 (61.80 FTE × £30,000)
 */
export function calculateFteSaving(current: Ratio, proposed: Ratio, costPerFte: Pence): Pence {
  return applyRatio(1, multiplyRatios(subtractRatios(current, proposed), { num: costPerFte, den: 1 }), MONEY_ROUNDING);
}

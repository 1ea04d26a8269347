import type { Ratio } from "./Ratio";

/**
 * How a fraction of a penny is settled. Every rounding of money in the product goes through
 * {@link applyRatio} with one of these modes; nothing else rounds.
 *
 * - `half-up`: the ordinary rule (0.5p and above rounds up), used for pay, pension and levy.
 * - `half-down`: National Insurance. SSCR 2001 reg. 12(1): contributions are "calculated to the
 *   nearest penny and any amount of a halfpenny or less shall be disregarded"
 *   (https://legislation.gov.uk/uksi/2001/1004/regulation/12).
 */
export type RoundingMode = "half-up" | "half-down";

/**
 * The rounding used for employer National Insurance (SSCR 2001 reg. 12(1)).
 */
export const NI_ROUNDING: RoundingMode = "half-down";

/**
 * The rounding used for every other amount of money (pay, pension, levy, pro-rated amounts).
 */
export const MONEY_ROUNDING: RoundingMode = "half-up";

function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = n / d;
  const twiceRemainder = (n - quotient * d) * 2n;
  const roundsUp = twiceRemainder > d || (twiceRemainder === d && mode === "half-up");
  const magnitude = roundsUp ? quotient + 1n : quotient;
  return negative ? -magnitude : magnitude;
}

/**
 * Multiplies an amount in pence by an exact ratio and rounds once to whole pence. Half-way cases
 * round away from zero under `half-up` and towards zero under `half-down`.
 *
 * @example
 * applyRatio(2_131_200, { num: 13, den: 125 }, "half-down") //=> 221645 (0.104 × £21,312 = £2,216.448)
 * applyRatio(1, { num: 1, den: 2 }, "half-up") //=> 1
 * applyRatio(1, { num: 1, den: 2 }, "half-down") //=> 0
 */
export function applyRatio(pence: number, r: Ratio, mode: RoundingMode): number {
  const product = pence * r.num;
  if (Number.isSafeInteger(product)) {
    const quotient = Math.trunc(product / r.den);
    const remainder = product - quotient * r.den;
    const twice = Math.abs(remainder) * 2;
    const roundsAway = twice > r.den || (twice === r.den && mode === "half-up");
    const sign = product < 0 ? -1 : 1;
    return roundsAway ? quotient + sign : quotient + 0;
  }
  return Number(divideRounded(BigInt(pence) * BigInt(r.num), BigInt(r.den), mode));
}

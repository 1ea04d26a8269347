import { CostingError } from "../errors/CostingError";

/**
 * An exact non-negative-denominator fraction of two safe integers, used for every rate and FTE so
 * that 13.8%, 15.05% or 30/37 FTE are held exactly rather than as binary floating point.
 */
export interface Ratio {
  readonly num: number;
  readonly den: number;
}

function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y !== 0) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

/**
 * Builds a reduced ratio from two integers.
 *
 * @example
 * ratio(1505, 10000) //=> { num: 301, den: 2000 }
 */
export function ratio(num: number, den: number): Ratio {
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den) || den === 0) {
    throw new RangeError(`ratio(${String(num)}, ${String(den)}) needs safe integers and den ≠ 0`);
  }
  const sign = den < 0 ? -1 : 1;
  const g = gcd(num, den) || 1;
  return { num: (sign * num) / g, den: (sign * den) / g };
}

/** Zero as a ratio. */
export const ZERO_RATIO: Ratio = { num: 0, den: 1 };

/** One as a ratio. */
export const ONE_RATIO: Ratio = { num: 1, den: 1 };

/**
 * Reads a finite number as the exact decimal it stands for, to 15 significant digits (Excel's own
 * precision), so a rate typed as 0.1505 is 1505/10000, not the nearest binary fraction.
 *
 * @example
 * ratioFromNumber(0.1505) //=> { num: 301, den: 2000 }
 * ratioFromNumber(30 / 37) //=> { num: 810810810810811, den: 1000000000000000 }
 */
export function ratioFromNumber(value: number): Ratio {
  if (!Number.isFinite(value)) {
    throw new CostingError("invalid-number", `${String(value)} is not a finite number.`);
  }
  if (Number.isSafeInteger(value)) return { num: value, den: 1 };
  // Most figures (rates, FTE, pounds and pence) are short decimals: the fewest places that give the
  // number back exactly are the decimal it was typed as, the same answer as the 15-digit reading
  // below, found without making text.
  let power = 1;
  for (let places = 1; places <= 15; places += 1) {
    power *= 10;
    const scaled = Math.round(value * power);
    if (!Number.isSafeInteger(scaled)) break;
    if (scaled / power === value) return Math.abs(value) * power < 1e15 ? ratio(scaled, power) : slowRatio(value);
  }
  return slowRatio(value);
}

function slowRatio(value: number): Ratio {
  const text = value.toPrecision(15);
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(text);
  if (!match) throw new CostingError("invalid-number", `${text} is not a decimal number.`);
  const [, sign = "", whole = "0", fraction = "", exponentText = "0"] = match;
  let digits = (whole + fraction).replace(/^0+(?=\d)/, "");
  let scale = fraction.length - Number(exponentText);
  while (scale > 0 && digits.length > 1 && digits.endsWith("0")) {
    digits = digits.slice(0, -1);
    scale -= 1;
  }
  let num = Number(sign + digits);
  while (scale < 0) {
    num *= 10;
    scale += 1;
  }
  if (scale > 15 || !Number.isSafeInteger(num)) {
    // Below 1e-15 or above 2^53: beyond anything a rate, FTE or salary can be.
    throw new CostingError("invalid-number", `${text} is too small or too large to use.`);
  }
  return ratio(num, 10 ** scale);
}

/**
 * Adds two ratios exactly.
 *
 * @example
 * addRatios(ratio(1, 4), ratio(1, 2)) //=> { num: 3, den: 4 }
 */
export function addRatios(a: Ratio, b: Ratio): Ratio {
  return ratio(a.num * b.den + b.num * a.den, a.den * b.den);
}

/**
 * Multiplies two ratios exactly.
 *
 * @example
 * multiplyRatios(ratio(7, 12), ratio(1505, 10000)) //=> { num: 2107, den: 24000 }
 */
export function multiplyRatios(a: Ratio, b: Ratio): Ratio {
  const g1 = gcd(a.num, b.den) || 1;
  const g2 = gcd(b.num, a.den) || 1;
  return ratio((a.num / g1) * (b.num / g2), (a.den / g2) * (b.den / g1));
}

/**
 * The ratio as an ordinary number, for display only (never for money arithmetic).
 *
 * @example
 * ratioToNumber(ratio(69, 500)) //=> 0.138
 */
export function ratioToNumber(r: Ratio): number {
  return r.num / r.den;
}

/**
 * Compares two ratios: negative when a < b, zero when equal, positive when a > b.
 *
 * @example
 * compareRatios(ratio(1, 3), ratio(1, 2)) //=> -1
 */
export function compareRatios(a: Ratio, b: Ratio): number {
  const leftNumber = a.num * b.den;
  const rightNumber = b.num * a.den;
  if (Number.isSafeInteger(leftNumber) && Number.isSafeInteger(rightNumber)) {
    return Math.sign(leftNumber - rightNumber);
  }
  const left = BigInt(a.num) * BigInt(b.den);
  const right = BigInt(b.num) * BigInt(a.den);
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * Subtracts b from a exactly.
 *
 * @example
 * subtractRatios(ratio(69, 500), ratio(17, 500)) //=> { num: 13, den: 125 }
 */
export function subtractRatios(a: Ratio, b: Ratio): Ratio {
  return addRatios(a, { num: -b.num, den: b.den });
}

/**
 * The larger of zero and a − b: the part of an amount above a threshold.
 *
 * @example
 * excessOver(ratio(2_500_000, 1), ratio(910_000, 1)) //=> { num: 1590000, den: 1 }
 */
export function excessOver(a: Ratio, b: Ratio): Ratio {
  const difference = subtractRatios(a, b);
  return difference.num > 0 ? difference : ZERO_RATIO;
}

/**
 * The smaller of two ratios.
 *
 * @example
 * minRatio(ratio(1, 2), ratio(1, 3)) //=> { num: 1, den: 3 }
 */
export function minRatio(a: Ratio, b: Ratio): Ratio {
  return compareRatios(a, b) <= 0 ? a : b;
}

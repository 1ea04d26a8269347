import { TEACHERS_PENSION_RATES } from "../data/teachersPensionRates";
import type { TableUsed } from "../data/SourceRef";
import { CostingError } from "../errors/CostingError";
import { addRatios, multiplyRatios, type Ratio, ratio, ratioFromNumber, ZERO_RATIO } from "../money/Ratio";
import { yearLabel } from "../periods/FinancialYear";
import type { PensionScheme } from "./PensionScheme";

/** The employer pension rate applied over a tax year, and where it came from. */
export interface PensionRate {
  readonly rate: Ratio;
  readonly table: TableUsed | null;
}

/**
 * The employer pension rate for a tax year. A user-given rate applies as it is. The TPS rate is the
 * average over the year's twelve tax months of the rate in force at each month's start, so a change
 * on 1 September weighs 5 months at the old rate and 7 at the new.
 *
 * @example
 * pensionRateForYear({ kind: "tps" }, 2019).rate //=> 5 × 16.48% + 7 × 23.68%, over 12 = 20.68%
 */
export function pensionRateForYear(scheme: PensionScheme, taxYear: number): PensionRate {
  if (scheme.kind === "none") return { rate: ZERO_RATIO, table: null };
  if (scheme.kind === "rate") return { rate: scheme.rate, table: null };
  const first = TEACHERS_PENSION_RATES[0];
  if (first === undefined || taxYear < Number(first.from.slice(0, 4))) {
    throw new CostingError(
      "not-available",
      `No Teachers' Pension Scheme rate is held for ${yearLabel(taxYear)}: give the rate, e.g. 16.48%.`,
    );
  }
  let total = ZERO_RATIO;
  const used = new Set<string>();
  for (let i = 0; i < 12; i += 1) {
    const month = ((3 + i) % 12) + 1;
    const year = taxYear + (month < 4 ? 1 : 0);
    const start = `${String(year)}-${String(month).padStart(2, "0")}-06`;
    const inForce = [...TEACHERS_PENSION_RATES].reverse().find((r) => r.from <= start) ?? first;
    used.add(inForce.source);
    total = addRatios(total, ratioFromNumber(Number(inForce.rate)));
  }
  return {
    rate: multiplyRatios(total, ratio(1, 12)),
    table: { table: `Teachers' Pension Scheme employer rate ${yearLabel(taxYear)}`, sources: [...used] },
  };
}

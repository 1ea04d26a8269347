import { TEACHERS_PENSION_RATES } from "../data/teachersPensionRates";
import type { TableUsed } from "../data/SourceRef";
import { CostingError } from "../errors/CostingError";
import { addRatios, multiplyRatios, type Ratio, ratio, ratioFromNumber, ZERO_RATIO } from "../money/Ratio";
import { compareDates, tableDate } from "../periods/excelDate";
import { yearLabel } from "../periods/FinancialYear";
import { taxMonthStarts } from "../periods/taxMonthStarts";
import type { PensionScheme } from "./PensionScheme";

/** The employer pension rate applied over a tax year, and where it came from. */
export interface PensionRate {
  readonly rate: Ratio;
  readonly table: TableUsed | null;
}

// The TPS table read once: start dates parsed, rates exact, latest first for "in force on" lookups.
const TPS_LATEST_FIRST = TEACHERS_PENSION_RATES.map((r) => ({
  start: tableDate(r.from, "teachersPensionRates.ts"),
  rate: ratioFromNumber(Number(r.rate)),
  source: r.source,
})).reverse();

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
  const first = TPS_LATEST_FIRST.at(-1);
  if (first === undefined || taxYear < first.start.year) {
    throw new CostingError(
      "not-available",
      `No Teachers' Pension Scheme rate is held for ${yearLabel(taxYear)}: give the rate, e.g. 16.48%.`,
    );
  }
  let total = ZERO_RATIO;
  const used = new Set<string>();
  for (const start of taxMonthStarts(taxYear)) {
    const inForce = TPS_LATEST_FIRST.find((r) => compareDates(r.start, start) <= 0) ?? first;
    used.add(inForce.source);
    total = addRatios(total, inForce.rate);
  }
  return {
    rate: multiplyRatios(total, ratio(1, 12)),
    table: { table: `Teachers' Pension Scheme employer rate ${yearLabel(taxYear)}`, sources: [...used] },
  };
}

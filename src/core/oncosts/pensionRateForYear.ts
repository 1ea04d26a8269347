import { TEACHERS_PENSION_RATES } from "../data/teachersPensionRates";
import type { TableUsed } from "../data/SourceRef";
import { CostingError } from "../errors/CostingError";
import { addRatios, multiplyRatios, type Ratio, ratio, ratioFromNumber, ZERO_RATIO } from "../money/Ratio";
import { parseIsoDate } from "../periods/excelDate";
import { yearLabel } from "../periods/FinancialYear";
import { compareDates, taxMonthStarts } from "../periods/taxMonthStarts";
import type { PensionScheme } from "./PensionScheme";

/** The employer pension rate applied over a tax year, and where it came from. */
export interface PensionRate {
  readonly rate: Ratio;
  readonly table: TableUsed | null;
}

function parseRateDate(text: string) {
  const date = parseIsoDate(text);
  if (date === null) throw new Error(`teachersPensionRates.ts: bad date ${text}`);
  return date;
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
  for (const start of taxMonthStarts(taxYear)) {
    const inForce =
      [...TEACHERS_PENSION_RATES].reverse().find((r) => compareDates(parseRateDate(r.from), start) <= 0) ?? first;
    used.add(inForce.source);
    total = addRatios(total, ratioFromNumber(Number(inForce.rate)));
  }
  return {
    rate: multiplyRatios(total, ratio(1, 12)),
    table: { table: `Teachers' Pension Scheme employer rate ${yearLabel(taxYear)}`, sources: [...used] },
  };
}

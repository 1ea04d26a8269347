import { CostingError } from "../errors/CostingError";
import type { Pence } from "../money/pence";
import { ratio } from "../money/Ratio";
import { applyRatio, MONEY_ROUNDING } from "../money/rounding";
import { type CalendarDate, dateToSerial } from "../periods/excelDate";
import { yearContaining, yearLabel } from "../periods/FinancialYear";

/** The part of an annual amount falling in a financial year, and the days it was worked out on. */
export interface PartYear {
  readonly amount: Pence;
  readonly financialYear: string;
  readonly days: number;
  readonly daysInYear: number;
}

/**
 * The part of an annual amount that falls in a financial year (1 April – 31 March), by days: the
 * amount × days from start to end inclusive within the year ÷ days in the year (365 or 366). With no
 * end date the amount runs to the year's end; with no year, the year containing the start date.
 *
 * @example
 * calculatePartYear(3_000_000, { year: 2012, month: 9, day: 1 }, null, null).amount
 * //=> 1742466 (£30,000 × 212 ÷ 365 = £17,424.66; 1 Sep 2012 – 31 Mar 2013 is 212 days)
 */
export function calculatePartYear(
  annual: Pence,
  start: CalendarDate,
  end: CalendarDate | null,
  financialYear: number | null,
): PartYear {
  const year = financialYear ?? yearContaining(start, "pay");
  const yearStart = dateToSerial({ year, month: 4, day: 1 });
  const yearEnd = dateToSerial({ year: year + 1, month: 3, day: 31 });
  const from = Math.max(dateToSerial(start), yearStart);
  const to = Math.min(end === null ? yearEnd : dateToSerial(end), yearEnd);
  if (end !== null && dateToSerial(end) < dateToSerial(start)) {
    throw new CostingError("invalid-number", "The end date is before the start date: swap them.");
  }
  const daysInYear = yearEnd - yearStart + 1;
  const days = Math.max(0, to - from + 1);
  return {
    amount: applyRatio(annual, ratio(days, daysInYear), MONEY_ROUNDING),
    financialYear: yearLabel(year),
    days,
    daysInYear,
  };
}

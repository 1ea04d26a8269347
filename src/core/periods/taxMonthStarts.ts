import type { CalendarDate } from "./excelDate";

/**
 * The first day of each of the twelve tax months of a tax year: the 6th of April through the 6th
 * of March. Rates that change mid-year apply to the tax months that start while they are in force.
 *
 * @example
 * taxMonthStarts(2022)[6] //=> { year: 2022, month: 10, day: 6 } (month 7, the last at 15.05%)
 */
export function taxMonthStarts(taxYear: number): CalendarDate[] {
  return Array.from({ length: 12 }, (_, i) => {
    const month = ((3 + i) % 12) + 1;
    return { year: taxYear + (month < 4 ? 1 : 0), month, day: 6 };
  });
}

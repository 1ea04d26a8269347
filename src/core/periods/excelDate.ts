import { CostingError } from "../errors/CostingError";

/** A calendar date without time or zone. `month` is 1–12. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const MS_PER_DAY = 86_400_000;
// Excel's 1900 date system counts 1900-02-29, a day that never was; serials from 61 (1 March 1900)
// are days since 1899-12-30.
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);
const FIRST_SUPPORTED_SERIAL = 61;
const LAST_SUPPORTED_SERIAL = 2_958_465; // 31 December 9999, Excel's last date

/**
 * Converts an Excel date serial (1900 date system) to a calendar date. Fractions of a day (times)
 * are ignored.
 *
 * @example
 * serialToDate(45748) //=> { year: 2025, month: 4, day: 1 }
 */
export function serialToDate(serial: number): CalendarDate {
  if (!Number.isFinite(serial) || serial < FIRST_SUPPORTED_SERIAL || serial > LAST_SUPPORTED_SERIAL) {
    throw new CostingError(
      "invalid-number",
      `${String(serial)} is not a date Excel can hold after 1 March 1900; type a date such as 1/4/2025.`,
    );
  }
  const date = new Date(SERIAL_EPOCH_MS + Math.floor(serial) * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/**
 * Converts a calendar date to an Excel date serial (1900 date system).
 *
 * @example
 * dateToSerial({ year: 2025, month: 4, day: 1 }) //=> 45748
 */
export function dateToSerial(date: CalendarDate): number {
  return Math.round((Date.UTC(date.year, date.month - 1, date.day) - SERIAL_EPOCH_MS) / MS_PER_DAY);
}

/**
 * Reads an ISO date written as text (`2025-04-01`).
 *
 * @example
 * parseIsoDate("2025-04-01") //=> { year: 2025, month: 4, day: 1 }
 * parseIsoDate("1 April") //=> null
 */
export function parseIsoDate(text: string): CalendarDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [, y, m, d] = match;
  const date = { year: Number(y), month: Number(m), day: Number(d) };
  const check = new Date(Date.UTC(date.year, date.month - 1, date.day));
  return check.getUTCMonth() + 1 === date.month && check.getUTCDate() === date.day ? date : null;
}

/**
 * Reads an ISO date from the product's own rate tables, where a bad date is a data fault, not user
 * input: it throws a plain Error naming the table.
 *
 * @example
 * tableDate("2022-11-06", "employer-ni.json") //=> { year: 2022, month: 11, day: 6 }
 */
export function tableDate(text: string, table: string): CalendarDate {
  const date = parseIsoDate(text);
  if (date === null) throw new Error(`${table}: bad date ${text}`);
  return date;
}

/**
 * Orders calendar dates: negative when a is earlier, zero when equal, positive when later.
 *
 * @example
 * compareDates({ year: 2022, month: 11, day: 5 }, { year: 2022, month: 11, day: 6 }) //=> -1
 */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return Math.sign(a.year - b.year || a.month - b.month || a.day - b.day);
}

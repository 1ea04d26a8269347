import { CostingError } from "../errors/CostingError";
import { type CalendarDate, parseIsoDate, serialToDate } from "./excelDate";

/**
 * Which year a figure belongs to. Pay years (NJC awards, council budgets) run 1 April – 31 March;
 * tax years (National Insurance, apprenticeship levy) run 6 April – 5 April.
 */
export type YearKind = "pay" | "tax";

/** The day and month each kind of year starts on. */
export const YEAR_START: Readonly<Record<YearKind, { month: number; day: number }>> = {
  pay: { month: 4, day: 1 },
  tax: { month: 4, day: 6 },
};

// Numbers in this range are years (2025 → 2025/26); larger numbers are Excel date serials.
const FIRST_YEAR = 1900;
const LAST_YEAR = 2199;

/**
 * The label finance officers use for the year starting in `startYear`.
 *
 * @example
 * yearLabel(2025) //=> "2025/26"
 * yearLabel(1999) //=> "1999/00"
 */
export function yearLabel(startYear: number): string {
  return `${String(startYear)}/${String((startYear + 1) % 100).padStart(2, "0")}`;
}

/**
 * The calendar year in which the pay or tax year containing `date` starts.
 *
 * @example
 * yearContaining({ year: 2026, month: 4, day: 5 }, "tax") //=> 2025
 * yearContaining({ year: 2026, month: 4, day: 5 }, "pay") //=> 2026
 */
export function yearContaining(date: CalendarDate, kind: YearKind): number {
  const start = YEAR_START[kind];
  const beforeStart = date.month < start.month || (date.month === start.month && date.day < start.day);
  return beforeStart ? date.year - 1 : date.year;
}

function describe(kind: YearKind): string {
  return kind === "pay" ? "pay year" : "tax year";
}

/**
 * Reads a year as finance officers write it and returns the calendar year it starts in. Accepts
 * `2025/26`, `2025-26`, `2025/2026`, `2025` (meaning 2025/26), an ISO date as text, or an Excel date
 * serial (the pay or tax year containing that date).
 *
 * @example
 * parseYear("2025/26", "pay") //=> 2025
 * parseYear(2025, "tax") //=> 2025
 * parseYear(46027, "tax") //=> 2025 (5 January 2026 falls in tax year 2025/26)
 */
export function parseYear(input: number | string, kind: YearKind): number {
  if (typeof input === "number") {
    if (Number.isInteger(input) && input >= FIRST_YEAR && input <= LAST_YEAR) return input;
    if (input > LAST_YEAR) return yearContaining(serialToDate(input), kind);
    throw new CostingError(
      "invalid-value",
      `${String(input)} is not a ${describe(kind)}: write 2025/26, 2025 or a date.`,
    );
  }
  const text = input.trim();
  const pair = /^(\d{4})\s*[/\-–]\s*(\d{2}|\d{4})$/.exec(text);
  if (pair) {
    const start = Number(pair[1]);
    const end = Number(pair[2]);
    const expected = pair[2]?.length === 2 ? (start + 1) % 100 : start + 1;
    if (end !== expected) {
      throw new CostingError(
        "invalid-value",
        `"${text}" is not a ${describe(kind)}: the second year must follow the first, as in ${yearLabel(start)}.`,
      );
    }
    return start;
  }
  if (/^\d{4}$/.test(text)) return parseYear(Number(text), kind);
  const date = parseIsoDate(text);
  if (date) return yearContaining(date, kind);
  throw new CostingError("invalid-value", `"${text}" is not a ${describe(kind)}: write 2025/26, 2025 or a date.`);
}

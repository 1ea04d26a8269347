import { CostingError } from "../errors/CostingError";

/** The NJC standard working week (Green Book), in hours. Barnet and some others use 36. */
export const STANDARD_WEEKLY_HOURS = 37;

/**
 * Full-time equivalent of a post from its contracted weekly hours: hours ÷ the standard week.
 *
 * @example
 * fteFromHours(18.5) //=> 0.5
 * fteFromHours(30, 36) //=> 0.8333333333333334
 */
export function fteFromHours(weeklyHours: number, standardHours: number = STANDARD_WEEKLY_HOURS): number {
  if (!Number.isFinite(standardHours) || standardHours <= 0 || standardHours > 168) {
    throw new CostingError(
      "invalid-number",
      `A standard week of ${String(standardHours)} hours is not possible: write the full-time hours, e.g. 37.`,
    );
  }
  if (!Number.isFinite(weeklyHours) || weeklyHours < 0 || weeklyHours > 168) {
    throw new CostingError(
      "invalid-number",
      `${String(weeklyHours)} is not a number of weekly hours: write 0 to 168, e.g. 18.5.`,
    );
  }
  return weeklyHours / standardHours;
}

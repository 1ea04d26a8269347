import { formatFigure } from "./formatFigure";
import { makeProblem, type Problem } from "./Problem";

/** A figure read from a cell, with the decimal places it was written to. */
export interface Figure {
  readonly value: number;
  readonly decimals: number;
}

/**
 * What a column counts, which decides how much a total may differ by rounding alone: counts of
 * people or posts are exact; money written in whole pounds has been rounded; other figures (FTE,
 * hours) are exact when written as whole numbers.
 */
export type FigureKind = "count" | "money" | "measure";

/**
 * The figures a total should be the sum of, down a column: their values in order and the most
 * places any of them was written to. Kept as numbers, not a Figure each: a total under a million
 * rows would otherwise hold a million objects until it is checked.
 */
export interface FigureColumn {
  readonly values: readonly number[];
  readonly decimals: number;
}

/** A stated total and the figures it should be the sum of. */
export interface TotalToCheck {
  readonly sheet: string;
  /** 0-based row and column of the stated total. */
  readonly row: number;
  readonly column: number;
  readonly stated: Figure;
  readonly inputs: FigureColumn;
  readonly kind: FigureKind;
  /** How the message names the total and its rows: "The subtotal", "the 23 rows above it". */
  readonly totalName: string;
  readonly inputsName: string;
  readonly columnName: string;
}

const MAX_PLACES = 9;

/**
 * Recomputes a stated total from its rows and reports any difference as `total-mismatch`: `info`
 * when it is within the rounding of the rows (each row written to d places can be off by half a
 * unit in its last place, so n rows by n × ½ × 10^−d: hr-sheet-problems.md #10–11, Leicester §7's
 * 248.88 against 248.89), `error` beyond. Sums are taken on integers scaled to the most places any
 * figure was written to, so no float drift can make a total that foots look wrong.
 *
 * @example
 * checkTotal({ sheet: "S", row: 3, column: 1, stated: { value: 3, decimals: 0 }, inputs: { values: [1, 1], decimals: 0 }, kind: "measure", totalName: "The total", inputsName: "the 2 rows above it", columnName: "FTE" })?.severity //=> "error"
 */
export function checkTotal(total: TotalToCheck): Problem | null {
  const places = Math.min(MAX_PLACES, Math.max(total.inputs.decimals, total.stated.decimals));
  const scale = 10 ** places;
  let scaledSum = 0;
  for (const value of total.inputs.values) scaledSum += Math.round(value * scale);
  const scaledStated = Math.round(total.stated.value * scale);
  const difference = scaledStated - scaledSum;
  if (difference === 0) return null;
  const rounded = total.kind === "money" || (total.kind === "measure" && places > 0);
  const count = total.inputs.values.length;
  const withinRounding = rounded && Math.abs(difference) * 2 <= count;
  const money = total.kind === "money" ? "£" : "";
  const show = (scaled: number, sign = false): string => {
    const text = formatFigure(scaled / scale, places, { sign });
    return money === "" ? text : text.replace(/^([−+]?)/, `$1${money}`);
  };
  const unit = places === 0 ? "whole numbers" : `${String(places)} decimal place${places === 1 ? "" : "s"}`;
  const verdict = withinRounding
    ? `within the rounding of ${String(count)} figures written to ${unit}`
    : "more than rounding can explain";
  return makeProblem(
    "total-mismatch",
    { sheet: total.sheet, row: total.row, column: total.column },
    `${total.totalName} of ${total.columnName} states ${show(scaledStated)}, but ${total.inputsName} add to ${show(scaledSum)}: a difference of ${show(difference, true)}, ${verdict}.`,
    { severity: withinRounding ? "info" : "error" },
  );
}

import { CostingError } from "../errors/CostingError";
import type { TableUsed } from "../data/SourceRef";
import { formatPounds } from "../money/formatPounds";
import type { Pence } from "../money/pence";
import { yearLabel } from "../periods/FinancialYear";
import { LATEST_PAY_YEAR, NATIONAL_PAY_SPINE } from "./nationalPaySpine";
import { normaliseScp } from "./normaliseScp";
import type { PayTable, SpinePoint } from "./PayTable";

/** A salary found on a pay scale, with the point and the table it came from. */
export interface ScpSalary {
  readonly scp: string;
  readonly salary: Pence;
  /** The pay year's label ("2025/26"), or null for a local scale. */
  readonly payYear: string | null;
  readonly point: SpinePoint;
  readonly table: TableUsed;
}

function knownYears(): string {
  const years = [...NATIONAL_PAY_SPINE.values()].filter((t) => t.points.size > 0).map((t) => t.payYear ?? 0);
  return `${yearLabel(Math.min(...years))} to ${yearLabel(Math.max(...years))}`;
}

function pointRange(table: PayTable): string {
  const numbers = [...table.points.keys()].map(Number).filter(Number.isFinite);
  return numbers.length > 0 ? `${String(Math.min(...numbers))}–${String(Math.max(...numbers))}` : "none";
}

/**
 * Picks the pay table for a lookup: the user's local scale when given, else the national spine of
 * the pay year (default: the latest year with known values).
 *
 * @example
 * payTableFor(2025, null).name //=> "NJC pay spine 2025/26"
 */
export function payTableFor(payYear: number | null, scale: PayTable | null): PayTable {
  if (scale !== null) return scale;
  const year = payYear ?? LATEST_PAY_YEAR;
  const table = NATIONAL_PAY_SPINE.get(year);
  if (table === undefined || table.points.size === 0) {
    throw new CostingError(
      "not-available",
      `No NJC pay rates are known for ${yearLabel(year)} (no pay award found). Known pay years: ${knownYears()}; or give your own scale.`,
    );
  }
  return table;
}

/**
 * The full-time annual salary of a spinal column point. A value the sources do not give, or on
 * which they conflict, is unknown: the lookup says so rather than inventing one.
 *
 * @example
 * lookupScpSalary(43, 2025, null).salary //=> 5449500 (£54,495)
 * lookupScpSalary(33, 2025, null) // throws CostingError("not-available", "SCP 33 in 2025/26 is not in any source …")
 */
export function lookupScpSalary(scp: number | string, payYear: number | null, scale: PayTable | null): ScpSalary {
  const table = payTableFor(payYear, scale);
  const key = normaliseScp(scp);
  const point = table.points.get(key);
  const where = table.payYear === null ? "your scale" : `the ${yearLabel(table.payYear)} national spine`;
  if (point === undefined) {
    throw new CostingError(
      "not-available",
      `SCP ${key} is not on ${where} (points ${pointRange(table)}).${table.payYear === null ? "" : ` ${table.rule}`}`,
    );
  }
  if (point.salary === null) {
    const reason =
      point.status === "conflict"
        ? `sources conflict (${point.note ?? "see the reference data"})`
        : `it is not in any source we hold${point.reconstruction === undefined ? "" : ` (an unverified reconstruction gives ${formatPounds(point.reconstruction * 100)})`}`;
    throw new CostingError(
      "not-available",
      `SCP ${key} in ${table.payYear === null ? "your scale" : yearLabel(table.payYear)} is unknown: ${reason}. Give your council's pay scale as the scale argument.`,
    );
  }
  const caveat = point.range
    ? `derived; the source allows £${String(point.range[0])}–£${String(point.range[1])}`
    : undefined;
  return {
    scp: key,
    salary: point.salary,
    payYear: table.payYear === null ? null : yearLabel(table.payYear),
    point,
    table: {
      table: table.name,
      sources: point.sources.length > 0 ? point.sources : table.sources,
      ...(caveat === undefined ? {} : { note: caveat }),
    },
  };
}

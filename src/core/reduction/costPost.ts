import { CostingError } from "../errors/CostingError";
import type { TableUsed } from "../data/SourceRef";
import type { EstablishmentRow } from "../establishment/EstablishmentRow";
import type { GradeBook, GradeEntry, MoneyRange } from "../establishment/readGradesSheet";
import type { Pence } from "../money/pence";
import { ONE_RATIO, ratioFromNumber } from "../money/Ratio";
import { applyRatio, MONEY_ROUNDING } from "../money/rounding";
import { calculatePostCost, type PostCostBreakdown } from "../oncosts/calculatePostCost";
import { gradeCostingPoint } from "../pay/gradeCostingPoint";
import { lookupScpSalary, type ScpSalary } from "../pay/lookupScpSalary";
import type { ReductionSettings } from "./ReductionSettings";

/** How a line's cost was found. */
export type CostBasis =
  "scp" | "grade-point" | "grade-salary" | "cost-per-fte" | "stated-cost" | "allowance" | "not-costed";

/** One establishment line, costed: the audit trail behind every figure of the reduction table. */
export interface CostedPost {
  readonly side: "current" | "proposed";
  readonly line: EstablishmentRow;
  readonly basis: CostBasis;
  /** The SCP the salary was taken from, when costed from the pay spine. */
  readonly scp: string | null;
  /** Full-time annual salary used (null for a stated cost, an allowance or a cost per FTE). */
  readonly salary: Pence | null;
  /** FTE costed: leavers' posts count as vacant posts, so their FTE is costed. */
  readonly fte: number;
  readonly pay: Pence | null;
  readonly employerNi: Pence | null;
  readonly pension: Pence | null;
  readonly levy: Pence | null;
  /** Flat on-cost, in flat-rate mode. */
  readonly flatOnCost: Pence | null;
  /** The line's full cost, or null when it could not be costed (see `note`). */
  readonly total: Pence | null;
  /** Why the line was costed this way, or why it could not be. */
  readonly note: string;
  /** The rate tables the figures came from. */
  readonly tables: readonly TableUsed[];
}

/**
 * Costs one establishment line for the run's settings: its own SCP if the sheet gives one, else
 * its grade's costing point on the pay spine, the grade's salary, or the grade's full cost per
 * FTE (no on-costs added); a cost the sheet states for the line is used as stated, and an
 * allowance line is carried as it is. A line standing for more than one FTE with no post-holder
 * (`Social workers 143`) is costed as that many full-time posts, because NI thresholds apply to
 * each person, not to the line.
 *
 * @example
 * costPost(line, "proposed", grades, settings).total //=> 4512300
 */
export function costPost(
  line: EstablishmentRow,
  side: "current" | "proposed",
  grades: GradeBook | null,
  settings: ReductionSettings,
): CostedPost {
  const fte = line.fte ?? 0;
  const none = {
    scp: null,
    salary: null,
    pay: null,
    employerNi: null,
    pension: null,
    levy: null,
    flatOnCost: null,
    tables: [],
  };
  if (line.kind === "allowance") {
    return { side, line, basis: "allowance", fte: 0, ...none, total: line.cost, note: "Allowance: carried as stated" };
  }
  if (line.cost !== null) {
    return {
      side,
      line,
      basis: "stated-cost",
      fte,
      ...none,
      total: line.cost,
      note: `Cost as stated in ${line.sheet}`,
    };
  }
  if (line.fte === null) return notCosted(line, side, 0, "The FTE is unknown");
  const entry = line.grade === null || grades === null ? undefined : grades.grades.get(line.grade.key);
  try {
    if (line.scp !== null || (entry !== undefined && entry.ranges.length > 0)) {
      const scp = line.scp ?? pointOf(entry as GradeEntry, settings);
      const found = salaryAt(scp, settings.payYear);
      const costed = onSpine(line, side, found.salary, settings, line.scp === null ? "grade-point" : "scp", scp);
      return { ...costed, tables: [found.table, ...costed.tables] };
    }
    if (line.salary !== null) return onSpine(line, side, line.salary, settings, "grade-salary", null);
    if (entry?.salary != null) return onSpine(line, side, pick(entry.salary, settings), settings, "grade-salary", null);
    if (entry?.costPerFte != null) {
      const perFte = pick(entry.costPerFte, settings);
      return {
        side,
        line,
        basis: "cost-per-fte",
        fte,
        ...none,
        total: applyRatio(perFte, ratioFromNumber(fte), MONEY_ROUNDING),
        note: `Grade ${entry.grade}: full cost per FTE, on-costs included`,
      };
    }
  } catch (error: unknown) {
    if (error instanceof CostingError) return notCosted(line, side, fte, error.message);
    throw error;
  }
  if (line.grade === null) return notCosted(line, side, fte, "No grade, SCP or salary");
  if (grades === null) return notCosted(line, side, fte, "No grades table to cost the grade from");
  if (entry === undefined) return notCosted(line, side, fte, `Grade ${line.grade.text} is not in the grades table`);
  return notCosted(line, side, fte, `Grade ${entry.grade} has no SCP range, salary or cost per FTE`);
}

// Thousands of lines share a few dozen points: look each (point, year) up once, and remember a
// point the spine cannot pay as the error it gives, rather than building that error per line.
const LOOKUPS = new Map<string, ScpSalary | CostingError>();

function salaryAt(scp: string, payYear: number): ScpSalary {
  const key = `${scp}|${String(payYear)}`;
  let found = LOOKUPS.get(key);
  if (found === undefined) {
    try {
      found = lookupScpSalary(scp, payYear, null);
    } catch (error: unknown) {
      if (!(error instanceof CostingError)) throw error;
      found = error;
    }
    if (LOOKUPS.size > 10_000) LOOKUPS.clear();
    LOOKUPS.set(key, found);
  }
  if (found instanceof CostingError) throw found;
  return found;
}

function pointOf(entry: GradeEntry, settings: ReductionSettings): string {
  const lowest = Math.min(...entry.ranges.map((range) => range.lowest));
  const highest = Math.max(...entry.ranges.map((range) => range.highest));
  return gradeCostingPoint({ grade: entry.grade, lowest: String(lowest), highest: String(highest) }, settings.point);
}

function pick(range: MoneyRange, settings: ReductionSettings): Pence {
  if (settings.point === "top") return range.highest;
  if (settings.point === "bottom") return range.lowest;
  return Math.round((range.lowest + range.highest) / 2);
}

function notCosted(line: EstablishmentRow, side: "current" | "proposed", fte: number, note: string): CostedPost {
  return {
    side,
    line,
    basis: "not-costed",
    scp: null,
    salary: null,
    fte,
    pay: null,
    employerNi: null,
    pension: null,
    levy: null,
    flatOnCost: null,
    total: null,
    note,
    tables: [],
  };
}

function onSpine(
  line: EstablishmentRow,
  side: "current" | "proposed",
  salary: Pence,
  settings: ReductionSettings,
  basis: CostBasis,
  scp: string | null,
): CostedPost {
  const fte = line.fte ?? 0;
  const cost = (share: number): PostCostBreakdown =>
    calculatePostCost({
      salary,
      fte: share === 1 ? ONE_RATIO : ratioFromNumber(share),
      taxYear: settings.taxYear,
      category: settings.niCategory,
      niMethod: settings.niMethod,
      pension: settings.pension,
      levy: settings.levy,
      ...(settings.flatRate === null ? {} : { flatRate: settings.flatRate }),
    });
  // A line of several posts: each FTE is a full-time post, costed once and multiplied.
  const group = fte > 1 && line.postHolder === null;
  const one = cost(group ? 1 : fte);
  const times = (pence: Pence): Pence => (group ? applyRatio(pence, ratioFromNumber(fte), MONEY_ROUNDING) : pence);
  const parts = {
    pay: times(one.pay),
    employerNi: times(one.employerNi),
    pension: times(one.pension),
    levy: times(one.levy),
    flatOnCost: times(one.flatOnCost),
  };
  return {
    side,
    line,
    basis,
    scp,
    salary,
    fte,
    ...parts,
    // The sum of the rounded parts, so that every costed line foots across its columns.
    total: parts.pay + parts.employerNi + parts.pension + parts.levy + parts.flatOnCost,
    note: `${scp === null ? "Salary" : `SCP ${scp}`}${group ? `; ${String(fte)} full-time posts` : ""}; ${one.niRule}`,
    tables: one.tables,
  };
}

import type { TableUsed } from "../data/SourceRef";
import type { EstablishmentRow } from "../establishment/EstablishmentRow";
import type { GradeBook } from "../establishment/readGradesSheet";
import type { Pence } from "../money/pence";
import { PostCoster } from "./PostCoster";
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
 * each person, not to the line. To cost the lines of a run, use a {@link PostCoster}, which works
 * each SCP and FTE out once for all the lines on them.
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
  return new PostCoster(grades, settings).cost(line, side);
}

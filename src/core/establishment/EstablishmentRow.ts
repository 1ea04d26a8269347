import type { Pence } from "../money/pence";
import type { ColumnField } from "./matchHeader";
import type { GradeText } from "./parseGradeText";

/** Which establishment a sheet holds. */
export type EstablishmentRole = "current" | "proposed";

/**
 * One post line read from an establishment sheet, as HR wrote it but in numbers the engine can
 * use. A line may stand for several posts (`Support Worker x 4`, Leicester §7 `Social workers 143`).
 */
export interface EstablishmentRow {
  readonly sheet: string;
  /** 1-based spreadsheet row. */
  readonly row: number;
  /** The section column, else the heading the row sits under, else null. */
  readonly section: string | null;
  /** Title without a leaver's `*` or a count (`x 4`), spaces collapsed. */
  readonly title: string;
  /** A1 reference of the title cell, where "take me there" goes. */
  readonly titleCell: string;
  /** 0-based column of each recognised field in the row's block (shared by the block's rows). */
  readonly columns: Readonly<Partial<Record<ColumnField, number>>>;
  /** Columns whose cell on this row holds an error value (reported as formula-error). */
  readonly errors: readonly ColumnField[];
  readonly postNumbers: readonly string[];
  readonly grade: GradeText | null;
  /** Spinal column point key (see normaliseScp), when the sheet gives one. */
  readonly scp: string | null;
  /** FTE of the line; null when unknown (blank is unknown, never zero). */
  readonly fte: number | null;
  /** Where the FTE came from: an FTE column, weekly hours ÷ standard week, or a count of posts. */
  readonly fteFrom: "fte" | "hours" | "posts" | null;
  readonly weeklyHours: number | null;
  /** A count of posts the line stands for: from a count column or a count in the title. */
  readonly posts: number | null;
  /** The post-holder as written (surname and initial joined), null when none or vacant. */
  readonly postHolder: string | null;
  readonly vacant: boolean;
  /** Struck through and/or marked `*`: not in the establishment, but the post is a vacancy. */
  readonly leaver: boolean;
  readonly pension: string | null;
  /** Excel date serials. */
  readonly startDate: number | null;
  readonly endDate: number | null;
  /** Full-time annual salary, when the sheet gives one. */
  readonly salary: Pence | null;
  /** The line's cost as written (an allowance line's only figure). */
  readonly cost: Pence | null;
  /** `allowance`: a cost with no FTE, carried as it is (Leicester §7 Waking Night Allowance). */
  readonly kind: "post" | "allowance";
}

/** An establishment sheet as read: its post lines, and whether it has the columns costing needs. */
export interface EstablishmentSheet {
  readonly sheet: string;
  readonly role: EstablishmentRole;
  readonly rows: readonly EstablishmentRow[];
  /** True when some block of the sheet has a grade, SCP, salary or cost column. */
  readonly hasPayColumn: boolean;
}

import type { Pence } from "../money/pence";
import type { Ratio } from "../money/Ratio";
import type { CalendarDate } from "../periods/excelDate";

/** A National Insurance threshold for each earnings period, in pence. */
export interface Threshold {
  readonly week: Pence;
  readonly month: Pence;
  readonly year: Pence;
}

/** The earnings period a threshold is read for. */
export type EarningsPeriod = "month" | "year";

/** Employer NI rules in force for part (or all) of a tax year. */
export interface NiPeriod {
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  /** Employer (secondary) rate above the secondary threshold. */
  readonly rate: Ratio;
  /** Secondary threshold (ST). */
  readonly st: Threshold;
  /** Lower earnings limit (LEL). */
  readonly lel: Threshold;
  /** Upper accrual point (UAP), for contracted-out employments; null once abolished. */
  readonly uap: Threshold | null;
  /** Upper secondary threshold for under-21s (UST), null before 2015/16. */
  readonly ust: Threshold | null;
  /** Apprentice upper secondary threshold (AUST), null before 2016/17. */
  readonly aust: Threshold | null;
  /** Employer contracted-out rebate on LEL–UAP band earnings; null from 6 April 2016. */
  readonly contractedOutRebate: Ratio | null;
  readonly sources: readonly string[];
}

/** Apprenticeship levy rule for a tax year. */
export interface LevyRule {
  readonly rate: Ratio;
  /** The employer's annual allowance (not applied per post: the marginal cost of a post is the rate). */
  readonly allowance: Pence;
  readonly sources: readonly string[];
}

/** Everything about employer on-costs that depends on the tax year. */
export interface NiYear {
  /** Start year of the tax year (2025 for 2025/26). */
  readonly taxYear: number;
  /** In date order; more than one when a rate changed mid-year (2022/23). */
  readonly periods: readonly NiPeriod[];
  /** Null before the levy began on 6 April 2017. */
  readonly levy: LevyRule | null;
}

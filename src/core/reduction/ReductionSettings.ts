import { STANDARD_WEEKLY_HOURS } from "../fte/fteFromHours";
import type { Pence } from "../money/pence";
import type { Ratio } from "../money/Ratio";
import type { NiMethod } from "../oncosts/calculateEmployerNi";
import type { NiCategory } from "../oncosts/NiCategory";
import { LATEST_TAX_YEAR } from "../oncosts/niTables";
import type { PensionScheme } from "../oncosts/PensionScheme";
import type { CostingPoint } from "../pay/gradeCostingPoint";
import { LATEST_PAY_YEAR } from "../pay/nationalPaySpine";

/** The settings of one costing run: every figure in the output depends on these and no others. */
export interface ReductionSettings {
  /** Pay year of the salaries (NJC spine year, 1 April – 31 March). */
  readonly payYear: number;
  /** Tax year of employer NI and the levy (6 April – 5 April). */
  readonly taxYear: number;
  readonly pension: PensionScheme;
  readonly niCategory: NiCategory;
  readonly niMethod: NiMethod;
  readonly levy: boolean;
  /** Flat on-cost share of pay instead of NI, pension and levy, when the council budgets that way. */
  readonly flatRate: Ratio | null;
  /** Which point of a grade a post with no SCP is costed at. */
  readonly point: CostingPoint;
  readonly standardHours: number;
  /** The current budget the proposed cost is set against (Leicester: "Required Current Budget"). */
  readonly budget: Pence | null;
  /**
   * Name the post-holders in the lists of deleted and changed posts. Off unless the user asks for a
   * named list (issue 7: HR sheets hold personal data; published tables carry counts, not names).
   */
  readonly namedList: boolean;
}

/**
 * Settings when the user gives none: the latest pay and tax years held, no pension (the LGPS rate
 * differs by fund, so it must be given to be costed), category A, annual NI, levy on, top of grade,
 * a 37-hour week, no budget, counts of post-holders rather than names.
 *
 * @example
 * DEFAULT_REDUCTION_SETTINGS.point //=> "top"
 */
export const DEFAULT_REDUCTION_SETTINGS: ReductionSettings = {
  payYear: LATEST_PAY_YEAR,
  taxYear: LATEST_TAX_YEAR,
  pension: { kind: "none" },
  niCategory: "A",
  niMethod: "annual",
  levy: true,
  flatRate: null,
  point: "top",
  standardHours: STANDARD_WEEKLY_HOURS,
  budget: null,
  namedList: false,
};

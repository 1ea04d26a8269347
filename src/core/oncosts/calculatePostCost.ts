import type { TableUsed } from "../data/SourceRef";
import { CostingError } from "../errors/CostingError";
import type { Pence } from "../money/pence";
import { compareRatios, ONE_RATIO, type Ratio, ratioToNumber, ZERO_RATIO } from "../money/Ratio";
import { applyRatio, MONEY_ROUNDING } from "../money/rounding";
import { yearLabel } from "../periods/FinancialYear";
import { calculateEmployerNi, type NiMethod } from "./calculateEmployerNi";
import type { NiCategory } from "./NiCategory";
import { niYear } from "./niTables";
import type { PensionScheme } from "./PensionScheme";
import { pensionRateForYear } from "./pensionRateForYear";

/** What a post costs and how: the settings of one costing. */
export interface PostCostInput {
  /** Full-time (1.0 FTE) annual salary. */
  readonly salary: Pence;
  /** The post's FTE; actual pay is salary × FTE. */
  readonly fte: Ratio;
  readonly taxYear: number;
  readonly category: NiCategory;
  readonly niMethod: NiMethod;
  readonly pension: PensionScheme;
  /** Whether the apprenticeship levy (0.5% of pay from 2017/18) is charged. */
  readonly levy: boolean;
  /**
   * Flat on-cost mode: when given, on-costs are this share of pay and NI, pension and levy are not
   * worked out separately (many councils budget this way).
   */
  readonly flatRate?: Ratio;
}

/** The cost of a post, component by component, with the tables each figure came from. */
export interface PostCostBreakdown {
  readonly salary: Pence;
  readonly fte: number;
  /** Actual annual pay: salary × FTE, rounded to the penny. */
  readonly pay: Pence;
  readonly employerNi: Pence;
  readonly pension: Pence;
  readonly levy: Pence;
  /** Flat on-cost, in flat-rate mode (then NI, pension and levy are zero). */
  readonly flatOnCost: Pence;
  /** Employer on-costs: NI + pension + levy (or the flat on-cost). */
  readonly onCosts: Pence;
  /** Pay + on-costs. */
  readonly total: Pence;
  readonly taxYear: string;
  readonly category: NiCategory;
  readonly niMethod: NiMethod;
  readonly pensionRate: number;
  readonly flatRate: number | null;
  /** How employer NI was charged, e.g. "15% above £5,000". */
  readonly niRule: string;
  readonly tables: readonly TableUsed[];
  /** Things a reader of the figure should know (e.g. no levy before 2017/18). */
  readonly notes: readonly string[];
}

/**
 * Costs a post for a year: actual pay, employer NI on that pay, employer pension on pensionable pay
 * (taken as the whole of pay), apprenticeship levy, and the total. Each component is rounded to the
 * penny once and the total is their sum, so a breakdown always foots.
 *
 * @example
 * const cost = calculatePostCost({
 *   salary: 2_880_000, fte: ONE_RATIO, taxYear: 2012, category: "D", niMethod: "annual",
 *   pension: { kind: "rate", rate: ratio(2472, 10000) }, levy: true,
 * });
 * cost.total //=> 3807039 (£38,070.39: Barnet's "£38,070 with on costs", 2012)
 */
export function calculatePostCost(input: PostCostInput): PostCostBreakdown {
  const { salary, fte, taxYear, category, niMethod, pension: scheme, levy: levyOn, flatRate } = input;
  if (!Number.isSafeInteger(salary) || salary < 0) {
    throw new CostingError("invalid-number", `Salary ${String(salary / 100)} must be zero or more.`);
  }
  if (compareRatios(fte, ZERO_RATIO) < 0) {
    throw new CostingError("invalid-number", `FTE ${String(ratioToNumber(fte))} must be zero or more.`);
  }
  const pay = applyRatio(salary, fte, MONEY_ROUNDING);
  const notes: string[] = [];
  const label = yearLabel(taxYear);
  if (compareRatios(fte, ONE_RATIO) > 0) notes.push(`FTE ${String(ratioToNumber(fte))} is above 1.0.`);

  if (flatRate !== undefined) {
    const flatOnCost = applyRatio(pay, flatRate, MONEY_ROUNDING);
    return {
      salary,
      fte: ratioToNumber(fte),
      pay,
      employerNi: 0,
      pension: 0,
      levy: 0,
      flatOnCost,
      onCosts: flatOnCost,
      total: pay + flatOnCost,
      taxYear: label,
      category,
      niMethod,
      pensionRate: 0,
      flatRate: ratioToNumber(flatRate),
      niRule: "flat on-cost rate",
      tables: [],
      notes: [...notes, "Flat on-cost rate: NI, pension and levy are not worked out separately."],
    };
  }

  const ni = calculateEmployerNi({ annualPay: pay, taxYear, category, method: niMethod });
  const pensionRate = pensionRateForYear(scheme, taxYear);
  const pension = applyRatio(pay, pensionRate.rate, MONEY_ROUNDING);
  const levyRule = niYear(taxYear).levy;
  let levy = 0;
  const tables: TableUsed[] = [ni.table];
  if (pensionRate.table !== null) tables.push(pensionRate.table);
  if (scheme.kind === "none") notes.push("No employer pension rate given: pension is not costed.");
  if (levyOn && levyRule === null) {
    notes.push(`No apprenticeship levy in ${label}: it began on 6 April 2017.`);
  } else if (levyOn && levyRule !== null) {
    levy = applyRatio(pay, levyRule.rate, MONEY_ROUNDING);
    tables.push({
      table: `Apprenticeship levy ${label}`,
      sources: levyRule.sources,
      note: "0.5% of pay per post; the employer's £15,000 annual allowance is not spread over posts",
    });
  }
  const onCosts = ni.amount + pension + levy;
  return {
    salary,
    fte: ratioToNumber(fte),
    pay,
    employerNi: ni.amount,
    pension,
    levy,
    flatOnCost: 0,
    onCosts,
    total: pay + onCosts,
    taxYear: label,
    category,
    niMethod,
    pensionRate: ratioToNumber(pensionRate.rate),
    flatRate: null,
    niRule: ni.rule,
    tables,
    notes,
  };
}

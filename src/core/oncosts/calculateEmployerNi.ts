import type { TableUsed } from "../data/SourceRef";
import { CostingError } from "../errors/CostingError";
import { formatPounds } from "../money/formatPounds";
import type { Pence } from "../money/pence";
import {
  addRatios,
  excessOver,
  minRatio,
  multiplyRatios,
  type Ratio,
  ratio,
  ratioToNumber,
  subtractRatios,
  ZERO_RATIO,
} from "../money/Ratio";
import { applyRatio, NI_ROUNDING } from "../money/rounding";
import { yearLabel } from "../periods/FinancialYear";
import { compareDates } from "../periods/excelDate";
import { taxMonthStarts } from "../periods/taxMonthStarts";
import type { NiCategory } from "./NiCategory";
import { niYear } from "./niTables";
import type { EarningsPeriod, NiPeriod, NiYear, Threshold } from "./NiYear";

/**
 * How employer NI is worked out over a year:
 * - `annual`: one annual earnings period, NI = rate × (annual pay − annual threshold). Where the rate
 *   changed mid-year (2022/23) each rate applies to the share of tax months it was in force.
 * - `monthly`: as a monthly payroll does it: each tax month's pay (annual pay ÷ 12) against the monthly
 *   thresholds, each month rounded, then summed.
 */
export type NiMethod = "annual" | "monthly";

/** Employer NI on a year's pay, with the rules used. */
export interface EmployerNi {
  readonly amount: Pence;
  readonly taxYear: string;
  readonly category: NiCategory;
  readonly method: NiMethod;
  /** The rule in words, e.g. "15% above £5,000". */
  readonly rule: string;
  readonly table: TableUsed;
}

function band(threshold: Threshold, period: EarningsPeriod): Ratio {
  return ratio(threshold[period], 1);
}

function notInYear(what: string, category: NiCategory, taxYear: number): never {
  throw new CostingError(
    "not-available",
    `NI category ${category} does not apply in ${yearLabel(taxYear)}: ${what}. Use category A.`,
  );
}

function required<T>(value: T | null, what: string, category: NiCategory, taxYear: number): T {
  return value ?? notInYear(what, category, taxYear);
}

// Secondary contributions on one period's earnings, exact (not yet rounded), in pence.
function contributions(
  earnings: Ratio,
  rules: NiPeriod,
  period: EarningsPeriod,
  category: NiCategory,
  taxYear: number,
): Ratio {
  switch (category) {
    case "A":
      return multiplyRatios(rules.rate, excessOver(earnings, band(rules.st, period)));
    case "M":
    case "H": {
      const upper =
        category === "M"
          ? required(rules.ust, "the under-21 upper secondary threshold began on 6 April 2015", category, taxYear)
          : required(rules.aust, "the apprentice upper secondary threshold began on 6 April 2016", category, taxYear);
      return multiplyRatios(rules.rate, excessOver(earnings, band(upper, period)));
    }
    case "D": {
      const ended = "contracting-out ended on 6 April 2016";
      const rebate = required(rules.contractedOutRebate, ended, category, taxYear);
      const uapThreshold = required(rules.uap, ended, category, taxYear);
      const st = band(rules.st, period);
      const uap = band(uapThreshold, period);
      const lel = band(rules.lel, period);
      // HMRC category D (e.g. 2014/15, N05): rebate on LEL–ST, reduced rate on ST–UAP, full rate above the UAP.
      const reducedBand = multiplyRatios(subtractRatios(rules.rate, rebate), excessOver(minRatio(earnings, uap), st));
      const fullBand = multiplyRatios(rules.rate, excessOver(earnings, uap));
      const rebateBand = multiplyRatios(rebate, excessOver(minRatio(earnings, st), lel));
      return subtractRatios(addRatios(reducedBand, fullBand), rebateBand);
    }
  }
}

// The period in force at the start of each of the 12 tax months.
function periodsByTaxMonth(taxYear: number, periods: readonly NiPeriod[]): NiPeriod[] {
  return taxMonthStarts(taxYear).map((start) => {
    const inForce = periods.find((p) => compareDates(p.from, start) <= 0 && compareDates(start, p.to) <= 0);
    if (inForce === undefined) throw new Error(`employer-ni.json: no NI period covers ${JSON.stringify(start)}`);
    return inForce;
  });
}

interface YearRules {
  readonly rules: NiYear;
  readonly months: readonly NiPeriod[];
  readonly sources: readonly string[];
}

// Per tax year, the rules by tax month and their sources, worked out once: a workbook calls
// EMPLOYERNI or ONCOST thousands of times on the same few years.
const YEAR_RULES = new Map<number, YearRules>();
const RULE_TEXT = new Map<string, string>();

function yearRules(taxYear: number): YearRules {
  let found = YEAR_RULES.get(taxYear);
  if (found === undefined) {
    const rules = niYear(taxYear);
    found = {
      rules,
      months: periodsByTaxMonth(taxYear, rules.periods),
      sources: [...new Set(rules.periods.flatMap((p) => p.sources))],
    };
    YEAR_RULES.set(taxYear, found);
  }
  return found;
}

function ruleText(taxYear: number, months: readonly NiPeriod[], category: NiCategory): string {
  const key = `${String(taxYear)}${category}`;
  let text = RULE_TEXT.get(key);
  if (text === undefined) {
    text = describeRule(months, category);
    RULE_TEXT.set(key, text);
  }
  return text;
}

function percent(r: Ratio): string {
  return `${String(Math.round(ratioToNumber(r) * 1e6) / 1e4)}%`;
}

function describeRule(months: readonly NiPeriod[], category: NiCategory): string {
  const first = months[0];
  if (first === undefined) return "";
  if (category === "D" && first.contractedOutRebate !== null && first.uap !== null) {
    const reduced = subtractRatios(first.rate, first.contractedOutRebate);
    return `${percent(reduced)} from ${formatPounds(first.st.year)} to ${formatPounds(first.uap.year)}, ${percent(first.rate)} above, less ${percent(first.contractedOutRebate)} from ${formatPounds(first.lel.year)} to ${formatPounds(first.st.year)}`;
  }
  const threshold = { A: first.st, M: first.ust, H: first.aust, D: first.st }[category];
  const thresholdValue = threshold === null ? "the threshold" : formatPounds(threshold.year);
  const counts = new Map<NiPeriod, number>();
  for (const m of months) counts.set(m, (counts.get(m) ?? 0) + 1);
  const rates = [...counts.entries()].map(([p, n]) =>
    counts.size === 1 ? percent(p.rate) : `${percent(p.rate)} for ${String(n)} months`,
  );
  return `${rates.join(", ")} above ${thresholdValue}`;
}

/**
 * Employer (secondary) Class 1 National Insurance on a year's actual pay. Pay is the post's actual
 * pay (FTE salary × FTE), never a pro-rata of a full-time figure, so a part-time post gets the whole
 * threshold. Rounded to the penny under SSCR 2001 reg. 12(1) (a halfpenny or less disregarded).
 *
 * @example
 * calculateEmployerNi({ annualPay: 2_500_000, taxYear: 2018, category: "A", method: "annual" }).amount
 * //=> 228769 ((25000 − 8424) × 0.138 = £2,287.488 → £2,287.49)
 */
export function calculateEmployerNi(input: {
  readonly annualPay: Pence;
  readonly taxYear: number;
  readonly category: NiCategory;
  readonly method: NiMethod;
}): EmployerNi {
  const { annualPay, taxYear, category, method } = input;
  if (!Number.isSafeInteger(annualPay) || annualPay < 0) {
    throw new CostingError("invalid-number", `Annual pay ${String(annualPay / 100)} must be zero or more.`);
  }
  const { rules, months, sources } = yearRules(taxYear);
  let amount = 0;
  if (method === "annual") {
    const pay = ratio(annualPay, 1);
    let exact = ZERO_RATIO;
    for (const period of rules.periods) {
      const share = months.filter((m) => m === period).length;
      if (share === 0) continue;
      exact = addRatios(exact, multiplyRatios(ratio(share, 12), contributions(pay, period, "year", category, taxYear)));
    }
    amount = applyRatio(1, exact, NI_ROUNDING);
  } else {
    const monthlyPay = ratio(annualPay, 12);
    for (const period of months) {
      amount += applyRatio(1, contributions(monthlyPay, period, "month", category, taxYear), NI_ROUNDING);
    }
  }
  return {
    amount,
    taxYear: yearLabel(taxYear),
    category,
    method,
    rule: ruleText(taxYear, months, category),
    table: { table: `Employer NI ${yearLabel(taxYear)}, category ${category}, ${method} method`, sources },
  };
}

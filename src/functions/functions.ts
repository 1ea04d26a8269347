import {
  CostingError,
  calculateEmployerNi,
  calculateFteSaving,
  calculatePartYear,
  calculatePostCost,
  type CalendarDate,
  fteFromHours,
  gradeCostingPoint,
  lookupScpSalary,
  normaliseGrade,
  parseCostingPoint,
  parseGradeTable,
  parseIsoDate,
  parseLocalScale,
  parseNiCategory,
  parsePensionScheme,
  parseYear,
  type PayTable,
  type PensionScheme,
  penceToPounds,
  poundsToPence,
  type PostCostBreakdown,
  ratioFromNumber,
  serialToDate,
  type NiCategory,
} from "../core";
import { excelCall } from "./ExcelErrorValue";
import { functionDefaults } from "./workbookDefaults";
import { isMissing, readBoolean, readNumber, readNumberOrText, readRange, readText } from "./readArgument";

// Every function below is a thin wrapper: read the arguments Excel passes (through readArgument),
// call the core, return a number. The JSDoc is what Excel shows in formula autocomplete. An omitted
// argument takes the workbook's setting from the task pane, else the default the JSDoc names.

function payYearArg(value: unknown): number | null {
  return isMissing(value, { zeroIsMissing: true })
    ? functionDefaults().payYear
    : parseYear(readNumberOrText(value, "pay_year"), "pay");
}

function taxYearArg(value: unknown): number {
  return isMissing(value, { zeroIsMissing: true })
    ? functionDefaults().taxYear
    : parseYear(readNumberOrText(value, "tax_year"), "tax");
}

function categoryArg(value: unknown): NiCategory {
  return isMissing(value, { zeroIsMissing: true })
    ? functionDefaults().category
    : parseNiCategory(readText(value, "category"));
}

function scaleArg(value: unknown): PayTable | null {
  return isMissing(value) ? null : parseLocalScale(readRange(value, "scale"));
}

function pensionArg(value: unknown): PensionScheme {
  return isMissing(value) ? functionDefaults().pension : parsePensionScheme(readNumberOrText(value, "pension_rate"));
}

function fteArg(value: unknown): number {
  return isMissing(value) ? 1 : readNumber(value, "fte");
}

function dateArg(value: unknown, name: string): CalendarDate {
  const v = readNumberOrText(value, name);
  if (typeof v === "number") return serialToDate(v);
  const date = parseIsoDate(v);
  if (date === null) {
    throw new CostingError("invalid-value", `${name} "${v}" is not a date: type a date such as 1/9/2025.`);
  }
  return date;
}

function moneyArg(value: unknown, name: string): number {
  const amount = readNumber(value, name);
  if (amount < 0) throw new CostingError("invalid-number", `${name} ${String(amount)} must be zero or more.`);
  return poundsToPence(amount);
}

function costPost(
  salary: unknown,
  fte: unknown,
  pensionRate: unknown,
  taxYear: unknown,
  category: unknown,
  levy: unknown,
): PostCostBreakdown {
  const fteValue = fteArg(fte);
  if (fteValue < 0) throw new CostingError("invalid-number", `fte ${String(fteValue)} must be zero or more.`);
  return calculatePostCost({
    salary: moneyArg(salary, "salary"),
    fte: ratioFromNumber(fteValue),
    taxYear: taxYearArg(taxYear),
    category: categoryArg(category),
    niMethod: functionDefaults().niMethod,
    pension: pensionArg(pensionRate),
    levy: isMissing(levy) ? functionDefaults().levy : readBoolean(levy, "levy"),
  });
}

/**
 * Full-time annual salary of a spinal column point (SCP) on the NJC national pay spine, or on your own scale.
 * @customfunction SCPSALARY
 * @param scp Spinal column point, e.g. 32.
 * @param [pay_year] Pay year (1 April – 31 March), e.g. "2025/26", 2025 or a date. Default: the workbook's setting, else the latest year with agreed NJC rates.
 * @param [scale] Your own pay scale (two columns: SCP, annual salary) to use instead of the national spine, e.g. London or local points.
 * @returns Annual salary in £ for 1.0 FTE.
 */
export function scpSalary(scp: unknown, pay_year?: unknown, scale?: unknown[][]): number {
  return excelCall(() => {
    const point = readNumberOrText(scp, "scp");
    return penceToPounds(lookupScpSalary(point, payYearArg(pay_year), scaleArg(scale)).salary);
  });
}

/**
 * Full-time annual salary of a grade at its top, bottom or middle spinal column point.
 * @customfunction GRADESALARY
 * @param grade The grade, e.g. "PO1" or 8.
 * @param grades Your grades table: three columns, grade | lowest SCP | highest SCP.
 * @param [point] "top" (default), "bottom" or "mid" of the grade.
 * @param [pay_year] Pay year, e.g. "2025/26". Default: the workbook's setting, else the latest year with agreed NJC rates.
 * @param [scale] Your own pay scale (SCP, annual salary) to use instead of the national spine.
 * @returns Annual salary in £ for 1.0 FTE.
 */
export function gradeSalary(
  grade: unknown,
  grades: unknown[][],
  point?: unknown,
  pay_year?: unknown,
  scale?: unknown[][],
): number {
  return excelCall(() => {
    const name = readText(grade, "grade");
    const table = parseGradeTable(readRange(grades, "grades"));
    const range = table.get(normaliseGrade(name));
    if (range === undefined) {
      const known = [...table.values()].map((g) => g.grade).join(", ");
      throw new CostingError("not-available", `Grade "${name}" is not in the grades table (${known}).`);
    }
    const costingPoint = isMissing(point, { zeroIsMissing: true })
      ? functionDefaults().point
      : parseCostingPoint(readText(point, "point"));
    const scp = gradeCostingPoint(range, costingPoint);
    return penceToPounds(lookupScpSalary(scp, payYearArg(pay_year), scaleArg(scale)).salary);
  });
}

/**
 * Employer Class 1 National Insurance on a year's actual pay (annual earnings period).
 * @customfunction EMPLOYERNI
 * @param annual_pay Actual annual pay in £ (for a part-time post, the part-time pay).
 * @param [tax_year] Tax year (6 April – 5 April), e.g. "2025/26", 2025 or a date. Default: the workbook's setting (task pane), else the latest tax year held.
 * @param [category] HMRC category letter: "A" (default), "D" (contracted-out, to 2015/16), "M" (under 21) or "H" (apprentice under 25).
 * @returns Employer NI in £ for the year.
 */
export function employerNi(annual_pay: unknown, tax_year?: unknown, category?: unknown): number {
  return excelCall(() =>
    penceToPounds(
      calculateEmployerNi({
        annualPay: moneyArg(annual_pay, "annual_pay"),
        taxYear: taxYearArg(tax_year),
        category: categoryArg(category),
        method: functionDefaults().niMethod,
      }).amount,
    ),
  );
}

/**
 * Employer on-costs of a post: employer NI + employer pension + apprenticeship levy, on the post's actual pay (salary × FTE).
 * @customfunction ONCOST
 * @param salary Full-time (1.0 FTE) annual salary in £.
 * @param [pension_rate] Employer pension rate, e.g. 19.5% (your LGPS fund's rate) or "TPS". Omit for the workbook's setting, else none.
 * @param [tax_year] Tax year, e.g. "2025/26". Default: the workbook's setting (task pane), else the latest tax year held.
 * @param [fte] Full-time equivalent of the post, e.g. 0.5. Default 1.
 * @param [category] HMRC NI category: "A" (default), "D", "M" or "H".
 * @param [levy] TRUE (default) to include the 0.5% apprenticeship levy, FALSE to leave it out.
 * @returns Employer on-costs in £ for the year.
 */
export function onCost(
  salary: unknown,
  pension_rate?: unknown,
  tax_year?: unknown,
  fte?: unknown,
  category?: unknown,
  levy?: unknown,
): number {
  return excelCall(() => penceToPounds(costPost(salary, fte, pension_rate, tax_year, category, levy).onCosts));
}

/**
 * Full cost of a post: actual pay (salary × FTE) plus employer NI, pension and apprenticeship levy.
 * @customfunction POSTCOST
 * @param salary Full-time (1.0 FTE) annual salary in £.
 * @param [fte] Full-time equivalent of the post, e.g. 0.5. Default 1.
 * @param [pension_rate] Employer pension rate, e.g. 19.5% or "TPS". Omit for the workbook's setting, else none.
 * @param [tax_year] Tax year, e.g. "2025/26". Default: the workbook's setting (task pane), else the latest tax year held.
 * @param [category] HMRC NI category: "A" (default), "D", "M" or "H".
 * @param [levy] TRUE (default) to include the 0.5% apprenticeship levy, FALSE to leave it out.
 * @returns Pay plus on-costs in £ for the year.
 */
export function postCost(
  salary: unknown,
  fte?: unknown,
  pension_rate?: unknown,
  tax_year?: unknown,
  category?: unknown,
  levy?: unknown,
): number {
  return excelCall(() => penceToPounds(costPost(salary, fte, pension_rate, tax_year, category, levy).total));
}

/**
 * Full-time equivalent from contracted weekly hours.
 * @customfunction FTE
 * @param weekly_hours Contracted hours a week, e.g. 18.5.
 * @param [standard_hours] Hours in a full-time week. Default: the workbook's setting, else 37 (NJC); Barnet uses 36.
 * @returns FTE, e.g. 0.5.
 */
export function fte(weekly_hours: unknown, standard_hours?: unknown): number {
  return excelCall(() =>
    fteFromHours(
      readNumber(weekly_hours, "weekly_hours"),
      isMissing(standard_hours, { zeroIsMissing: true })
        ? functionDefaults().standardHours
        : readNumber(standard_hours, "standard_hours"),
    ),
  );
}

/**
 * Saving from an FTE change: (current FTE − proposed FTE) × cost per FTE. Positive is a saving.
 * @customfunction FTESAVING
 * @param current_fte FTE in the current establishment.
 * @param proposed_fte FTE in the proposed establishment.
 * @param cost_per_fte Annual cost of 1.0 FTE in £.
 * @returns Saving in £ (negative for a growth).
 */
export function fteSaving(current_fte: unknown, proposed_fte: unknown, cost_per_fte: unknown): number {
  return excelCall(() => {
    const current = readNumber(current_fte, "current_fte");
    const proposed = readNumber(proposed_fte, "proposed_fte");
    if (current < 0 || proposed < 0) throw new CostingError("invalid-number", "FTE must be zero or more.");
    const cost = poundsToPence(readNumber(cost_per_fte, "cost_per_fte"));
    return penceToPounds(calculateFteSaving(ratioFromNumber(current), ratioFromNumber(proposed), cost));
  });
}

/**
 * The part of an annual amount that falls in a financial year (1 April – 31 March), by days.
 * @customfunction PARTYEAR
 * @param annual_amount The full-year amount in £.
 * @param start_date First day the amount applies (a date).
 * @param [end_date] Last day it applies (a date). Default: the end of the financial year.
 * @param [financial_year] Financial year, e.g. "2025/26". Default: the year containing start_date.
 * @returns The amount falling in the year, in £.
 */
export function partYear(
  annual_amount: unknown,
  start_date: unknown,
  end_date?: unknown,
  financial_year?: unknown,
): number {
  return excelCall(() => {
    const start = dateArg(start_date, "start_date");
    const end = isMissing(end_date, { zeroIsMissing: true }) ? null : dateArg(end_date, "end_date");
    const year = isMissing(financial_year, { zeroIsMissing: true })
      ? null
      : parseYear(readNumberOrText(financial_year, "financial_year"), "pay");
    const annual = poundsToPence(readNumber(annual_amount, "annual_amount"));
    return penceToPounds(calculatePartYear(annual, start, end, year).amount);
  });
}

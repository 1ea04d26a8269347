import { parseArgs } from "node:util";
import {
  CostingError,
  calculatePostCost,
  formatPounds,
  LATEST_TAX_YEAR,
  lookupScpSalary,
  parseNiCategory,
  parsePensionScheme,
  parseYear,
  penceToPounds,
  poundsToPence,
  type PostCostBreakdown,
  ratioFromNumber,
  type TableUsed,
} from "../core";
import { type CliIo, EXIT, UsageError } from "./CliIo";
import { readAmount, readRate } from "./readOption";

/** Help for `estab cost`. */
export const COST_HELP = `Usage: estab cost (--salary N | --scp N) [options]

Prints what a post costs for a year: pay, employer NI, pension, apprenticeship levy and total.

  --salary N          full-time (1.0 FTE) annual salary in £
  --scp N             spinal column point on the NJC national spine (instead of --salary)
  --pay-year Y        pay year for --scp, e.g. 2025/26 (default: latest with known rates)
  --tax-year Y        tax year for NI and levy, e.g. 2025/26 (default: latest held)
  --fte F             the post's FTE (default 1); pay = salary × FTE
  --pension R         employer pension rate: 19.5%, 0.195 or TPS (default: none)
  --category C        NI category A (default), D, M or H
  --ni-method M       annual (default) or monthly
  --no-levy           leave out the 0.5% apprenticeship levy
  --flat-rate R       flat on-cost rate instead of NI + pension + levy, e.g. 30%
  --json              print JSON instead of a table
  --help              show this help

Example: estab cost --salary 28800 --tax-year 2012/13 --category D --pension 24.72%`;

function tablesText(tables: readonly TableUsed[]): string[] {
  return tables.map((t) => `  ${t.table} [${t.sources.join(", ")}]${t.note === undefined ? "" : ` (${t.note})`}`);
}

function render(cost: PostCostBreakdown, salaryTable: TableUsed | null, scp: string | null): string {
  const lines: [string, string][] = [
    ["Salary (1.0 FTE)", `${formatPounds(cost.salary)}${scp === null ? "" : ` (SCP ${scp})`}`],
    ["FTE", String(cost.fte)],
    ["Pay", formatPounds(cost.pay)],
  ];
  if (cost.flatRate === null) {
    lines.push(
      [
        "Employer NI",
        `${formatPounds(cost.employerNi)}  (category ${cost.category}, ${cost.niMethod}: ${cost.niRule})`,
      ],
      ["Employer pension", `${formatPounds(cost.pension)}  (${String(Math.round(cost.pensionRate * 1e6) / 1e4)}%)`],
      ["Apprenticeship levy", formatPounds(cost.levy)],
    );
  } else {
    lines.push([
      "Flat on-cost",
      `${formatPounds(cost.flatOnCost)}  (${String(Math.round(cost.flatRate * 1e6) / 1e4)}%)`,
    ]);
  }
  lines.push(["On-costs", formatPounds(cost.onCosts)], ["Total", formatPounds(cost.total)]);
  const width = Math.max(...lines.map(([label]) => label.length));
  const tables = [...(salaryTable === null ? [] : [salaryTable]), ...cost.tables];
  return [
    `Post cost, tax year ${cost.taxYear}`,
    ...lines.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
    ...(tables.length > 0 ? ["Tables used:", ...tablesText(tables)] : []),
    ...cost.notes.map((n) => `Note: ${n}`),
  ].join("\n");
}

function toJson(cost: PostCostBreakdown, payYear: string | null, scp: string | null, salaryTable: TableUsed | null) {
  return {
    salary: penceToPounds(cost.salary),
    fte: cost.fte,
    pay: penceToPounds(cost.pay),
    employerNI: penceToPounds(cost.employerNi),
    pension: penceToPounds(cost.pension),
    levy: penceToPounds(cost.levy),
    flatOnCost: penceToPounds(cost.flatOnCost),
    onCosts: penceToPounds(cost.onCosts),
    total: penceToPounds(cost.total),
    taxYear: cost.taxYear,
    payYear,
    scp,
    category: cost.category,
    niMethod: cost.niMethod,
    niRule: cost.niRule,
    pensionRate: cost.pensionRate,
    flatRate: cost.flatRate,
    tables: [...(salaryTable === null ? [] : [salaryTable]), ...cost.tables],
    notes: cost.notes,
  };
}

/**
 * `estab cost`: the breakdown of one post's cost.
 *
 * @example
 * runCost(["--salary", "28800", "--tax-year", "2012/13", "--category", "D", "--pension", "24.72%"], io) //=> 0
 */
export function runCost(args: readonly string[], io: CliIo): number {
  const { values } = parseArgs({
    args: [...args],
    options: {
      salary: { type: "string" },
      scp: { type: "string" },
      "pay-year": { type: "string" },
      "tax-year": { type: "string" },
      fte: { type: "string" },
      pension: { type: "string" },
      category: { type: "string" },
      "ni-method": { type: "string" },
      "no-levy": { type: "boolean" },
      "flat-rate": { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean" },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help === true) {
    io.out(COST_HELP);
    return EXIT.ok;
  }
  if ((values.salary === undefined) === (values.scp === undefined)) {
    throw new UsageError("Give exactly one of --salary N or --scp N (see estab cost --help).");
  }
  const method = values["ni-method"] ?? "annual";
  if (method !== "annual" && method !== "monthly") {
    throw new UsageError(`--ni-method ${method} is not a method: write annual or monthly.`);
  }
  try {
    const payYear = values["pay-year"] === undefined ? null : parseYear(values["pay-year"], "pay");
    const found = values.scp === undefined ? null : lookupScpSalary(values.scp, payYear, null);
    const salary = found === null ? poundsToPence(readAmount(values.salary ?? "", "--salary")) : found.salary;
    const fte = values.fte === undefined ? 1 : readAmount(values.fte, "--fte");
    const flat = values["flat-rate"];
    const cost = calculatePostCost({
      salary,
      fte: ratioFromNumber(fte),
      taxYear: values["tax-year"] === undefined ? LATEST_TAX_YEAR : parseYear(values["tax-year"], "tax"),
      category: values.category === undefined ? "A" : parseNiCategory(values.category),
      niMethod: method,
      pension: values.pension === undefined ? { kind: "none" } : parsePensionScheme(values.pension),
      levy: values["no-levy"] !== true,
      ...(flat === undefined ? {} : { flatRate: ratioFromNumber(readRate(flat, "--flat-rate")) }),
    });
    const scp = found?.scp ?? null;
    const salaryTable = found?.table ?? null;
    io.out(
      values.json === true
        ? JSON.stringify(toJson(cost, found?.payYear ?? null, scp, salaryTable), null, 2)
        : render(cost, salaryTable, scp),
    );
    return EXIT.ok;
  } catch (error: unknown) {
    if (error instanceof CostingError) throw new UsageError(error.message);
    throw error;
  }
}

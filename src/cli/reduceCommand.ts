import { existsSync, realpathSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import packageJson from "../../package.json";
import {
  buildReduction,
  DEFAULT_REDUCTION_SETTINGS,
  findTitleMapSheet,
  formatPounds,
  parseCostingPoint,
  parseNiCategory,
  parsePensionScheme,
  parseYear,
  penceToPounds,
  poundsToPence,
  ratioFromNumber,
  readTitleMap,
  type Reduction,
  type ReductionRow,
  type ReductionSettings,
  STANDARD_WEEKLY_HOURS,
  type SheetGrid,
  validateWorkbook,
} from "../core";
import { readXlsxWorkbook } from "../xlsx/readXlsxWorkbook";
import { writeReductionWorkbook } from "../xlsx/writeReductionWorkbook";
import { type CliIo, EXIT, UsageError } from "./CliIo";
import { namedSheets, noEstablishment, problemJson, unusableInput } from "./openEstablishments";
import { readAmount, readRate } from "./readOption";

/** Help for `estab reduce`. */
export const REDUCE_HELP = `Usage: estab reduce FILE.xlsx [options]

Costs the current and proposed establishment and builds the reduction table (per section and job
title: FTE, grade, change, cost, saving), the lists of new, deleted and changed posts, the staff
impact and the costed posts behind every figure.

  --current NAME, --proposed NAME, --grades NAME, --title-map NAME
                        the sheets to read (found by name when not given)
  --budget N            current budget; the saving against it is budget − proposed cost
  --pay-year Y          pay year of salaries, e.g. 2025/26 (default: latest known)
  --tax-year Y          tax year of NI and levy (default: latest held)
  --pension R           employer pension rate: 19.5%, 0.195 or TPS (default: none)
  --flat-rate R         flat on-cost share of pay instead of NI + pension + levy
  --category C          NI category A (default), D, M or H
  --ni-method M         annual (default) or monthly
  --no-levy             leave out the apprenticeship levy
  --point P             costing point of a grade: top (default), bottom or mid
  --standard-hours H    hours of a full-time week (default ${String(STANDARD_WEEKLY_HOURS)})
  --names               name the post-holders in the deleted and changed posts (a named
                        list); without it the lists give counts only
  --out OUT.xlsx        write a copy of the workbook with the output sheets added
  --json                print the result as JSON

Exit status: 0 built with no errors in the input, 1 built but the input has errors (listed by
estab validate), 2 the file or the options cannot be used. The input file is never written.`;

/**
 * `estab reduce`: builds the reduction table and post lists from an .xlsx, prints them and, with
 * --out, writes them into a copy of the workbook.
 *
 * @example
 * await runReduce(["samples/leicester-2013-14.xlsx", "--json"], io) //=> 1
 */
export async function runReduce(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      current: { type: "string" },
      proposed: { type: "string" },
      grades: { type: "string" },
      "title-map": { type: "string" },
      budget: { type: "string" },
      "pay-year": { type: "string" },
      "tax-year": { type: "string" },
      pension: { type: "string" },
      "flat-rate": { type: "string" },
      category: { type: "string" },
      "ni-method": { type: "string" },
      "no-levy": { type: "boolean" },
      point: { type: "string" },
      "standard-hours": { type: "string" },
      names: { type: "boolean" },
      out: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean" },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help === true) {
    io.out(REDUCE_HELP);
    return EXIT.ok;
  }
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) {
    throw new UsageError("Give one workbook: estab reduce FILE.xlsx (see estab reduce --help).");
  }
  if (values.out !== undefined && samePlace(values.out, file)) {
    throw new UsageError(`--out ${values.out} is the input workbook: write the output to a new file.`);
  }
  let reduction: Reduction;
  let grids: SheetGrid[];
  try {
    const settings = readSettings(values);
    grids = await readXlsxWorkbook(file);
    const validation = validateWorkbook(grids, {
      sheets: namedSheets(values),
      standardHours: settings.standardHours,
      payYear: settings.payYear,
    });
    const missing = noEstablishment(file, grids, validation, io);
    if (missing !== null) return missing;
    const mapName = values["title-map"] ?? findTitleMapSheet(grids.map((grid) => grid.name));
    const mapGrid = grids.find((grid) => grid.name === mapName);
    if (values["title-map"] !== undefined && mapGrid === undefined) {
      throw new UsageError(`There is no sheet "${values["title-map"]}" for the title map.`);
    }
    reduction = buildReduction(validation, mapGrid === undefined ? new Map() : readTitleMap(mapGrid).map, settings, {
      builtOn: new Date().toISOString().slice(0, 10),
      version: packageJson.version,
    });
    if (values.out !== undefined) {
      const out = values.out;
      // The copy keeps every part of the input (charts, pivot tables, macros …) byte for byte, or
      // is not written: nothing is lost to warn about.
      await writeReductionWorkbook(file, out, reduction).catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        // A file-system error (EACCES, ENOENT, ENOSPC …) is the place; anything else, the workbook.
        const fileSystem = typeof (error as NodeJS.ErrnoException | undefined)?.code === "string";
        throw new UsageError(
          fileSystem
            ? `cannot write ${out}: ${reason}. Choose a file in a folder you can write to.`
            : `cannot build ${out}: ${reason}. Nothing was written.`,
        );
      });
    }
  } catch (error: unknown) {
    return unusableInput(error, file, io);
  }
  if (values.json === true) io.out(JSON.stringify(toJson(reduction), null, 2));
  else {
    io.out(renderTable(reduction));
    if (values.out !== undefined) io.out(`\nWrote ${values.out}`);
  }
  return reduction.problems.some((problem) => problem.severity === "error") ? EXIT.failed : EXIT.ok;
}

function readSettings(values: Record<string, string | boolean | undefined>): ReductionSettings {
  const text = (name: string): string | undefined => {
    const value = values[name];
    return typeof value === "string" ? value : undefined;
  };
  const method = text("ni-method") ?? "annual";
  if (method !== "annual" && method !== "monthly") {
    throw new UsageError(`--ni-method ${method} is not a method: write annual or monthly.`);
  }
  const hours = text("standard-hours");
  const standardHours = hours === undefined ? STANDARD_WEEKLY_HOURS : Number(hours);
  if (!(Number.isFinite(standardHours) && standardHours > 0 && standardHours <= 168)) {
    throw new UsageError(`--standard-hours ${hours ?? ""} is not a number of hours: write, for example, 37 or 36.`);
  }
  const budget = text("budget");
  const flat = text("flat-rate");
  const pension = text("pension");
  const point = text("point");
  const payYear = text("pay-year");
  const taxYear = text("tax-year");
  const category = text("category");
  return {
    ...DEFAULT_REDUCTION_SETTINGS,
    payYear: payYear === undefined ? DEFAULT_REDUCTION_SETTINGS.payYear : parseYear(payYear, "pay"),
    taxYear: taxYear === undefined ? DEFAULT_REDUCTION_SETTINGS.taxYear : parseYear(taxYear, "tax"),
    pension: pension === undefined ? DEFAULT_REDUCTION_SETTINGS.pension : parsePensionScheme(pension),
    niCategory: category === undefined ? DEFAULT_REDUCTION_SETTINGS.niCategory : parseNiCategory(category),
    niMethod: method,
    levy: values["no-levy"] !== true,
    flatRate: flat === undefined ? null : ratioFromNumber(readRate(flat, "--flat-rate")),
    point: point === undefined ? DEFAULT_REDUCTION_SETTINGS.point : parseCostingPoint(point),
    standardHours,
    namedList: values.names === true,
    budget: budget === undefined ? null : poundsToPence(readAmount(budget, "--budget")),
  };
}

function rowJson(row: ReductionRow): Record<string, unknown> {
  return {
    section: row.section,
    title: row.title,
    currentGrade: row.currentGrade,
    proposedGrade: row.proposedGrade,
    currentFte: row.currentFte,
    proposedFte: row.proposedFte,
    changeFte: row.changeFte,
    currentCost: penceToPounds(row.currentCost),
    proposedCost: penceToPounds(row.proposedCost),
    saving: penceToPounds(row.saving),
    uncostedLines: row.uncosted,
  };
}

function toJson(reduction: Reduction): Record<string, unknown> {
  return {
    rows: reduction.table.rows.map(rowJson),
    subtotals: reduction.table.subtotals.map(rowJson),
    total: rowJson(reduction.table.total),
    budget: reduction.budget === null ? null : penceToPounds(reduction.budget),
    savingAgainstBudget: reduction.savingAgainstBudget === null ? null : penceToPounds(reduction.savingAgainstBudget),
    newPosts: reduction.newPosts,
    deletedPosts: reduction.deletedPosts,
    changedPosts: reduction.changedPosts,
    staffImpact: reduction.staffImpact,
    assumptions: reduction.assumptions,
    problems: reduction.problems.map(problemJson),
  };
}

// FTE to 2 places and money to the pound, negatives in accountants' brackets, as §7 prints them.
function fte(value: number): string {
  const text = Math.abs(value).toFixed(2);
  return value < -0.000001 ? `(${text})` : text;
}

function pounds(pence: number): string {
  return formatPounds(Math.round(pence / 100) * 100);
}

function renderTable(reduction: Reduction): string {
  const header = [
    "Job title",
    "Prop FTE",
    "Grade",
    "Curr FTE",
    "Grade",
    "Change",
    "Current cost",
    "Proposed cost",
    "Saving",
  ];
  const widths = [38, 9, 7, 9, 7, 9, 14, 14, 14];
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (i === 0 ? cell.slice(0, widths[0]).padEnd(widths[0] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join(" ");
  const cells = (row: ReductionRow, title: string): string[] => [
    title,
    fte(row.proposedFte),
    row.proposedGrade ?? "",
    fte(row.currentFte),
    row.currentGrade ?? "",
    fte(row.changeFte),
    pounds(row.currentCost),
    pounds(row.proposedCost),
    pounds(row.saving),
  ];
  const out = [line(header)];
  const { rows, subtotals, total } = reduction.table;
  for (const subtotal of subtotals) {
    out.push(subtotal.section ?? "(no section)");
    for (const row of rows.filter((r) => r.section === subtotal.section)) {
      out.push(line(cells(row, `  ${row.title}${row.uncosted > 0 ? " *" : ""}`)));
    }
    out.push(line(cells(subtotal, "  Subtotal")));
  }
  out.push(line(cells(total, "Total")));
  if (reduction.budget !== null && reduction.savingAgainstBudget !== null) {
    out.push(`Current budget ${pounds(reduction.budget)}; saving against it ${pounds(reduction.savingAgainstBudget)}`);
  }
  if (total.uncosted > 0) out.push(`* ${String(total.uncosted)} line(s) could not be costed: see not-costed problems.`);
  out.push(
    `\nNew posts ${String(reduction.newPosts.length)}, deleted posts ${String(reduction.deletedPosts.length)}, changed posts ${String(reduction.changedPosts.length)}.`,
  );
  const errors = reduction.problems.filter((p) => p.severity === "error").length;
  out.push(
    `${String(reduction.problems.length)} problems (${String(errors)} errors): run estab validate for the list.`,
  );
  return out.join("\n");
}

// The same file even through a symlink or another spelling of the path, so the input can never be
// overwritten (issue 7: the CLI never writes to its input).
function samePlace(out: string, input: string): boolean {
  const real = (path: string): string => {
    if (existsSync(path)) return realpathSync(path);
    const folder = dirname(resolve(path));
    return existsSync(folder) ? join(realpathSync(folder), basename(path)) : resolve(path);
  };
  return real(out) === real(input);
}

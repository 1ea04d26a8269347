import { parseArgs } from "node:util";
import {
  parseYear,
  type Problem,
  type Severity,
  type EstablishmentSheet,
  STANDARD_WEEKLY_HOURS,
  validateWorkbook,
  type WorkbookValidation,
} from "../core";
import { readXlsxWorkbook } from "../xlsx/readXlsxWorkbook";
import { type CliIo, EXIT, UsageError } from "./CliIo";
import { namedSheets, noEstablishment, problemJson, unusableInput } from "./openEstablishments";

/** Help for `estab validate`. */
export const VALIDATE_HELP = `Usage: estab validate FILE.xlsx [options]

Reads the current and proposed establishment and the grades table of an HR workbook and lists
every problem, each with its sheet and cell. Sheets are found by name ("Current", "Existing
structure", "Proposed", "New structure", "Grades", "Bands" …) unless you name them.

  --current NAME        the sheet holding the current establishment
  --proposed NAME       the sheet holding the proposed establishment
  --grades NAME         the sheet holding the grades table
  --standard-hours H    hours of a full-time week, for FTE from hours (default ${String(STANDARD_WEEKLY_HOURS)})
  --pay-year Y          pay year SCPs are checked against, e.g. 2025/26 (default: latest known)
  --json                print {"problems":[…],"counts":{…}} instead of text

Exit status: 0 no errors (warnings and info allowed), 1 errors found, 2 the file or the options
cannot be used.`;

const HEADINGS: Readonly<Record<Severity, string>> = { error: "Errors", warning: "Warnings", info: "Info" };

/**
 * `estab validate`: reads an .xlsx and prints its problems, grouped by severity, or as JSON.
 *
 * @example
 * await runValidate(["samples/barnet-leaving-care-2012.xlsx", "--standard-hours", "36"], io) //=> 1
 */
export async function runValidate(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      current: { type: "string" },
      proposed: { type: "string" },
      grades: { type: "string" },
      "standard-hours": { type: "string" },
      "pay-year": { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean" },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help === true) {
    io.out(VALIDATE_HELP);
    return EXIT.ok;
  }
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) {
    throw new UsageError("Give one workbook: estab validate FILE.xlsx (see estab validate --help).");
  }
  const hoursText = values["standard-hours"];
  const standardHours = hoursText === undefined ? undefined : Number(hoursText);
  if (standardHours !== undefined && !(Number.isFinite(standardHours) && standardHours > 0 && standardHours <= 168)) {
    throw new UsageError(`--standard-hours ${hoursText ?? ""} is not a number of hours: write, for example, 37 or 36.`);
  }
  let validation: WorkbookValidation;
  try {
    const payYear = values["pay-year"] === undefined ? undefined : parseYear(values["pay-year"], "pay");
    const grids = await readXlsxWorkbook(file);
    validation = validateWorkbook(grids, {
      sheets: namedSheets(values),
      ...(standardHours === undefined ? {} : { standardHours }),
      ...(payYear === undefined ? {} : { payYear }),
    });
    const missing = noEstablishment(file, grids, validation, io);
    if (missing !== null) return missing;
  } catch (error: unknown) {
    return unusableInput(error, file, io);
  }
  const { problems, counts } = validation;
  if (values.json === true) {
    io.out(
      JSON.stringify(
        {
          problems: problems.map(problemJson),
          counts,
        },
        null,
        2,
      ),
    );
  } else {
    io.out(describeRun(file, validation, standardHours ?? STANDARD_WEEKLY_HOURS));
    for (const severity of ["error", "warning", "info"] as const) {
      const group = problems.filter((problem) => problem.severity === severity);
      if (group.length === 0) continue;
      io.out(`\n${HEADINGS[severity]} (${String(group.length)})`);
      for (const problem of group) io.out(formatProblem(problem));
    }
    io.out(`\n${countLine(counts)}`);
  }
  return counts.error > 0 ? EXIT.failed : EXIT.ok;
}

function describeRun(file: string, validation: WorkbookValidation, standardHours: number): string {
  const sheet = (establishment: EstablishmentSheet | null, name: string | null): string => {
    if (establishment === null) return name === null ? "not found (name it with an option)" : name;
    const inPost = establishment.rows.filter((row) => row.kind === "post" && !row.leaver);
    const fte = inPost.reduce((sum, row) => sum + Math.round((row.fte ?? 0) * 1e6), 0) / 1e6;
    return `${establishment.sheet} (${String(establishment.rows.length)} post lines, ${fte.toFixed(2)} FTE not counting leavers)`;
  };
  const grades = validation.grades;
  return [
    file,
    `  current:  ${sheet(validation.current, validation.roles.current)}`,
    `  proposed: ${sheet(validation.proposed, validation.roles.proposed)}`,
    `  grades:   ${grades === null ? "not found: grades are not checked (name it with --grades)" : `${grades.sheet} (${String(grades.grades.size)} grades)`}`,
    `  standard week: ${String(standardHours)} hours`,
  ].join("\n");
}

function formatProblem(problem: Problem): string {
  const where = `${problem.sheet}!${problem.cell ?? `row ${String(problem.row ?? "")}`}`;
  return `  ${where}  ${problem.code}\n      ${problem.message}\n      → ${problem.hint}`;
}

function countLine(counts: Readonly<Record<Severity, number>>): string {
  const plural = (n: number, word: string): string => `${String(n)} ${word}${n === 1 ? "" : "s"}`;
  return `${plural(counts.error, "error")}, ${plural(counts.warning, "warning")}, ${String(counts.info)} info`;
}

import { CostingError, type Problem, type SheetGrid, type SheetRoles, type WorkbookValidation } from "../core";
import { UnusableFileError } from "../xlsx/UnusableFileError";
import { type CliIo, EXIT } from "./CliIo";

/**
 * The sheets the user named with --current, --proposed and --grades (the rest are found by name).
 *
 * @example
 * namedSheets({ current: "Existing" }) //=> { current: "Existing" }
 */
export function namedSheets(values: {
  readonly current?: string | undefined;
  readonly proposed?: string | undefined;
  readonly grades?: string | undefined;
}): Partial<SheetRoles> {
  return {
    ...(values.current === undefined ? {} : { current: values.current }),
    ...(values.proposed === undefined ? {} : { proposed: values.proposed }),
    ...(values.grades === undefined ? {} : { grades: values.grades }),
  };
}

/**
 * Says so and returns exit 2 when neither establishment was found; null when at least one was.
 *
 * @example
 * noEstablishment("x.xlsx", grids, validation, io) //=> null
 */
export function noEstablishment(
  file: string,
  grids: readonly SheetGrid[],
  validation: WorkbookValidation,
  io: CliIo,
): number | null {
  if (validation.current !== null || validation.proposed !== null) return null;
  io.err(
    `estab: ${file}: no sheet looks like the current or proposed establishment (sheets: ${grids.map((g) => `"${g.name}"`).join(", ")}). Name them with --current and --proposed.`,
  );
  return EXIT.usage;
}

/**
 * Turns a file that cannot be used, or a setting the engine refuses, into its message and exit 2;
 * anything else is a fault and is thrown again.
 *
 * @example
 * unusableInput(error, "x.xlsx", io) //=> 2
 */
export function unusableInput(error: unknown, file: string, io: CliIo): number {
  if (error instanceof UnusableFileError || error instanceof CostingError) {
    io.err(`estab: ${error instanceof CostingError ? `${file}: ` : ""}${error.message}`);
    return EXIT.usage;
  }
  throw error;
}

/**
 * A problem as `--json` prints it: the catalogue's fields, in a fixed order.
 *
 * @example
 * Object.keys(problemJson(problem)) //=> ["code", "severity", "sheet", "cell", "row", "message", "hint"]
 */
export function problemJson({ code, severity, sheet, cell, row, message, hint }: Problem): Record<string, unknown> {
  return { code, severity, sheet, cell, row, message, hint };
}

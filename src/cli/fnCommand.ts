import { ExcelErrorValue, toExcelError } from "../functions/ExcelErrorValue";
import { CUSTOM_FUNCTIONS } from "../functions/customFunctions";
import { type CliIo, EXIT, UsageError } from "./CliIo";
import { parseFormulaArgument } from "./parseFormulaArgument";

/** Help for `estab fn`. */
export const FN_HELP = `Usage: estab fn NAME [ARG…]

Evaluates a custom function through the same code Excel calls and prints its value, or the Excel
error it would show (e.g. "#N/A SCP 33 in 2025/26 is unknown …"). Exit code 0 for a value, 1 for
an Excel error, 2 for an unknown function or unusable arguments.

Arguments are read as in a typed formula: numbers (19.5% is 0.195), TRUE/FALSE, "" for an omitted
argument, "\\"2025\\"" for text, and ranges as JSON rows, e.g. '[[32,28800],[35,30988]]'.

Functions: ${Object.keys(CUSTOM_FUNCTIONS).join(", ")}

Examples:
  estab fn ONCOST 30000 19.5% 2025/26
  estab fn SCPSALARY 35 "" '[[32,28800],[35,30988]]'`;

/**
 * `estab fn NAME ARG…`: one custom function evaluated as Excel would.
 *
 * @example
 * runFn(["FTE", "18.5"], io) //=> 0, printing 0.5
 */
export function runFn(args: readonly string[], io: CliIo): number {
  const [name, ...rest] = args;
  if (name === undefined || name === "--help" || name === "-h") {
    io.out(FN_HELP);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const fn = CUSTOM_FUNCTIONS[name.toUpperCase()];
  if (fn === undefined) {
    throw new UsageError(`There is no function ${name}: use one of ${Object.keys(CUSTOM_FUNCTIONS).join(", ")}.`);
  }
  if (rest.length > fn.length) {
    throw new UsageError(
      `${name.toUpperCase()} takes at most ${String(fn.length)} arguments; ${String(rest.length)} given.`,
    );
  }
  const values = rest.map(parseFormulaArgument);
  // Excel passes null for every omitted optional argument.
  while (values.length < fn.length) values.push(null);
  try {
    io.out(String(fn(...values)));
    return EXIT.ok;
  } catch (error: unknown) {
    const excel = error instanceof ExcelErrorValue ? error : toExcelError(error);
    io.out(excel.toString());
    return EXIT.failed;
  }
}

import { type CliIo, EXIT, UsageError } from "./CliIo";
import { runCost } from "./costCommand";
import { runFn } from "./fnCommand";
import { runReduce } from "./reduceCommand";
import { runValidate } from "./validateCommand";

/** Help for `estab`. */
export const MAIN_HELP = `Usage: estab COMMAND [options]

Costs council staff establishments with the same engine as the Excel add-in.

Commands:
  cost    what one post costs: pay, employer NI, pension, levy, total
  fn      evaluate a custom function (ONCOST, SCPSALARY, …) as Excel would
  validate  read an HR workbook's current and proposed establishment and list every problem
  reduce    cost both and build the reduction table and the new, deleted and changed posts

Run "estab COMMAND --help" for a command's options.`;

const COMMANDS: Readonly<Record<string, (args: readonly string[], io: CliIo) => number | Promise<number>>> = {
  cost: runCost,
  fn: runFn,
  validate: runValidate,
  reduce: runReduce,
};

/**
 * Runs `estab` with its arguments and returns the exit code; nothing here exits the process.
 *
 * @example
 * await runCli(["fn", "FTE", "18.5"], io) //=> 0
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    io.out(MAIN_HELP);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  const run = COMMANDS[command];
  try {
    if (run === undefined)
      throw new UsageError(`Unknown command "${command}": use cost, fn, validate or reduce (estab --help).`);
    return await run(rest, io);
  } catch (error: unknown) {
    if (
      error instanceof UsageError ||
      (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS"))
    ) {
      io.err(`estab: ${error.message}`);
      return EXIT.usage;
    }
    throw error;
  }
}

import { runCli } from "./runCli";

// The `estab` executable: the process's arguments in, the exit code out.
process.exitCode = runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});

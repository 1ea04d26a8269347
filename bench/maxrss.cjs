// Preloaded (node -r bench/maxrss.cjs …) into a process the benchmark times but does not own, such
// as `estab reduce`: when the process exits, writes its peak resident set size in bytes to the
// file named by BENCH_RSS_FILE. A process killed outright (out of memory, timed out) writes nothing.
const { writeFileSync } = require("node:fs");

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    writeFileSync(file, String(process.resourceUsage().maxRSS * 1024));
  });
}

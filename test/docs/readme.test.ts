import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PROBLEM_CATALOGUE } from "../../src/core";

describe("README", () => {
  const readme = readFileSync("README.md", "utf8");

  it.each(Object.entries(PROBLEM_CATALOGUE))("lists problem code %s with its severity", (code, kind) => {
    expect(readme).toMatch(new RegExp(`\\| \`${code}\` +\\| ${kind.severity} +\\|`));
  });

  it("gives the two commands a newcomer runs", () => {
    expect(readme).toMatch(/npm ci && npm run demo/);
    expect(readme).toMatch(/npm ci && npm test/);
  });
});

// Issue 7: no high or critical advisory against what ships (production dependencies), by npm's own
// advisory database (`npm audit --omit=dev`). Where the registry's advisory endpoint cannot be
// reached (this sandbox's registry proxy answers its POST with 405, and CI may sit behind the same
// proxy) the test is skipped and says why in its name, as the Chromium and Gnumeric tests do, rather
// than turning CI red for want of a network route. Anywhere the endpoint answers, it is enforced.
import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";

const TIMEOUT_MS = 90_000;

interface AuditReport {
  readonly auditReportVersion: number;
  readonly vulnerabilities: Readonly<
    Record<string, { readonly severity: string; readonly via: readonly unknown[]; readonly range: string }>
  >;
  readonly metadata: { readonly vulnerabilities: Readonly<Record<string, number>> };
}

type Audit = { readonly report: AuditReport } | { readonly unreachable: string };

// npm audit exits 1 when it finds advisories, so its JSON is read whatever the exit status.
function runAudit(): Promise<Audit> {
  return new Promise((resolve) => {
    execFile(
      "npm",
      ["audit", "--omit=dev", "--json"],
      { timeout: TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        let parsed: unknown = null;
        try {
          parsed = JSON.parse(stdout);
        } catch {
          // Not JSON: npm could not run the audit at all.
        }
        if (parsed !== null && typeof parsed === "object" && "auditReportVersion" in parsed) {
          resolve({ report: parsed as AuditReport });
          return;
        }
        let said = stderr.trim().split("\n").pop() ?? "no report";
        if (parsed !== null && typeof parsed === "object" && "message" in parsed) said = String(parsed.message);
        else if (error?.killed === true) said = `no answer in ${String(TIMEOUT_MS / 1000)} s`;
        resolve({ unreachable: said });
      },
    );
  });
}

const audit = await runAudit();
const unreachable = "unreachable" in audit ? audit.unreachable : null;
const skipNote =
  unreachable !== null ? ` (SKIPPED: npm's advisory endpoint cannot be reached here: ${unreachable})` : "";

describe("npm audit of the production dependencies", () => {
  it.skipIf(unreachable !== null)(`finds no high or critical advisory${skipNote}`, () => {
    if ("unreachable" in audit)
      throw new Error(`npm audit could not reach the advisory database (${audit.unreachable}).`);
    const serious = Object.entries(audit.report.vulnerabilities)
      .filter(([, v]) => v.severity === "high" || v.severity === "critical")
      .map(([name, v]) => `${name} ${v.range} (${v.severity})`);
    expect(serious).toEqual([]);
    expect(
      (audit.report.metadata.vulnerabilities.high ?? 0) + (audit.report.metadata.vulnerabilities.critical ?? 0),
    ).toBe(0);
  });
});

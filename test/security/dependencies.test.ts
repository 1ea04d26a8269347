// Issue 7: what the dependency tree may not hold, read from package-lock.json (what `npm ci`
// installs, dev tools included).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

interface LockedPackage {
  readonly version?: string;
  readonly dev?: boolean;
  readonly dependencies?: Readonly<Record<string, string>>;
}

const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as {
  lockfileVersion: number;
  packages: Readonly<Record<string, LockedPackage>>;
};
const packages = Object.entries(lock.packages).filter(([path]) => path !== "");
const named = (name: string) =>
  packages.filter(([path]) => path === `node_modules/${name}` || path.endsWith(`/node_modules/${name}`));

describe("package-lock.json", () => {
  it("lists every installed package with its path (lockfile v2 or later)", () => {
    expect(lock.lockfileVersion).toBeGreaterThanOrEqual(2);
    expect(named("exceljs")).toHaveLength(1);
  });

  it("does not hold the npm xlsx package (SheetJS 0.18.x: prototype pollution and ReDoS, fixed only off npm)", () => {
    expect(named("xlsx").map(([path, p]) => `${path}@${p.version ?? ""}`)).toEqual([]);
    for (const [path, p] of packages) expect(Object.keys(p.dependencies ?? {}), path).not.toContain("xlsx");
  });

  it("holds no telemetry client: office-addin-usage-data only as dev tools' stub, and no Application Insights SDK", () => {
    // office-addin-usage-data 2.1.1 and 3.x are what the office-addin-* CLIs depend on since
    // Office-Addin-Scripts removed usage-data reporting (PR #993): every method is a no-op and the
    // package depends on commander alone, so there is nothing to switch off. The SDK the older
    // versions sent data with (applicationinsights) must not come back.
    const usageData = named("office-addin-usage-data");
    for (const [path, p] of usageData) {
      expect(p.dev, `${path} is installed for production`).toBe(true);
      expect(Object.keys(p.dependencies ?? {}), path).toEqual(["commander"]);
    }
    for (const sdk of ["applicationinsights", "@microsoft/applicationinsights-web", "@microsoft/1ds-core-js"]) {
      expect(
        named(sdk).map(([path]) => path),
        sdk,
      ).toEqual([]);
    }
  });

  it("installs the usage-data stub with no network code: it requires nothing but path, os, commander and itself", () => {
    const installed = named("office-addin-usage-data")
      .map(([path]) => join(path, "lib"))
      .filter((lib) => existsSync(lib));
    // npm ci installs every locked copy.
    expect(installed.length).toBe(named("office-addin-usage-data").length);
    for (const lib of installed) {
      for (const file of readdirSync(lib).filter((f) => f.endsWith(".js"))) {
        const code = readFileSync(join(lib, file), "utf8");
        const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1] ?? "");
        const outside = required.filter(
          (module) => !["path", "os", "commander"].includes(module) && !module.startsWith("./"),
        );
        expect(outside, `${lib}/${file}`).toEqual([]);
        expect(code, `${lib}/${file}`).not.toMatch(/\bfetch\(|XMLHttpRequest|applicationinsights"/);
      }
    }
  });

  it("ships no office-addin tool to users: every office-addin-* package is a dev dependency", () => {
    const shipped = packages.filter(([path, p]) => /(^|\/)office-addin-[^/]+$/.test(path) && p.dev !== true);
    expect(shipped.map(([path]) => path)).toEqual([]);
  });
});

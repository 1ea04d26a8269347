import spineData from "../data/njc-pay-spine.json";
import type { SourceRef } from "../data/SourceRef";
import { poundsToPence } from "../money/pence";
import { yearLabel } from "../periods/FinancialYear";
import type { PayTable, SpinePoint, SpineStatus } from "./PayTable";

interface RawPoint {
  v: number | null;
  s: string;
  src?: string[];
  note?: string;
  conflict?: string;
  recon?: number;
  range?: number[];
}

interface RawYear {
  spine: string;
  rule: string;
  rule_src?: string[];
  scp: Record<string, RawPoint>;
}

const STATUS: Readonly<Record<string, SpineStatus>> = {
  Q: "quoted",
  D: "derived",
  NF: "not-found",
  C: "conflict",
};

function toPoint(scp: string, raw: RawPoint, ruleSources: readonly string[]): SpinePoint {
  const status = STATUS[raw.s];
  if (status === undefined) throw new Error(`njc-pay-spine.json: unknown status ${raw.s} at SCP ${scp}`);
  const note = raw.conflict ?? raw.note;
  const [low, high] = raw.range ?? [];
  return {
    scp,
    // A not-found or conflicting value stays unknown: its reconstruction is never a salary.
    salary: raw.v === null || status === "not-found" || status === "conflict" ? null : poundsToPence(raw.v),
    status,
    sources: raw.src ?? ruleSources,
    ...(note === undefined ? {} : { note }),
    ...(raw.recon === undefined ? {} : { reconstruction: raw.recon }),
    ...(low === undefined || high === undefined ? {} : { range: [low, high] as const }),
  };
}

function buildTables(): ReadonlyMap<number, PayTable> {
  const years = spineData.years as unknown as Record<string, RawYear>;
  const tables = new Map<number, PayTable>();
  for (const [label, raw] of Object.entries(years)) {
    const start = Number(label.slice(0, 4));
    if (yearLabel(start) !== label) throw new Error(`njc-pay-spine.json: bad year label ${label}`);
    const sources = raw.rule_src ?? [];
    const points = new Map<string, SpinePoint>();
    for (const [scp, point] of Object.entries(raw.scp)) points.set(scp, toPoint(scp, point, sources));
    tables.set(start, {
      name: `NJC pay spine ${label}`,
      payYear: start,
      rule: `${raw.spine}: ${raw.rule}`,
      sources,
      points,
    });
  }
  return tables;
}

/**
 * The NJC "Green Book" national pay spine for every pay year in the reference data
 * (`src/core/data/njc-pay-spine.json`, compiled in `shared/reference/pay-and-oncosts.md` §1), keyed by
 * the year the pay year starts. A year with no known award (2026/27) is present with no points.
 *
 * @example
 * NATIONAL_PAY_SPINE.get(2025)?.points.get("43")?.salary //=> 5449500
 */
export const NATIONAL_PAY_SPINE: ReadonlyMap<number, PayTable> = buildTables();

/**
 * The sources behind the national pay spine, by id (S01 …).
 *
 * @example
 * PAY_SPINE_SOURCES.get("S22")?.url //=> "https://hrhub.judiciumeducation.co.uk/…"
 */
export const PAY_SPINE_SOURCES: ReadonlyMap<string, SourceRef> = new Map(
  Object.entries(spineData.sources).map(([id, s]) => [id, { id, title: s.title, url: s.url }]),
);

/**
 * The latest pay year with any known national spine values: the default when no pay year is given.
 *
 * @example
 * LATEST_PAY_YEAR //=> 2025
 */
export const LATEST_PAY_YEAR: number = Math.max(
  ...[...NATIONAL_PAY_SPINE.values()].filter((t) => t.points.size > 0).map((t) => t.payYear ?? 0),
);

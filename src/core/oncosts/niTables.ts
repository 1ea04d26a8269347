import niData from "../data/employer-ni.json";
import type { SourceRef } from "../data/SourceRef";
import { CostingError } from "../errors/CostingError";
import { poundsToPence } from "../money/pence";
import { ratioFromNumber } from "../money/Ratio";
import { tableDate } from "../periods/excelDate";
import { yearLabel } from "../periods/FinancialYear";
import type { NiPeriod, NiYear, Threshold } from "./NiYear";

interface RawThreshold {
  week: number;
  month: number;
  year: number;
}

interface RawPeriod {
  from: string;
  to: string;
  rate: number;
  st: RawThreshold;
  lel: RawThreshold;
  uap?: RawThreshold | null;
  ust_under21?: RawThreshold | null;
  aust_apprentice_u25?: RawThreshold | null;
  cosr?: { employer_rebate: number } | null;
  src: string[];
}

interface RawYear {
  periods: RawPeriod[];
  apprenticeship_levy: { rate: number; allowance_per_year: number; src: string[] } | null;
}

function threshold(raw: RawThreshold | null | undefined): Threshold | null {
  if (raw === null || raw === undefined) return null;
  return { week: poundsToPence(raw.week), month: poundsToPence(raw.month), year: poundsToPence(raw.year) };
}

function toPeriod(raw: RawPeriod): NiPeriod {
  const st = threshold(raw.st);
  const lel = threshold(raw.lel);
  if (st === null || lel === null) throw new Error(`employer-ni.json: period from ${raw.from} lacks ST or LEL`);
  return {
    from: tableDate(raw.from, "employer-ni.json"),
    to: tableDate(raw.to, "employer-ni.json"),
    rate: ratioFromNumber(raw.rate),
    st,
    lel,
    uap: threshold(raw.uap),
    ust: threshold(raw.ust_under21),
    aust: threshold(raw.aust_apprentice_u25),
    contractedOutRebate: raw.cosr ? ratioFromNumber(raw.cosr.employer_rebate) : null,
    sources: raw.src,
  };
}

function buildTables(): ReadonlyMap<number, NiYear> {
  const years = niData.years as unknown as Record<string, RawYear>;
  const tables = new Map<number, NiYear>();
  for (const [label, raw] of Object.entries(years)) {
    const start = Number(label.slice(0, 4));
    if (yearLabel(start) !== label) throw new Error(`employer-ni.json: bad year label ${label}`);
    const levy = raw.apprenticeship_levy;
    tables.set(start, {
      taxYear: start,
      periods: raw.periods.map(toPeriod),
      levy:
        levy === null
          ? null
          : { rate: ratioFromNumber(levy.rate), allowance: poundsToPence(levy.allowance_per_year), sources: levy.src },
    });
  }
  return tables;
}

/**
 * Employer Class 1 NI and apprenticeship levy rules for every tax year in the reference data
 * (`src/core/data/employer-ni.json`, compiled in `shared/reference/pay-and-oncosts.md` §2–3), keyed by
 * the year the tax year starts.
 *
 * @example
 * NI_TABLES.get(2025)?.periods[0]?.st.year //=> 500000 (£5,000)
 */
export const NI_TABLES: ReadonlyMap<number, NiYear> = buildTables();

/**
 * The sources behind the NI and levy tables, by id (N01 …, L01 …).
 *
 * @example
 * NI_SOURCES.get("N16")?.title //=> "Payroll Options, 'Thresholds and Rates April 2025/26' …"
 */
export const NI_SOURCES: ReadonlyMap<string, SourceRef> = new Map(
  Object.entries(niData.sources).map(([id, s]) => [id, { id, title: s.title, url: s.url }]),
);

/**
 * The latest tax year in the tables: the default when no tax year is given.
 *
 * @example
 * LATEST_TAX_YEAR //=> 2026
 */
export const LATEST_TAX_YEAR: number = Math.max(...NI_TABLES.keys());

/**
 * The NI rules of a tax year, or a `not-available` error naming the years known.
 *
 * @example
 * niYear(2022).periods.length //=> 2
 */
export function niYear(taxYear: number): NiYear {
  const year = NI_TABLES.get(taxYear);
  if (year === undefined) {
    const known = [...NI_TABLES.keys()];
    throw new CostingError(
      "not-available",
      `No employer NI rates are held for tax year ${yearLabel(taxYear)}: known years are ${yearLabel(Math.min(...known))} to ${yearLabel(Math.max(...known))}.`,
    );
  }
  return year;
}

import {
  DEFAULT_REDUCTION_SETTINGS,
  LATEST_PAY_YEAR,
  LATEST_TAX_YEAR,
  parseCostingPoint,
  parseNiCategory,
  parsePensionScheme,
  parseYear,
  poundsToPence,
  ratioFromNumber,
  type ReductionSettings,
  STANDARD_WEEKLY_HOURS,
} from "../core";

/**
 * The task pane's settings as stored in the workbook (JSON, so they travel with it) and as the
 * custom functions read them for omitted arguments. Text fields hold what the user typed.
 */
export interface PaneSettings {
  readonly sheets: {
    readonly current: string | null;
    readonly proposed: string | null;
    readonly grades: string | null;
    readonly titleMap: string | null;
  };
  /** "2025/26" */
  readonly payYear: string;
  readonly taxYear: string;
  /** "19.5%", "0.195", "TPS" or "" for none. */
  readonly pension: string;
  readonly niCategory: string;
  readonly niMethod: "annual" | "monthly";
  readonly levy: boolean;
  /** "30%" or "" for none. */
  readonly flatRate: string;
  readonly point: "top" | "bottom" | "mid";
  readonly standardHours: number;
  /** Current budget in pounds, or null. */
  readonly budget: number | null;
  /** Name post-holders in the post lists (off: counts only, issue 7). */
  readonly namedList: boolean;
}

/**
 * Settings for a workbook that has none.
 *
 * @example
 * DEFAULT_PANE_SETTINGS.standardHours //=> 37
 */
export const DEFAULT_PANE_SETTINGS: PaneSettings = {
  sheets: { current: null, proposed: null, grades: null, titleMap: null },
  payYear: `${String(LATEST_PAY_YEAR)}/${String((LATEST_PAY_YEAR + 1) % 100).padStart(2, "0")}`,
  taxYear: `${String(LATEST_TAX_YEAR)}/${String((LATEST_TAX_YEAR + 1) % 100).padStart(2, "0")}`,
  pension: "",
  niCategory: "A",
  niMethod: "annual",
  levy: true,
  flatRate: "",
  point: "top",
  standardHours: STANDARD_WEEKLY_HOURS,
  budget: null,
  namedList: false,
};

/**
 * Turns the pane's settings into the engine's, throwing a CostingError that names the setting
 * when one cannot be used.
 *
 * @example
 * toReductionSettings({ ...DEFAULT_PANE_SETTINGS, pension: "19.5%" }).pension.kind //=> "rate"
 */
export function toReductionSettings(settings: PaneSettings): ReductionSettings {
  const rate = (text: string): number => {
    const percent = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*%\s*$/.exec(text);
    return percent ? Number(percent[1]) / 100 : Number(text);
  };
  return {
    ...DEFAULT_REDUCTION_SETTINGS,
    payYear: parseYear(settings.payYear, "pay"),
    taxYear: parseYear(settings.taxYear, "tax"),
    pension: settings.pension.trim() === "" ? { kind: "none" } : parsePensionScheme(settings.pension),
    niCategory: parseNiCategory(settings.niCategory),
    niMethod: settings.niMethod,
    levy: settings.levy,
    flatRate: settings.flatRate.trim() === "" ? null : ratioFromNumber(rate(settings.flatRate)),
    point: parseCostingPoint(settings.point),
    standardHours: settings.standardHours,
    budget: settings.budget === null ? null : poundsToPence(settings.budget),
    namedList: settings.namedList,
  };
}

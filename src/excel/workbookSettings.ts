import { DEFAULT_PANE_SETTINGS, type PaneSettings } from "../host/PaneSettings";

/**
 * The key the pane's settings are stored under in the workbook's add-in settings.
 *
 * @example
 * Office.context.document.settings.get(SETTINGS_KEY) //=> '{"sheets":{…},"payYear":"2025/26",…}'
 */
export const SETTINGS_KEY = "estab.settings";

/** The outcome `saveAsync` reports; `Office.AsyncResult<void>` has this shape. */
export interface SaveResult {
  /**
   * "succeeded" or "failed": Office.js sets `Office.AsyncResultStatus` to these strings, though
   * its typings declare a numeric enum, and tests have no `Office` to compare with.
   */
  readonly status: unknown;
  readonly error?: { readonly message: string } | null;
}

/**
 * The part of `Office.context.document.settings` (a property bag saved inside the workbook) the
 * adapter uses; tests pass an in-memory one.
 */
export interface SettingsStore {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  saveAsync(callback: (result: SaveResult) => void): void;
}

/**
 * Reads stored settings loosely: a field that is missing or of the wrong kind takes its default,
 * and fields this version does not know are dropped, so a workbook saved by an older or newer
 * add-in still opens. Text that is not JSON gives the defaults.
 *
 * @example
 * parsePaneSettings('{"standardHours":36,"levy":"yes"}').levy //=> true (the default)
 */
export function parsePaneSettings(stored: unknown): PaneSettings {
  let raw: unknown = stored;
  if (typeof stored === "string") {
    try {
      raw = JSON.parse(stored);
    } catch {
      return DEFAULT_PANE_SETTINGS;
    }
  }
  if (!isRecord(raw)) return DEFAULT_PANE_SETTINGS;
  const d = DEFAULT_PANE_SETTINGS;
  const sheets = isRecord(raw.sheets) ? raw.sheets : {};
  const sheet = (role: keyof PaneSettings["sheets"]): string | null => {
    const value = sheets[role];
    return typeof value === "string" && value !== "" ? value : d.sheets[role];
  };
  const text = (key: keyof PaneSettings, fallback: string): string => {
    const value = raw[key];
    return typeof value === "string" ? value : fallback;
  };
  const oneOf = <T extends string>(value: unknown, allowed: readonly T[], fallback: T): T =>
    allowed.find((option) => option === value) ?? fallback;
  const hours = raw.standardHours;
  const budget = raw.budget;
  return {
    sheets: {
      current: sheet("current"),
      proposed: sheet("proposed"),
      grades: sheet("grades"),
      titleMap: sheet("titleMap"),
    },
    payYear: text("payYear", d.payYear),
    taxYear: text("taxYear", d.taxYear),
    pension: text("pension", d.pension),
    niCategory: text("niCategory", d.niCategory),
    niMethod: oneOf(raw.niMethod, ["annual", "monthly"], d.niMethod),
    levy: typeof raw.levy === "boolean" ? raw.levy : d.levy,
    namedList: typeof raw.namedList === "boolean" ? raw.namedList : d.namedList,
    flatRate: text("flatRate", d.flatRate),
    point: oneOf(raw.point, ["top", "bottom", "mid"], d.point),
    standardHours: typeof hours === "number" && Number.isFinite(hours) && hours > 0 ? hours : d.standardHours,
    budget: budget === null || (typeof budget === "number" && Number.isFinite(budget)) ? budget : d.budget,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

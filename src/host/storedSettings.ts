import { DEFAULT_PANE_SETTINGS, type PaneSettings } from "./PaneSettings";

/**
 * Name of the hidden sheet that carries the pane's settings inside the workbook, so they travel
 * with the file whichever host opens it: ExcelJS (the standalone page) cannot write custom
 * document properties or Office add-in settings, but every host can read and write a sheet. The
 * sheet is "veryHidden" (not listed in Excel's Unhide dialog) and holds one JSON text in A1.
 *
 * @example
 * SETTINGS_SHEET_NAME //=> "EstablishmentCostingSettings"
 */
export const SETTINGS_SHEET_NAME = "EstablishmentCostingSettings";

/** Cell of the settings sheet that holds the JSON. */
export const SETTINGS_CELL = "A1";

// Bumped only if the stored shape changes incompatibly; an unknown format is read as no settings.
const FORMAT = "establishment-costing/pane-settings@1";

/**
 * The text stored in the settings sheet for these settings.
 *
 * @example
 * JSON.parse(serialiseSettings(DEFAULT_PANE_SETTINGS)).niCategory //=> "A"
 */
export function serialiseSettings(settings: PaneSettings): string {
  // Flat, with the format beside the fields, so a reader that knows only PaneSettings's fields
  // (and drops unknown ones) reads it too.
  return JSON.stringify({ format: FORMAT, ...settings });
}

/**
 * Reads settings stored by {@link serialiseSettings}, or the bare PaneSettings JSON the Excel host
 * keeps in Office's document settings. The text comes from a workbook, so nothing in it is
 * trusted: a field of the wrong type falls back to its default, unknown fields are dropped, and
 * text that is not settings JSON at all gives null (the workbook has no settings).
 *
 * @example
 * parseStoredSettings(serialiseSettings({ ...DEFAULT_PANE_SETTINGS, levy: false }))?.levy //=> false
 * parseStoredSettings("not json") //=> null
 */
export function parseStoredSettings(text: unknown): PaneSettings | null {
  if (typeof text !== "string" || text.length > 100_000) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(parsed)) return null;
  if ("format" in parsed ? parsed.format !== FORMAT : !KNOWN_FIELDS.some((field) => field in parsed)) return null;
  const stored = parsed;
  const d = DEFAULT_PANE_SETTINGS;
  const sheets = isRecord(stored.sheets) ? stored.sheets : {};
  const sheet = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);
  const text_ = (value: unknown, fallback: string): string =>
    typeof value === "string" && value.length <= 200 ? value : fallback;
  const budget = stored.budget;
  const hours = stored.standardHours;
  return {
    sheets: {
      current: sheet(sheets.current),
      proposed: sheet(sheets.proposed),
      grades: sheet(sheets.grades),
      titleMap: sheet(sheets.titleMap),
    },
    payYear: text_(stored.payYear, d.payYear),
    taxYear: text_(stored.taxYear, d.taxYear),
    pension: text_(stored.pension, d.pension),
    niCategory: text_(stored.niCategory, d.niCategory),
    niMethod: stored.niMethod === "monthly" || stored.niMethod === "annual" ? stored.niMethod : d.niMethod,
    levy: typeof stored.levy === "boolean" ? stored.levy : d.levy,
    namedList: typeof stored.namedList === "boolean" ? stored.namedList : d.namedList,
    flatRate: text_(stored.flatRate, d.flatRate),
    point: stored.point === "top" || stored.point === "bottom" || stored.point === "mid" ? stored.point : d.point,
    standardHours: typeof hours === "number" && Number.isFinite(hours) ? hours : d.standardHours,
    budget: typeof budget === "number" && Number.isFinite(budget) ? budget : d.budget,
  };
}

const KNOWN_FIELDS = Object.keys(DEFAULT_PANE_SETTINGS);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

import {
  CostingError,
  type CostingPoint,
  DEFAULT_REDUCTION_SETTINGS,
  type NiCategory,
  type NiMethod,
  type PensionScheme,
  type ReductionSettings,
} from "../core";
import { parsePaneSettings, SETTINGS_KEY } from "../excel/workbookSettings";
import { toReductionSettings } from "../host/PaneSettings";

/** What an omitted argument means: the workbook's settings (from the task pane), else built-in. */
export interface FunctionDefaults {
  /** null: the latest year with agreed NJC rates. */
  readonly payYear: number | null;
  readonly taxYear: number;
  readonly pension: PensionScheme;
  readonly category: NiCategory;
  readonly niMethod: NiMethod;
  readonly levy: boolean;
  readonly standardHours: number;
  readonly point: CostingPoint;
}

/**
 * The defaults when a workbook has no settings: the same as the functions have always documented.
 *
 * @example
 * BUILT_IN_DEFAULTS.standardHours //=> 37
 */
export const BUILT_IN_DEFAULTS: FunctionDefaults = { ...fromSettings(DEFAULT_REDUCTION_SETTINGS), payYear: null };

function fromSettings(settings: ReductionSettings): FunctionDefaults {
  return {
    payYear: settings.payYear,
    taxYear: settings.taxYear,
    pension: settings.pension,
    category: settings.niCategory,
    niMethod: settings.niMethod,
    levy: settings.levy,
    standardHours: settings.standardHours,
    point: settings.point,
  };
}

/** Where the stored settings text comes from: the workbook's add-in settings in Excel. */
export type SettingsSource = () => unknown;

// The shared runtime gives the functions the same Office.context as the task pane, so the
// settings the pane saves in the workbook are read here synchronously, on every call, from memory.
const officeSettings: SettingsSource = () =>
  typeof Office === "undefined" ? null : (Office.context?.document?.settings?.get(SETTINGS_KEY) as unknown);

let source: SettingsSource = officeSettings;
let last: { readonly stored: unknown; readonly defaults: FunctionDefaults } | null = null;

/**
 * The defaults for omitted arguments now: the workbook's settings when the task pane has saved
 * any (pay year, tax year, pension, NI category and method, levy, standard week, costing point),
 * else {@link BUILT_IN_DEFAULTS}. Settings that cannot be used (say, a pension rate typed as 19.5)
 * make the functions return #VALUE! with the reason, rather than quietly cost at another rate.
 *
 * @example
 * functionDefaults().taxYear //=> 2026
 */
export function functionDefaults(): FunctionDefaults {
  const stored = source();
  if (stored === null || stored === undefined) return BUILT_IN_DEFAULTS;
  if (last?.stored === stored) return last.defaults;
  let defaults: FunctionDefaults;
  try {
    defaults = fromSettings(toReductionSettings(parsePaneSettings(stored)));
  } catch (error: unknown) {
    if (!(error instanceof CostingError)) throw error;
    throw new CostingError("invalid-value", `The workbook's costing settings cannot be used: ${error.message}`);
  }
  last = { stored, defaults };
  return defaults;
}

/**
 * Replaces where the settings come from (tests; null restores Office's document settings).
 *
 * @example
 * useSettingsSource(() => JSON.stringify({ taxYear: "2024/25" }))
 */
export function useSettingsSource(next: SettingsSource | null): void {
  source = next ?? officeSettings;
  last = null;
}

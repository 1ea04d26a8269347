// The Leicester sample's reduction, as the Excel adapter's tests write it: §7's table is rebuilt
// from the "Proposed" sheet, whose two-row header holds both sides.
import {
  buildReduction,
  DEFAULT_REDUCTION_SETTINGS,
  type Reduction,
  type ReductionSettings,
  type SheetGrid,
  validateWorkbook,
} from "../../src/core";
import { readXlsxWorkbook } from "../../src/xlsx/readXlsxWorkbook";
import { LEICESTER } from "./gridContract";

/** The sample's sheets, in tab order. */
export const LEICESTER_SHEETS = ["Current", "Proposed", "Bands", "Title map"] as const;
/** The sheets a write adds to the sample, in order. */
export const OUTPUT_SHEETS = [
  "Reduction table",
  "Post changes",
  "Staff impact",
  "Costed posts",
  "Assumptions",
] as const;
/** The stamp every test reduction carries. */
export const STAMP = { builtOn: "2026-11-23", version: "test" } as const;
/** The settings the tests reduce with: the defaults and Leicester's current budget. */
export const SETTINGS: ReductionSettings = { ...DEFAULT_REDUCTION_SETTINGS, budget: 1_665_380_000 };

/**
 * Reduces grids as the tests do (the "Proposed" sheet holds both sides).
 *
 * @example
 * reduce(await readXlsxWorkbook(LEICESTER)).table.total.proposedFte //=> 386.58
 */
export function reduce(grids: readonly SheetGrid[]): Reduction {
  const validation = validateWorkbook(grids, { sheets: { current: "Proposed", proposed: "Proposed" } });
  return buildReduction(validation, new Map(), SETTINGS, STAMP);
}

/**
 * The sample's grids and its reduction.
 *
 * @example
 * const { grids, reduction } = await leicesterReduction();
 */
export async function leicesterReduction(): Promise<{ grids: SheetGrid[]; reduction: Reduction }> {
  const grids = await readXlsxWorkbook(LEICESTER);
  return { grids, reduction: reduce(grids) };
}

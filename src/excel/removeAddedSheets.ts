import type { ExcelRun } from "./ExcelRun";

/** The output sheets one attempt added (or may have added), for removing them again. */
export interface AddedSheets {
  /** Names chosen, in order; free when chosen. */
  readonly names: readonly string[];
  /** Ids Excel reported, in the same order; empty when the sync that added them never answered. */
  readonly ids: readonly string[];
  /** The attempt failed because a chosen name was taken meanwhile (ItemAlreadyExists). */
  readonly nameTaken: boolean;
}

/** Why removing failed, and the sheets that may still be there. */
export interface RemovalFailure {
  readonly left: readonly string[];
  readonly error: unknown;
}

/**
 * Deletes the sheets an attempt added, and with them their tables and charts (deleting a sheet
 * deletes what is on it). Once Excel has reported their ids, exactly those. If the sync that adds
 * them never answered, a sheet under one of the chosen names is ours (the name was free a moment
 * before), except when the failure was a name taken meanwhile: Excel stops a batch at the failing
 * command, so ours are the ones added (and hidden) before it, and the visible one that took the
 * name belongs to someone else. With `hiddenOnly` (a later attempt tidying up) a sheet the user
 * has unhidden since is left alone. Returns null when all are gone.
 *
 * @example
 * await removeAddedSheets(Excel.run, { names: ["Reduction table"], ids: [id], nameTaken: false }, false) //=> null
 */
export async function removeAddedSheets(
  run: ExcelRun,
  added: AddedSheets,
  hiddenOnly: boolean,
): Promise<RemovalFailure | null> {
  const byId = added.ids.length === added.names.length && added.ids.length > 0;
  try {
    await run(async (context) => {
      const worksheets = context.workbook.worksheets;
      const sheets = (byId ? added.ids : added.names).map((key) => worksheets.getItemOrNullObject(key));
      for (const sheet of sheets) sheet.load("visibility");
      await context.sync();
      for (const sheet of sheets) {
        if (sheet.isNullObject) continue;
        const visible = sheet.visibility === "Visible";
        if (hiddenOnly ? !visible : byId || !added.nameTaken || !visible) sheet.delete();
      }
      await context.sync();
    });
    return null;
  } catch (error: unknown) {
    return { left: [...added.names], error };
  }
}

import type { Reduction } from "../core";
import { HostError, type Progress } from "../host/WorkbookHost";
import { buildOutputSheets, type OutputCell, type OutputSheet } from "../output/outputSheets";
import type { BlockLimits } from "./blockLimits";
import { OFFICE_ERROR_MESSAGES, toHostError } from "./toHostError";

/** Runs a batch against the workbook: `Excel.run`, or a fake in tests. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** One block of rows to write: the arrays Office.js takes, with null for "leave this cell". */
interface WriteBlock {
  readonly row: number;
  readonly rowCount: number;
  readonly columnCount: number;
  readonly numberFormat: (string | null)[][] | null;
  readonly values: (string | number | null)[][] | null;
  readonly formulas: (string | null)[][] | null;
}

// JSON bytes a padding cell costs in each of the three arrays ("null,").
const NULL_CELL_BYTES = 15;
// Calibri 11, Excel's default font, draws a character width in 7 pixels; a pixel is 0.75 points.
// Output widths are in characters, as ExcelJS stores them; Office.js takes points.
const POINTS_PER_CHARACTER = 7 * 0.75;
const TEXT_FORMAT = "@";

/**
 * Adds the reduction's output sheets to the open workbook, all or nothing. The sheets are added at
 * the end under free names and stay hidden while they are filled in row blocks (one sync per
 * block, each under `limits`); every piece of text is written into a cell formatted as text, so a
 * title beginning `=`, `+`, `-` or `@`, or one that looks like a number or date ("10-11"), stays
 * the text it is. Only when every sheet is complete are they shown and the reduction table
 * activated. On any failure the sheets this call added, and only those, are deleted, and a
 * HostError says what happened and what to do. Returns the names of the sheets added.
 *
 * @example
 * await writeOutputSheets(Excel.run, reduction, DEFAULT_BLOCK_LIMITS) //=> ["Reduction table", …]
 */
export async function writeOutputSheets(
  run: ExcelRun,
  reduction: Reduction,
  limits: BlockLimits,
  progress?: Progress,
): Promise<string[]> {
  // What this call has added, for the clean-up: ids once Excel has reported them; until then the
  // names chosen, which were free when chosen in this same batch.
  const added = { names: [] as string[], ids: [] as string[], attempted: false };
  try {
    return await run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load("items/name");
      const protection = context.workbook.protection;
      protection.load("protected");
      await context.sync();
      if (protection.protected) throw new HostError("AccessDenied", OFFICE_ERROR_MESSAGES.AccessDenied);

      const outputs = buildOutputSheets(
        reduction,
        worksheets.items.map((sheet) => sheet.name),
      );
      const plans = outputs.map((output) => ({ output, blocks: planBlocks(output, limits) }));
      const steps = plans.reduce((sum, plan) => sum + plan.blocks.length, 0) + 1;
      added.names = outputs.map((output) => output.name);
      added.attempted = true;
      const sheets = outputs.map((output) => {
        const sheet = worksheets.add(output.name);
        sheet.visibility = "Hidden";
        sheet.load("id");
        return sheet;
      });
      await context.sync();
      added.ids = sheets.map((sheet) => sheet.id);

      let done = 0;
      for (const [i, { output, blocks }] of plans.entries()) {
        const sheet = sheets[i] as Excel.Worksheet;
        // Bold and widths ride with the sheet's first block, so they cost no sync of their own.
        formatSheet(sheet, output);
        // One sync per block is the design: each request stays under Excel on the web's 5 MB limit.
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per sheet with no rows
        if (blocks.length === 0) await context.sync();
        for (const block of blocks) {
          writeBlock(sheet, block);
          // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per block, by design
          await context.sync();
          done += 1;
          progress?.(done, steps);
        }
      }

      for (const [i, sheet] of sheets.entries()) {
        sheet.visibility = "Visible";
        // Frozen panes are part of a sheet's window view, so they are set once it can be shown.
        const frozen = outputs[i]?.frozenRows ?? 0;
        if (frozen > 0) sheet.freezePanes.freezeRows(frozen);
      }
      // Native charts over the chart data the layout put beside the table (issue 5).
      for (const [i, sheet] of sheets.entries()) {
        for (const chart of outputs[i]?.charts ?? []) {
          const added = sheet.charts.add("ColumnClustered", sheet.getRange(chart.data), "Columns");
          added.title.text = chart.title;
          added.setPosition(chart.at);
        }
      }
      const table = sheets[0];
      if (table !== undefined) {
        table.activate();
        table.getRange("A1").select();
      }
      await context.sync();
      progress?.(steps, steps);
      return added.names;
    });
  } catch (error: unknown) {
    const failure = toHostError(error);
    if (!added.attempted) throw new HostError(failure.code, `${failure.message} Nothing was added to the workbook.`);
    const left = await removeSheets(run, added, failure.code === "ItemAlreadyExists");
    if (left === null) {
      throw new HostError(failure.code, `${failure.message} The unfinished output sheets were removed.`);
    }
    throw new HostError(
      failure.code,
      `${failure.message} The add-in could not remove the unfinished, hidden output sheets (${left.join(", ")}): ` +
        "unhide them (right-click a sheet tab > Unhide) and delete them.",
    );
  }
}

/** Splits a sheet's rows into blocks whose write arrays stay under the byte and cell limits. */
function planBlocks(output: OutputSheet, limits: BlockLimits): WriteBlock[] {
  const rows = output.rows.map(writeRow);
  const blocks: WriteBlock[] = [];
  let start = 0;
  let bytes = 0;
  let widthSum = 0;
  let width = 0;
  const close = (end: number): void => {
    if (end > start && width > 0) blocks.push(makeBlock(rows.slice(start, end), start, width));
    start = end;
    bytes = 0;
    widthSum = 0;
    width = 0;
  };
  rows.forEach((row, r) => {
    const count = r - start + 1;
    const nextWidth = Math.max(width, row.width);
    const nextBytes = bytes + row.bytes + (count * nextWidth - widthSum - row.width) * NULL_CELL_BYTES;
    if (count > 1 && (nextBytes > limits.bytes || count * nextWidth > limits.cells)) close(r);
    bytes += row.bytes;
    widthSum += row.width;
    width = Math.max(width, row.width);
  });
  close(rows.length);
  return blocks;
}

interface WriteRow {
  readonly width: number;
  readonly numberFormat: (string | null)[];
  readonly values: (string | number | null)[];
  readonly formulas: (string | null)[];
  readonly bytes: number;
}

function writeRow(cells: readonly OutputCell[]): WriteRow {
  const numberFormat: (string | null)[] = [];
  const values: (string | number | null)[] = [];
  const formulas: (string | null)[] = [];
  for (const { value, numFmt } of cells) {
    if (typeof value === "string") {
      // Text goes into text-formatted cells: Excel would otherwise read "=…" as a formula and
      // "10-11" or "007" as a date or a number, as if typed.
      numberFormat.push(value === "" ? null : TEXT_FORMAT);
      values.push(value === "" ? null : value);
      formulas.push(null);
    } else if (value !== null && typeof value === "object") {
      numberFormat.push(numFmt ?? null);
      values.push(null);
      formulas.push(`=${value.formula}`);
    } else {
      numberFormat.push(numFmt ?? null);
      values.push(value);
      formulas.push(null);
    }
  }
  const bytes = JSON.stringify(numberFormat).length + JSON.stringify(values).length + JSON.stringify(formulas).length;
  return { width: cells.length, numberFormat, values, formulas, bytes };
}

function makeBlock(rows: readonly WriteRow[], row: number, columnCount: number): WriteBlock {
  const pad = <T>(cells: readonly T[]): (T | null)[] => [
    ...cells,
    ...new Array<null>(columnCount - cells.length).fill(null),
  ];
  const grid = <T>(pick: (row: WriteRow) => readonly (T | null)[]): (T | null)[][] | null => {
    const arrays = rows.map((r) => pad(pick(r)));
    return arrays.some((cells) => cells.some((cell) => cell !== null)) ? arrays : null;
  };
  return {
    row,
    rowCount: rows.length,
    columnCount,
    numberFormat: grid((r) => r.numberFormat),
    values: grid((r) => r.values),
    formulas: grid((r) => r.formulas),
  };
}

function writeBlock(sheet: Excel.Worksheet, block: WriteBlock): void {
  const range = sheet.getRangeByIndexes(block.row, 0, block.rowCount, block.columnCount);
  // Formats first: a cell must be text before text is written into it.
  if (block.numberFormat !== null) range.numberFormat = block.numberFormat;
  if (block.values !== null) range.values = block.values;
  if (block.formulas !== null) range.formulas = block.formulas;
}

function formatSheet(sheet: Excel.Worksheet, output: OutputSheet): void {
  output.rows.forEach((cells, r) => {
    // One range per run of bold cells in a row, not one per cell.
    for (let c = 0; c < cells.length;) {
      if (cells[c]?.bold !== true) {
        c += 1;
        continue;
      }
      let end = c;
      while (cells[end + 1]?.bold === true) end += 1;
      sheet.getRangeByIndexes(r, c, 1, end - c + 1).format.font.bold = true;
      c = end + 1;
    }
  });
  output.widths.forEach((width, c) => {
    sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = Math.round(width * POINTS_PER_CHARACTER * 100) / 100;
  });
}

/**
 * Deletes the sheets this call added. Once Excel has reported their ids, exactly those. If the
 * sync that adds them failed, a sheet under one of the chosen names is ours (the name was free a
 * moment before), except when the failure was a name taken meanwhile: Excel stops a batch at the
 * failing command, so ours are the ones added (and hidden) before it, and the visible one that
 * took the name belongs to someone else. Returns null when all are gone, or the names left.
 */
async function removeSheets(
  run: ExcelRun,
  added: { readonly names: readonly string[]; readonly ids: readonly string[] },
  nameTaken: boolean,
): Promise<string[] | null> {
  const byId = added.ids.length === added.names.length;
  try {
    await run(async (context) => {
      const worksheets = context.workbook.worksheets;
      const sheets = (byId ? added.ids : added.names).map((key) => worksheets.getItemOrNullObject(key));
      if (!byId) for (const sheet of sheets) sheet.load("visibility");
      await context.sync();
      for (const sheet of sheets) {
        if (sheet.isNullObject) continue;
        if (byId || !nameTaken || sheet.visibility !== "Visible") sheet.delete();
      }
      await context.sync();
    });
    return null;
  } catch {
    return [...added.names];
  }
}

import type { Reduction } from "../core";
import { HostError, type Progress } from "../host/WorkbookHost";
import { buildOutputSheets, type OutputCell, type OutputSheet, type OutputTable } from "../output/outputSheets";
import type { BlockLimits } from "./blockLimits";
import type { ExcelRun } from "./ExcelRun";
import { type AddedSheets, removeAddedSheets } from "./removeAddedSheets";
import { officeErrorCode, toHostError } from "./toHostError";
import { UnremovedSheetsError } from "./UnremovedSheetsError";

export type { ExcelRun } from "./ExcelRun";

/**
 * Messages for the failures only writing meets: what happened and what to do.
 *
 * @example
 * WRITE_ERROR_MESSAGES.tableRefused //=> "Excel refused a table the add-in was adding (…): try again, and the next free name will be used."
 */
export const WRITE_ERROR_MESSAGES = {
  structureProtected:
    "The workbook's structure is protected, so no sheet can be added: unprotect it (Review > Protect Workbook), then try again.",
  tableRefused:
    "Excel refused a table the add-in was adding (a table or defined name of the same name may have been added meanwhile): try again, and the next free name will be used.",
  rowTooLarge:
    "Excel on the web could not take even one row of the outputs in one request (its limit is 5 MB): use Excel for Windows or Mac, and try again.",
} as const;

// Bytes Office.js spends on one queued command besides its data: the object path (worksheet,
// getRangeByIndexes with its arguments, format, font) and the action, as JSON. An estimate on the
// high side, so that blocks with many small commands (bold runs, widths) stay under the budget.
const COMMAND_BYTES = 500;
// JSON bytes of one padding cell in a row array (",null").
const NULL_CELL_BYTES = 5;
// Calibri 11, Excel's default font, draws a character width in 7 pixels; a pixel is 0.75 points.
// Output widths are in characters, as ExcelJS stores them; Office.js takes points.
const POINTS_PER_CHARACTER = 7 * 0.75;
const TEXT_FORMAT = "@";
// A light style whose header row is a solid band (Excel.Table.style lists the built-in names):
// it marks the header without competing with the bold section headings and subtotals.
const TABLE_STYLE = "TableStyleLight9";
// The three arrays a block writes, by index: numberFormat, values, formulas.
const ARRAYS = [0, 1, 2] as const;

/** One row as Office.js takes it: the three arrays (null leaves a cell alone), and its bold runs. */
interface WriteRow {
  readonly width: number;
  readonly numberFormat: (string | null)[];
  readonly values: (string | number | null)[];
  readonly formulas: (string | null)[];
  /** JSON bytes of each array, unpadded. */
  readonly bytes: readonly [number, number, number];
  /** Whether each array holds anything but null. */
  readonly used: readonly [boolean, boolean, boolean];
  /** Runs of bold cells: [first column, count]. */
  readonly bold: readonly (readonly [number, number])[];
}

/** Rows [start, end) of one sheet, written in one sync. */
interface Block {
  readonly start: number;
  readonly end: number;
}

/** A sheet to write: its layout, its rows ready for Office.js and its blocks. */
interface SheetPlan {
  readonly output: OutputSheet;
  readonly rows: (WriteRow | null)[];
  readonly blocks: Block[];
}

/** A table to add, under the name it gets. */
interface NamedTable {
  readonly spec: OutputTable;
  readonly name: string;
}

/**
 * Adds the reduction's output sheets to the open workbook, all or nothing. The sheets are added at
 * the end under free names and stay hidden while they are filled in row blocks (one sync per
 * block, each request under `limits`; a block Excel on the web still refuses as too large is
 * written again in halves). Every piece of text is written into a cell formatted as text, so a
 * title beginning `=`, `+`, `-` or `@`, or one that looks like a number or date ("10-11"), stays
 * the text it is. With each sheet's last block come its Excel tables (the layout's `tables`,
 * under the next free name when the workbook has a table or defined name of that name) and
 * charts, so they cost no sync of their own. Only when every sheet is complete are they shown
 * and the reduction table activated, in one last sync. On any failure the sheets this call
 * added, and only those, are deleted (their tables with them), and a HostError says what
 * happened and what to do; if even that fails, an {@link UnremovedSheetsError} names the hidden
 * sheets left. Returns the names of the sheets added.
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
  // Set while a sync that adds tables is under way, to explain an InvalidArgument from it.
  let addingTables = false;
  try {
    return await run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load("items/name");
      const protection = context.workbook.protection;
      protection.load("protected");
      // Table names share one namespace with each other and with defined names, workbook-wide
      // ("Rename an Excel table"); a taken one is refused with InvalidArgument (OfficeDev/office-js#551).
      const tables = context.workbook.tables;
      tables.load("items/name");
      const names = context.workbook.names;
      names.load("items/name");
      await context.sync();
      // Names scoped to a sheet count too; they come back with the sync that adds the sheets.
      const sheetNames = worksheets.items.map((sheet) => sheet.names.load("items/name"));
      if (protection.protected) throw new HostError("AccessDenied", WRITE_ERROR_MESSAGES.structureProtected);

      const outputs = buildOutputSheets(
        reduction,
        worksheets.items.map((sheet) => sheet.name),
      );
      const plans = outputs.map((output) => planSheet(output, limits));
      let steps = plans.reduce((sum, plan) => sum + plan.blocks.length, 0) + 1;
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
      const tableName = freeNames([
        ...tables.items.map((table) => table.name),
        ...names.items.map((item) => item.name),
        ...sheetNames.flatMap((scoped) => scoped.items.map((item) => item.name)),
      ]);
      const tableNames = plans.map((plan) =>
        (plan.output.tables ?? []).map((spec) => ({ spec, name: tableName(spec.name) })),
      );

      let done = 0;
      for (const [i, plan] of plans.entries()) {
        const sheet = sheets[i] as Excel.Worksheet;
        const blocks = plan.blocks;
        for (let b = 0; b < blocks.length;) {
          const block = blocks[b] as Block;
          const last = b === blocks.length - 1;
          const tables = last ? (tableNames[i] ?? []) : null;
          queueBlock(sheet, plan, block, b === 0, tables);
          addingTables = (tables?.length ?? 0) > 0;
          try {
            // One sync per block is the design: each request stays under Excel on the web's 5 MB.
            // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per block, by design
            await context.sync();
          } catch (error: unknown) {
            // The blocks are sized from the bytes queued, an estimate of what Office.js sends; a
            // refused request is rejected whole, so its rows are written again in two halves.
            if (officeErrorCode(error) !== "RequestPayloadSizeLimitExceeded") throw error;
            if (block.end - block.start <= 1) {
              throw new HostError("RequestPayloadSizeLimitExceeded", WRITE_ERROR_MESSAGES.rowTooLarge);
            }
            const middle = block.start + Math.ceil((block.end - block.start) / 2);
            blocks.splice(b, 1, { start: block.start, end: middle }, { start: middle, end: block.end });
            steps += 1;
            continue;
          }
          addingTables = false;
          plan.rows.fill(null, block.start, block.end);
          b += 1;
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
    let failure = toHostError(error);
    if (addingTables && failure.code === "InvalidArgument") {
      failure = new HostError(failure.code, WRITE_ERROR_MESSAGES.tableRefused);
    }
    if (!added.attempted) throw new HostError(failure.code, `${failure.message} Nothing was added to the workbook.`);
    const sheets: AddedSheets = {
      names: added.names,
      ids: added.ids,
      nameTaken: failure.code === "ItemAlreadyExists",
    };
    const left = await removeAddedSheets(run, sheets, false);
    if (left === null) {
      throw new HostError(failure.code, `${failure.message} The unfinished output sheets were removed.`);
    }
    throw new UnremovedSheetsError(failure.code, `${failure.message} ${unremovedAdvice(left.left)}`, sheets);
  }
}

/**
 * What to do about hidden output sheets the add-in could not remove.
 *
 * @example
 * unremovedAdvice(["Reduction table"]) //=> "The add-in could not remove the unfinished, hidden output sheets (Reduction table): …"
 */
export function unremovedAdvice(names: readonly string[]): string {
  return (
    `The add-in could not remove the unfinished, hidden output sheets (${names.join(", ")}): ` +
    "try again and they will be removed first, or unhide them (right-click a sheet tab > Unhide) and delete them."
  );
}

/** Gives each wanted name the next free one ("ReductionTable2"), comparing names as Excel does, ignoring case. */
function freeNames(existing: readonly string[]): (wanted: string) => string {
  const taken = new Set(existing.map((name) => name.toLowerCase()));
  return (wanted) => {
    let candidate = wanted;
    for (let n = 2; taken.has(candidate.toLowerCase()); n += 1) candidate = `${wanted}${String(n)}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  };
}

function planSheet(output: OutputSheet, limits: BlockLimits): SheetPlan {
  const rows = output.rows.map(writeRow);
  // Commands every block may carry besides its rows: the widths (first block), the tables and
  // charts (last block).
  const extra =
    (output.widths.length + 4 * (output.tables?.length ?? 0) + 4 * (output.charts?.length ?? 0)) * COMMAND_BYTES;
  return {
    output,
    rows,
    blocks: planBlocks(rows, limits.bytes - extra, limits.writeCells),
  };
}

/**
 * Splits rows into blocks whose request, as Office.js will send it, stays under `budget` bytes
 * and `cells` cells: the three arrays padded to the block's width (an array with nothing but null
 * is not sent), and the commands that set them and the rows' bold. Bytes are JSON characters;
 * text beyond ASCII takes more on the wire, which the margin under 5 MB and the halving of a
 * refused block absorb.
 */
function planBlocks(rows: readonly WriteRow[], budget: number, cells: number): Block[] {
  const blocks: Block[] = [];
  let start = 0;
  let width = 0;
  let cellsSum = 0;
  let bold = 0;
  const bytes: [number, number, number] = [0, 0, 0];
  const used: [boolean, boolean, boolean] = [false, false, false];
  const size = (count: number, blockWidth: number, next: WriteRow): number => {
    let total = COMMAND_BYTES * (1 + bold + next.bold.length);
    for (const k of ARRAYS) {
      if (!used[k] && !next.used[k]) continue;
      const json = bytes[k] + next.bytes[k];
      total += COMMAND_BYTES + 2 + json + (count - 1) + NULL_CELL_BYTES * (count * blockWidth - cellsSum - next.width);
    }
    return total;
  };
  rows.forEach((row, r) => {
    const count = r - start + 1;
    const nextWidth = Math.max(width, row.width);
    if (count > 1 && (size(count, nextWidth, row) > budget || count * nextWidth > cells)) {
      blocks.push({ start, end: r });
      start = r;
      width = 0;
      cellsSum = 0;
      bold = 0;
      bytes.fill(0);
      used.fill(false);
    }
    width = Math.max(width, row.width);
    cellsSum += row.width;
    bold += row.bold.length;
    for (const k of ARRAYS) {
      bytes[k] += row.bytes[k];
      used[k] = used[k] || row.used[k];
    }
  });
  blocks.push({ start, end: rows.length });
  return blocks;
}

function writeRow(cells: readonly OutputCell[]): WriteRow {
  const numberFormat: (string | null)[] = [];
  const values: (string | number | null)[] = [];
  const formulas: (string | null)[] = [];
  const bold: [number, number][] = [];
  cells.forEach(({ value, numFmt, bold: isBold }, c) => {
    if (isBold === true) {
      const run = bold.at(-1);
      if (run !== undefined && run[0] + run[1] === c) run[1] += 1;
      else bold.push([c, 1]);
    }
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
  });
  const anything = (array: readonly unknown[]): boolean => array.some((cell) => cell !== null);
  return {
    width: cells.length,
    numberFormat,
    values,
    formulas,
    bytes: [JSON.stringify(numberFormat).length, JSON.stringify(values).length, JSON.stringify(formulas).length],
    used: [anything(numberFormat), anything(values), anything(formulas)],
    bold,
  };
}

/**
 * Queues one block: the widths with a sheet's first block, the rows' bold and cells, and with its
 * last block (`tables` given) the tables (over cells now written, so the header cells become the
 * column names) and the charts. The sheet is still hidden throughout.
 */
function queueBlock(
  sheet: Excel.Worksheet,
  plan: SheetPlan,
  block: Block,
  first: boolean,
  tables: readonly NamedTable[] | null,
): void {
  const { output } = plan;
  if (first) {
    output.widths.forEach((width, c) => {
      sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = Math.round(width * POINTS_PER_CHARACTER * 100) / 100;
    });
  }
  const rows = plan.rows.slice(block.start, block.end).filter((row): row is WriteRow => row !== null);
  rows.forEach((row, i) => {
    for (const [column, count] of row.bold) {
      sheet.getRangeByIndexes(block.start + i, column, 1, count).format.font.bold = true;
    }
  });
  const width = rows.reduce((max, row) => Math.max(max, row.width), 0);
  if (rows.length > 0 && width > 0) {
    const pad = <T>(cells: readonly T[]): (T | null)[] => [
      ...cells,
      ...new Array<null>(width - cells.length).fill(null),
    ];
    const grid = <T>(k: 0 | 1 | 2, pick: (row: WriteRow) => readonly (T | null)[]): (T | null)[][] | null =>
      rows.some((row) => row.used[k]) ? rows.map((row) => pad(pick(row))) : null;
    const numberFormat = grid(0, (row) => row.numberFormat);
    const values = grid(1, (row) => row.values);
    const formulas = grid(2, (row) => row.formulas);
    const range = sheet.getRangeByIndexes(block.start, 0, rows.length, width);
    // Formats first: a cell must be text before text is written into it.
    if (numberFormat !== null) range.numberFormat = numberFormat;
    if (values !== null) range.values = values;
    if (formulas !== null) range.formulas = formulas;
  }
  if (tables === null) return;
  for (const { spec, name } of tables) {
    // A Range, not an address: an address without a sheet name means the active sheet, which is
    // the user's while these are hidden (Excel.TableCollection.add, ExcelApi 1.3 for a Range).
    const table = sheet.tables.add(sheet.getRange(spec.range), true);
    table.name = name;
    table.style = TABLE_STYLE;
    // The reduction table runs section heading, lines, bold subtotal: bands would fall out of step
    // with that rhythm and shade subtotals like lines. The costed posts are one post a row across
    // 17 columns, where bands guide the eye.
    table.showBandedRows = output.kind !== "table";
  }
  // Native charts over the chart data the layout put beside the table (issue 5).
  for (const chart of output.charts ?? []) {
    const added = sheet.charts.add("ColumnClustered", sheet.getRange(chart.data), "Columns");
    added.title.text = chart.title;
    added.setPosition(chart.at);
  }
}

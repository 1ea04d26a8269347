import type { CellValue } from "../core/pay/parseLocalScale";
import type { GridInput, GridRow, SheetGrid } from "../core/establishment/SheetGrid";
import { HostError, type Progress } from "../host/WorkbookHost";
import type { BlockLimits } from "./blockLimits";
import { officeErrorCode } from "./toHostError";

// Measured bytes per cell are scaled up by this much before sizing the next block: the next rows
// may hold longer text than the ones measured.
const SAFETY = 1.25;

interface Extent {
  readonly rowIndex: number;
  readonly columnIndex: number;
  readonly rowCount: number;
  readonly columnCount: number;
}

interface Block {
  readonly values: readonly (readonly unknown[])[];
  readonly types: readonly (readonly string[])[];
  readonly struck: readonly (readonly boolean[])[];
  readonly bytes: number;
}

/**
 * Reads the named sheets into grids inside one `Excel.run` batch. Each sheet's used range (values
 * only) is read in row blocks sized to stay under `limits`, with one `context.sync()` per block:
 * values, value types (to tell an error value from text) and strike-through for the whole block.
 * Blocks are sized from the bytes per cell measured so far; a block Excel on the web still finds
 * too large is halved and read again. Progress is reported in rows, once per block.
 *
 * @throws {HostError} `ItemNotFound` naming any sheet that no longer exists
 *
 * @example
 * await Excel.run((context) => readSheetGrids(context, ["Current"], DEFAULT_BLOCK_LIMITS))
 */
export async function readSheetGrids(
  context: Excel.RequestContext,
  names: readonly string[],
  limits: BlockLimits,
  progress?: Progress,
): Promise<SheetGrid[]> {
  const sheets = names.map((name) => context.workbook.worksheets.getItemOrNullObject(name));
  await context.sync();
  const missing = names.filter((_, i) => sheets[i]?.isNullObject === true);
  if (missing.length > 0) {
    const list = missing.map((name) => `"${name}"`).join(", ");
    throw new HostError(
      "ItemNotFound",
      `The workbook has no sheet named ${list} any more (it may have been renamed or deleted): pick the sheets again and try again.`,
    );
  }
  const usedRanges = sheets.map((sheet) => {
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load("rowIndex,columnIndex,rowCount,columnCount");
    return used;
  });
  await context.sync();
  const extents: (Extent | null)[] = usedRanges.map((used) =>
    used.isNullObject
      ? null
      : {
          rowIndex: used.rowIndex,
          columnIndex: used.columnIndex,
          rowCount: used.rowCount,
          columnCount: used.columnCount,
        },
  );

  const totalRows = extents.reduce((sum, extent) => sum + (extent?.rowCount ?? 0), 0);
  let rowsDone = 0;
  const grids: SheetGrid[] = [];
  for (const [i, name] of names.entries()) {
    const sheet = sheets[i];
    const extent = extents[i];
    const rows: GridRow[] = [];
    if (sheet !== undefined && extent !== null && extent !== undefined) {
      let bytesPerCell = limits.firstBytesPerCell;
      let measured = 0;
      for (let offset = 0; offset < extent.rowCount;) {
        let count = blockRows(limits, bytesPerCell, extent.columnCount, extent.rowCount - offset);
        const row = extent.rowIndex + offset;
        let block: Block;
        for (;;) {
          try {
            block = await readBlock(context, sheet, row, extent.columnIndex, count, extent.columnCount);
            break;
          } catch (error: unknown) {
            // Measured sizes are only an estimate of what Office.js sends; a refused block is
            // read again in halves rather than failing the whole read.
            if (officeErrorCode(error) !== "ResponsePayloadSizeLimitExceeded" || count === 1) throw error;
            count = Math.ceil(count / 2);
          }
        }
        measured = Math.max(measured, block.bytes / (count * extent.columnCount));
        bytesPerCell = measured * SAFETY;
        appendRows(rows, block, extent.rowIndex + offset, extent.columnIndex);
        offset += count;
        rowsDone += count;
        progress?.(rowsDone, totalRows);
      }
    }
    while (rows.length > 0 && rows[rows.length - 1]?.length === 0) rows.pop();
    grids.push({ name, rows });
  }
  return grids;
}

function blockRows(limits: BlockLimits, bytesPerCell: number, columns: number, rowsLeft: number): number {
  const cells = Math.min(limits.cells, Math.floor(limits.bytes / Math.max(bytesPerCell, 1)));
  return Math.max(1, Math.min(rowsLeft, Math.floor(cells / columns)));
}

async function readBlock(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  row: number,
  column: number,
  rowCount: number,
  columnCount: number,
): Promise<Block> {
  const range = sheet.getRangeByIndexes(row, column, rowCount, columnCount);
  range.load("values,valueTypes");
  const properties = range.getCellProperties({ format: { font: { strikethrough: true } } });
  await context.sync();
  const values = range.values as unknown[][];
  const types = range.valueTypes as string[][];
  // eslint-disable-next-line office-addins/load-object-before-read -- a ClientResult, filled by sync, has nothing to load
  const cellProperties = properties.value;
  return {
    values,
    types,
    struck: cellProperties.map((cells) => cells.map((cell) => cell.format?.font?.strikethrough === true)),
    // What came back, measured as JSON: close to what Office.js carried, and cheap next to the read.
    bytes: JSON.stringify(values).length + JSON.stringify(types).length + JSON.stringify(cellProperties).length,
  };
}

function appendRows(rows: GridRow[], block: Block, firstRow: number, firstColumn: number): void {
  block.values.forEach((values, r) => {
    const types = block.types[r] ?? [];
    const struck = block.struck[r] ?? [];
    const cells: GridInput[] = [];
    let last = -1;
    values.forEach((value, c) => {
      const input = toGridInput(value, types[c] ?? "", struck[c] === true);
      cells.push(input);
      if (input !== null) last = c;
    });
    while (rows.length < firstRow + r) rows.push([]);
    // Matches the xlsx reader: an empty row is [], a row with content starts at column A and ends
    // at its last non-empty cell.
    rows.push(last < 0 ? [] : [...new Array<GridInput>(firstColumn).fill(null), ...cells.slice(0, last + 1)]);
  });
}

// Plain cells stay bare values so a large sheet costs no object per cell; Range.values gives
// dates as serial numbers and an empty cell as "".
function toGridInput(value: unknown, type: string, struck: boolean): GridInput {
  if (type === "Error") {
    const error = typeof value === "string" ? value : "#VALUE!";
    return struck ? { value: null, error, struck: true } : { value: null, error };
  }
  if (value === "" || value === null || value === undefined || type === "Empty") return null;
  // Anything else (a value kind newer than this code) reads as its JSON, as SheetGrid's reader does.
  const cell: CellValue =
    typeof value === "number" || typeof value === "string" || typeof value === "boolean"
      ? value
      : (JSON.stringify(value) ?? null);
  return struck ? { value: cell, struck: true } : cell;
}

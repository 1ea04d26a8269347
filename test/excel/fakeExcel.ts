// An in-memory Excel of exactly the Office.js subset src/excel uses, with the semantics that make
// the adapter's discipline testable: proxies whose properties can be read only after load() and
// context.sync(), a count of syncs, each sync's request and response measured (as JSON) and
// refused over Excel on the web's 5 MB, protection, cell-edit mode, a lost connection, injected
// faults, tables and defined names under Excel's naming rules, and a record of every write with
// the sheet it targets. It does not calculate: a formula cell keeps its formula and whatever
// cached value it was given.
import type { GridInput, SheetGrid } from "../../src/core/establishment/SheetGrid";

/** One cell as the fake stores it. Cells are replaced, never changed, so they may be shared. */
export interface FakeCell {
  /** A constant, or a formula's cached result. */
  readonly value?: string | number | boolean;
  /** "=SUM(A1:A3)" */
  readonly formula?: string;
  readonly numberFormat?: string;
  readonly struck?: boolean;
  readonly bold?: boolean;
  /** An error value such as "#REF!". */
  readonly error?: string;
  /** Fill colour, "#RRGGBB". */
  readonly fill?: string;
}

/** What one `context.sync()` carried, as the fake measured it. */
export interface SyncRecord {
  readonly index: number;
  readonly requestBytes: number;
  readonly responseBytes: number;
  /** Range reads (`values` loads) in this sync. */
  readonly reads: number;
  /** Names of all sheets, and of those visible, once the sync was done. */
  readonly sheets: readonly string[];
  readonly visible: readonly string[];
  /** The error code the sync failed with; null when it succeeded. */
  readonly error: string | null;
}

/**
 * Makes sync number `at` (1-based, over the fake's life) fail with `code` after `afterOps` commands
 * have run (0 by default: none ran). `afterOps: Infinity` runs them all and then fails, as when
 * Excel did the work but the answer was lost on the way back.
 */
export interface Fault {
  readonly at: number;
  readonly code: string;
  readonly afterOps?: number;
  /** The connection stays down after this fault: every later sync fails with `code` too. */
  readonly staysDown?: boolean;
}

/** One change the workbook took: what was written, and the sheet (by id and name) it went to. */
export interface WriteRecord {
  /** The sync that carried it. */
  readonly sync: number;
  readonly sheetId: string;
  readonly sheet: string;
  /** "values", "formulas", "numberFormat", "bold", "columnWidth", "table", "chart", "visibility" … */
  readonly kind: string;
}

/** An Excel table (ListObject) as the fake keeps it. */
export interface FakeTable {
  readonly id: string;
  name: string;
  readonly sheet: FakeSheet;
  readonly extent: Extent;
  /** The header row's texts, as Excel made them column names. */
  readonly columns: readonly string[];
  style: string;
  showBandedRows: boolean;
}

/** A defined name ("Budget" = "=Notes!$B$2"), workbook-scoped or scoped to one sheet. */
export interface FakeName {
  readonly name: string;
  readonly formula: string;
  /** The sheet it is scoped to; none for the workbook. */
  readonly sheet?: FakeSheet;
}

type Visibility = "Visible" | "Hidden" | "VeryHidden";

/** Errors shaped like OfficeExtension.Error: the code is what callers read. */
export class FakeOfficeError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
  }
}

/** One worksheet: a sparse map of rows, each a holey array of cells. */
export class FakeSheet {
  name: string;
  readonly id: string;
  visibility: Visibility = "Visible";
  /** Sheet protection: any write to its cells or formats is refused with AccessDenied. */
  protected = false;
  frozenRows = 0;
  /** Charts added: type, data range, series orientation, title and position. */
  readonly charts: { type: string; data: string; seriesBy: string; title: string; at: string | null }[] = [];
  readonly columnWidths = new Map<number, number>();
  readonly rows = new Map<number, (FakeCell | undefined)[]>();

  constructor(name: string, id: string) {
    this.name = name;
    this.id = id;
  }

  cell(row: number, column: number): FakeCell | undefined {
    return this.rows.get(row)?.[column];
  }

  setCell(row: number, column: number, cell: FakeCell | undefined): void {
    let cells = this.rows.get(row);
    if (cells === undefined) {
      if (cell === undefined) return;
      cells = [];
      this.rows.set(row, cells);
    }
    cells[column] = cell;
  }

  /** Used range as Excel reports it: valuesOnly counts cells with a value, formula or error. */
  usedRange(valuesOnly: boolean): Extent | null {
    let top = Infinity;
    let bottom = -1;
    let left = Infinity;
    let right = -1;
    for (const [r, cells] of this.rows) {
      cells.forEach((cell, c) => {
        if (cell === undefined || (valuesOnly && !hasContent(cell))) return;
        top = Math.min(top, r);
        bottom = Math.max(bottom, r);
        left = Math.min(left, c);
        right = Math.max(right, c);
      });
    }
    return bottom < 0 ? null : { row: top, column: left, rowCount: bottom - top + 1, columnCount: right - left + 1 };
  }

  /** Everything about the sheet, as text, for before/after comparisons. */
  snapshot(): string {
    const cells = [...this.rows.entries()]
      .sort(([a], [b]) => a - b)
      .map(([r, row]) => [r, row.map((cell, c) => [c, cell]).filter(([, cell]) => cell !== undefined)]);
    return JSON.stringify({
      name: this.name,
      id: this.id,
      visibility: this.visibility,
      protected: this.protected,
      frozenRows: this.frozenRows,
      widths: [...this.columnWidths.entries()],
      cells,
    });
  }
}

export interface Extent {
  readonly row: number;
  readonly column: number;
  readonly rowCount: number;
  readonly columnCount: number;
}

function hasContent(cell: FakeCell): boolean {
  return cell.formula !== undefined || cell.error !== undefined || (cell.value !== undefined && cell.value !== "");
}

/** The fake workbook and its Excel: pass `fake.run` where the adapter takes `Excel.run`. */
export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  /** Workbook (structure) protection: adding, deleting, hiding or showing sheets is refused. */
  protected = false;
  /** The user is typing in a cell: every sync fails. */
  cellEditMode = false;
  /**
   * The connection to Excel is down: every sync fails with this code before Excel sees it. Office.js
   * reports a failed host call as `GeneralException` (excel-web-16.00.debug.js,
   * RichApiMessageUtility.buildResponseOnError) and a failed HTTP request as `ConnectionFailure`.
   */
  connectionLost: string | null = null;
  payloadLimit = 5_000_000;
  faults: Fault[] = [];
  /** Called after each successful sync, to change the workbook "meanwhile" (another user). */
  afterSync: ((index: number) => void) | null = null;
  readonly syncs: SyncRecord[] = [];
  /** Every change made through the API, in order, with the sheet it went to. */
  readonly writes: WriteRecord[] = [];
  readonly tables: FakeTable[] = [];
  readonly names: FakeName[] = [];
  active: FakeSheet | null = null;
  selection: { readonly sheet: string; readonly address: string } | null = null;
  /** The sync running now (1-based), for the write records. */
  currentSync = 0;
  private nextId = 1;
  private nextTableId = 1;

  /** A workbook holding these grids, cell for cell (struck cells and error values included). */
  static fromGrids(grids: readonly SheetGrid[]): FakeExcel {
    const excel = new FakeExcel();
    for (const grid of grids) {
      const sheet = excel.addSheet(grid.name);
      grid.rows.forEach((cells, r) => {
        cells.forEach((input, c) => sheet.setCell(r, c, fromGridInput(input)));
      });
    }
    return excel;
  }

  addSheet(name: string): FakeSheet {
    const sheet = new FakeSheet(name, `{${String(this.nextId++).padStart(8, "0")}-0000-0000-0000-000000000000}`);
    this.sheets.push(sheet);
    this.active ??= sheet;
    return sheet;
  }

  sheet(name: string): FakeSheet {
    const sheet = this.find(name);
    if (sheet === undefined) throw new Error(`no sheet ${name}`);
    return sheet;
  }

  find(key: string): FakeSheet | undefined {
    return this.sheets.find((sheet) => sheet.id === key || sheet.name.toLowerCase() === key.toLowerCase());
  }

  /** Notes a change made through the API to `sheet`. */
  recordWrite(sheet: FakeSheet, kind: string): void {
    this.writes.push({ sync: this.currentSync, sheetId: sheet.id, sheet: sheet.name, kind });
  }

  /** Removes a sheet, and with it its tables, as Excel does. */
  removeSheet(sheet: FakeSheet): void {
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    for (let i = this.tables.length - 1; i >= 0; i--) if (this.tables[i]?.sheet === sheet) this.tables.splice(i, 1);
  }

  /**
   * A defined name, as a user would add it (Formulas > Define Name), for the workbook or one sheet.
   * It may not be a table's name, nor a name in the same scope.
   */
  addName(name: string, formula: string, sheet?: FakeSheet): void {
    const key = name.toLowerCase();
    if (
      this.tables.some((table) => table.name.toLowerCase() === key) ||
      this.names.some((item) => item.sheet === sheet && item.name.toLowerCase() === key)
    ) {
      fail("ItemAlreadyExists", "A resource with the same name or identifier already exists.");
    }
    this.names.push(sheet === undefined ? { name, formula } : { name, formula, sheet });
  }

  /**
   * Whether a table or defined name, of any scope, already uses this name (Excel compares names
   * ignoring case; a table may not share its name with a sheet-scoped name either).
   */
  nameTaken(name: string, except?: FakeTable): boolean {
    const key = name.toLowerCase();
    return (
      this.tables.some((table) => table !== except && table.name.toLowerCase() === key) ||
      this.names.some((item) => item.name.toLowerCase() === key)
    );
  }

  /**
   * Makes a table over `address` on `sheet`, its first row the header, under Excel's rules: it may
   * not overlap another table (InvalidArgument, "A table can't overlap another table":
   * OfficeDev/office-js#1199), and each header cell becomes a column name, a blank one "Column<n>"
   * and a repeated one numbered ("Title2"), written back into the cell as Excel does.
   */
  addTable(sheet: FakeSheet, extent: Extent, name?: string): FakeTable {
    if (sheet.protected) fail("AccessDenied", "The cell or chart you're trying to change is on a protected sheet.");
    if (extent.rowCount < 2) fail("InvalidArgument", "the fake models tables with a header row and rows below it");
    for (const table of this.tables) {
      if (table.sheet === sheet && overlaps(table.extent, extent)) {
        fail("InvalidArgument", "A table can't overlap another table.");
      }
    }
    const columns: string[] = [];
    const used = new Set<string>();
    for (let c = 0; c < extent.columnCount; c++) {
      const cell = sheet.cell(extent.row, extent.column + c);
      const text = cell === undefined ? "" : String(valueOf(cell));
      let column = text === "" ? `Column${String(c + 1)}` : text;
      for (let n = 2; used.has(column.toLowerCase()); n++) column = `${text === "" ? "Column" : text}${String(n)}`;
      used.add(column.toLowerCase());
      columns.push(column);
      if (column !== text) sheet.setCell(extent.row, extent.column + c, { ...cell, value: column });
    }
    let fallback = "";
    for (let n = 1; fallback === "" || this.nameTaken(fallback); n++) fallback = `Table${String(n)}`;
    const table: FakeTable = {
      id: String(this.nextTableId++),
      name: fallback,
      sheet,
      extent,
      columns,
      style: "TableStyleMedium2",
      showBandedRows: true,
    };
    if (name !== undefined) renameTable(this, table, name);
    this.tables.push(table);
    return table;
  }

  /** Everything about the workbook, as text, for before/after comparisons. */
  snapshot(): string {
    return JSON.stringify({
      protected: this.protected,
      sheets: this.sheets.map((sheet) => sheet.snapshot()),
      tables: this.tables.map((table) => ({ ...table, sheet: table.sheet.id })),
      names: this.names.map((item) => ({ ...item, sheet: item.sheet?.id })),
    });
  }

  /** `Excel.run` over this workbook: one request context per batch. */
  readonly run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const context = new FakeContext(this);
    const result = await batch(context as unknown as Excel.RequestContext);
    if (context.pending.length > 0)
      throw new Error(`the batch ended with ${String(context.pending.length)} unsynced commands`);
    return result;
  };
}

function fromGridInput(input: GridInput): FakeCell | undefined {
  if (input === null || input === undefined) return undefined;
  if (typeof input !== "object") return { value: input };
  const struck = input.struck === true ? { struck: true } : {};
  if (input.error !== undefined) return { error: input.error, ...struck };
  if (input.value === null || input.value === undefined) return undefined;
  return { value: input.value, ...struck };
}

function fail(code: string, message: string): never {
  throw new FakeOfficeError(code, message);
}

function overlaps(a: Extent, b: Extent): boolean {
  return (
    a.row < b.row + b.rowCount &&
    b.row < a.row + a.rowCount &&
    a.column < b.column + b.columnCount &&
    b.column < a.column + a.columnCount
  );
}

// Table names, from "Rename an Excel table" (support.microsoft.com, linked from Excel.Table.name):
// a letter, underscore or backslash first, then letters, digits, periods and underscores; no
// spaces; at most 255 characters; not "C" or "R", nor anything that reads as a cell reference.
function checkTableName(name: string): void {
  const cellReference =
    (/^([A-Za-z]{1,3})(\d+)$/.test(name) &&
      columnIndex(/^[A-Za-z]+/.exec(name)?.[0] ?? "") < 16_384 &&
      Number(/\d+$/.exec(name)?.[0]) <= 1_048_576) ||
    /^[Rr]\d*[Cc]\d*$/.test(name) ||
    /^[CcRr]$/.test(name);
  if (!/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name) || name.length > 255 || cellReference) {
    fail("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
  }
}

// A table name must be unique among the workbook's tables and defined names; Excel refuses a
// taken one with InvalidArgument, not ItemAlreadyExists (OfficeDev/office-js#551).
function renameTable(excel: FakeExcel, table: FakeTable, name: string): void {
  checkTableName(name);
  if (excel.nameTaken(name, table)) {
    fail("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
  }
  table.name = name;
}

/**
 * Table styles Excel has built in (Excel.Table.style): "TableStyleLight1" to "TableStyleLight21",
 * "TableStyleMedium1" to "TableStyleMedium28" and "TableStyleDark1" to "TableStyleDark11".
 */
const TABLE_STYLES = new Set([
  ...Array.from({ length: 21 }, (_, i) => `TableStyleLight${String(i + 1)}`),
  ...Array.from({ length: 28 }, (_, i) => `TableStyleMedium${String(i + 1)}`),
  ...Array.from({ length: 11 }, (_, i) => `TableStyleDark${String(i + 1)}`),
]);

/** A queued command: its request size, and what it does when the sync runs it. */
interface Command {
  readonly requestBytes: number;
  readonly reads?: number;
  /** Runs the command; returns its response size and what to publish once the whole sync succeeds. */
  run(): { readonly responseBytes: number; readonly publish?: () => void };
}

const COMMAND_BYTES = 40;

class FakeContext {
  readonly pending: Command[] = [];
  readonly workbook: FakeWorkbookProxy;

  constructor(readonly excel: FakeExcel) {
    this.workbook = new FakeWorkbookProxy(this);
  }

  queue(command: Command): void {
    this.pending.push(command);
  }

  sync(): Promise<void> {
    const commands = this.pending.splice(0);
    const index = this.excel.syncs.length + 1;
    const excel = this.excel;
    const record = (requestBytes: number, responseBytes: number, reads: number, error: string | null = null): void => {
      const visible = excel.sheets.filter((s) => s.visibility === "Visible").map((s) => s.name);
      const sheets = excel.sheets.map((s) => s.name);
      excel.syncs.push({ index, requestBytes, responseBytes, reads, sheets, visible, error });
    };
    excel.currentSync = index;
    const requestBytes = commands.reduce((sum, command) => sum + command.requestBytes, 0);
    const reads = commands.reduce((sum, command) => sum + (command.reads ?? 0), 0);
    try {
      if (excel.connectionLost !== null) fail(excel.connectionLost, "The connection to Excel was lost.");
      if (excel.cellEditMode) {
        fail("InvalidOperationInCellEditMode", "The operation isn't available while Excel is in cell-edit mode.");
      }
      if (requestBytes > excel.payloadLimit) {
        record(requestBytes, 0, reads, "RequestPayloadSizeLimitExceeded");
        fail("RequestPayloadSizeLimitExceeded", `The request payload (${String(requestBytes)} bytes) is too large.`);
      }
      const fault = excel.faults.find((f) => f.at === index);
      let responseBytes = 0;
      const publish: (() => void)[] = [];
      if (fault?.staysDown === true) excel.connectionLost = fault.code;
      commands.forEach((command, n) => {
        if (fault !== undefined && n >= (fault.afterOps ?? 0))
          fail(fault.code, `injected fault at sync ${String(index)}`);
        const result = command.run();
        responseBytes += result.responseBytes;
        if (result.publish) publish.push(result.publish);
      });
      if (fault !== undefined) fail(fault.code, `injected fault at sync ${String(index)}`);
      const tooLarge = responseBytes > excel.payloadLimit;
      record(requestBytes, responseBytes, reads, tooLarge ? "ResponsePayloadSizeLimitExceeded" : null);
      if (tooLarge) {
        fail("ResponsePayloadSizeLimitExceeded", `The response payload (${String(responseBytes)} bytes) is too large.`);
      }
      for (const p of publish) p();
      excel.afterSync?.(index);
      return Promise.resolve();
    } catch (error: unknown) {
      if (excel.syncs.length < index) {
        record(requestBytes, 0, reads, error instanceof FakeOfficeError ? error.code : "Error");
      }
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

/** Base of every proxy: properties are readable only once loaded and synced. */
class Proxy {
  private readonly loaded = new Map<string, unknown>();

  constructor(protected readonly context: FakeContext) {}

  protected read<T>(property: string): T {
    if (!this.loaded.has(property)) {
      fail(
        "PropertyNotLoaded",
        `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    }
    return this.loaded.get(property) as T;
  }

  protected publish(values: ReadonlyMap<string, unknown>): void {
    for (const [key, value] of values) this.loaded.set(key, value);
  }

  /** A load command for these properties, computed when the sync runs. */
  protected queueLoad(properties: readonly string[], compute: (property: string) => unknown, reads = 0): void {
    this.context.queue({
      requestBytes: COMMAND_BYTES,
      reads,
      run: () => {
        const values = new Map(properties.map((property) => [property, compute(property)]));
        let responseBytes = 0;
        for (const value of values.values()) responseBytes += JSON.stringify(value ?? null).length;
        return { responseBytes, publish: () => this.publish(values) };
      },
    });
  }

  protected queueAction(requestBytes: number, action: () => void): void {
    this.context.queue({
      requestBytes: COMMAND_BYTES + requestBytes,
      run: () => {
        action();
        return { responseBytes: 0 };
      },
    });
  }
}

function propertyList(properties: string | readonly string[]): string[] {
  const list = typeof properties === "string" ? properties.split(",") : [...properties];
  return list.map((p) => p.trim()).filter((p) => p !== "");
}

class FakeWorkbookProxy {
  readonly worksheets: FakeWorksheetCollection;
  readonly protection: FakeWorkbookProtection;
  readonly tables: FakeTableCollection;
  readonly names: FakeNamedItemCollection;

  constructor(context: FakeContext) {
    this.worksheets = new FakeWorksheetCollection(context);
    this.protection = new FakeWorkbookProtection(context);
    this.tables = new FakeTableCollection(context, null);
    this.names = new FakeNamedItemCollection(context, null);
  }
}

/** `workbook.tables` (every table) or `worksheet.tables` (that sheet's). */
class FakeTableCollection extends Proxy {
  constructor(
    context: FakeContext,
    private readonly scope: (() => FakeSheet) | null,
  ) {
    super(context);
  }

  get items(): FakeTableProxy[] {
    return this.read("items");
  }

  load(properties: string | readonly string[]): this {
    const names = propertyList(properties).map((p) => p.replace(/^items\//, ""));
    this.context.queue({
      requestBytes: COMMAND_BYTES,
      run: () => {
        const sheet = this.scope?.() ?? null;
        const tables = this.context.excel.tables.filter((table) => sheet === null || table.sheet === sheet);
        const items = tables.map((table) => {
          const proxy = new FakeTableProxy(this.context, () => table, false);
          return { proxy, values: new Map(names.map((name) => [name, proxy.compute(table, name)])) };
        });
        return {
          responseBytes: JSON.stringify(items.map((item) => Object.fromEntries(item.values))).length,
          publish: () => {
            for (const item of items) item.proxy.publishLoaded(item.values);
            this.publish(new Map([["items", items.map((item) => item.proxy)]]));
          },
        };
      },
    });
    return this;
  }

  getItemOrNullObject(key: string): FakeTableProxy {
    const find = (): FakeTable | null =>
      this.context.excel.tables.find(
        (table) =>
          (table.id === key || table.name.toLowerCase() === key.toLowerCase()) &&
          (this.scope === null || table.sheet === this.scope()),
      ) ?? null;
    return new FakeTableProxy(this.context, find, true);
  }

  /**
   * Excel.TableCollection.add(address, hasHeaders): a table over the range, named "Table<n>" until
   * renamed. "If the address does not contain a sheet name, the currently-active sheet is used":
   * so a bare address goes to the active sheet, wherever the collection was reached from.
   */
  add(address: string | FakeRange, hasHeaders: boolean): FakeTableProxy {
    let created: FakeTable | null = null;
    const excel = this.context.excel;
    this.context.queue({
      requestBytes: COMMAND_BYTES + (typeof address === "string" ? address.length : 0),
      run: () => {
        if (!hasHeaders) fail("InvalidArgument", "the fake models tables whose first row is the header");
        const sheet = typeof address === "string" ? excel.active : address.sheetNow();
        if (sheet === null) return fail("InvalidOperation", "There is no active sheet.");
        const extent = typeof address === "string" ? parseAddress(address) : address.extentNow(sheet);
        created = excel.addTable(sheet, extent);
        excel.recordWrite(sheet, "table");
        return { responseBytes: 0 };
      },
    });
    return new FakeTableProxy(this.context, () => created, false);
  }
}

class FakeTableProxy extends Proxy {
  constructor(
    context: FakeContext,
    private readonly resolver: () => FakeTable | null,
    orNull: boolean,
  ) {
    super(context);
    if (orNull) {
      context.queue({
        requestBytes: COMMAND_BYTES,
        run: () => {
          const table = this.resolver();
          return { responseBytes: 8, publish: () => this.publish(new Map([["isNullObject", table === null]])) };
        },
      });
    }
  }

  private live(): FakeTable {
    const table = this.resolver();
    if (table === null) return fail("ItemNotFound", "The requested resource doesn't exist.");
    if (!this.context.excel.tables.includes(table)) fail("ItemNotFound", "The table has been deleted.");
    return table;
  }

  compute(table: FakeTable, property: string): unknown {
    switch (property) {
      case "name":
      case "id":
      case "style":
      case "showBandedRows":
        return table[property];
      default:
        return fail("InvalidArgument", `the fake does not model Table.${property}`);
    }
  }

  publishLoaded(values: ReadonlyMap<string, unknown>): void {
    this.publish(values);
  }

  load(properties: string | readonly string[]): this {
    const list = propertyList(properties);
    this.context.queue({
      requestBytes: COMMAND_BYTES,
      run: () => {
        const table = this.resolver();
        if (table === null) return { responseBytes: 0 };
        const values = new Map(list.map((property) => [property, this.compute(table, property)]));
        return {
          responseBytes: JSON.stringify(Object.fromEntries(values)).length,
          publish: () => this.publish(values),
        };
      },
    });
    return this;
  }

  private set(property: string, bytes: number, act: (table: FakeTable) => void): void {
    this.queueAction(bytes, () => {
      const table = this.live();
      act(table);
      this.context.excel.recordWrite(table.sheet, `table.${property}`);
    });
  }

  get isNullObject(): boolean {
    return this.read("isNullObject");
  }

  get id(): string {
    return this.read("id");
  }

  get name(): string {
    return this.read("name");
  }

  set name(name: string) {
    this.set("name", name.length, (table) => renameTable(this.context.excel, table, name));
  }

  get style(): string {
    return this.read("style");
  }

  set style(style: string) {
    this.set("style", style.length, (table) => {
      if (!TABLE_STYLES.has(style)) fail("InvalidArgument", `${style} is not a table style`);
      table.style = style;
    });
  }

  get showBandedRows(): boolean {
    return this.read("showBandedRows");
  }

  set showBandedRows(show: boolean) {
    this.set("showBandedRows", 5, (table) => (table.showBandedRows = show));
  }
}

/** `workbook.names` (the workbook-scoped defined names) or `worksheet.names` (that sheet's). */
class FakeNamedItemCollection extends Proxy {
  constructor(
    context: FakeContext,
    private readonly scope: (() => FakeSheet) | null,
  ) {
    super(context);
  }

  get items(): FakeNamedItem[] {
    return this.read("items");
  }

  load(properties: string | readonly string[]): this {
    const names = propertyList(properties).map((p) => p.replace(/^items\//, ""));
    this.context.queue({
      requestBytes: COMMAND_BYTES,
      run: () => {
        const sheet = this.scope?.();
        const items = this.context.excel.names
          .filter((item) => item.sheet === sheet)
          .map((item) => {
            const values = new Map(
              names.map((name): [string, unknown] => {
                if (name !== "name" && name !== "formula")
                  fail("InvalidArgument", `the fake does not model NamedItem.${name}`);
                return [name, item[name]];
              }),
            );
            const proxy = new FakeNamedItem(this.context);
            return { proxy, values };
          });
        return {
          responseBytes: JSON.stringify(items.map((item) => Object.fromEntries(item.values))).length,
          publish: () => {
            for (const item of items) item.proxy.publishLoaded(item.values);
            this.publish(new Map([["items", items.map((item) => item.proxy)]]));
          },
        };
      },
    });
    return this;
  }
}

class FakeNamedItem extends Proxy {
  get name(): string {
    return this.read("name");
  }

  get formula(): string {
    return this.read("formula");
  }

  publishLoaded(values: ReadonlyMap<string, unknown>): void {
    this.publish(values);
  }
}

class FakeWorkbookProtection extends Proxy {
  get protected(): boolean {
    return this.read("protected");
  }

  load(properties: string | readonly string[]): this {
    this.queueLoad(propertyList(properties), (property) => {
      if (property !== "protected") fail("InvalidArgument", `unknown property ${property}`);
      return this.context.excel.protected;
    });
    return this;
  }
}

class FakeWorksheetCollection extends Proxy {
  get items(): FakeWorksheet[] {
    return this.read("items");
  }

  load(properties: string | readonly string[]): this {
    const names = propertyList(properties).map((p) => p.replace(/^items\//, ""));
    this.context.queue({
      requestBytes: COMMAND_BYTES,
      run: () => {
        const items = this.context.excel.sheets.map((sheet) => {
          const proxy = new FakeWorksheet(this.context, () => sheet, false, false);
          return { proxy, values: new Map(names.map((name) => [name, proxy.compute(name)])) };
        });
        const responseBytes = JSON.stringify(items.map((item) => Object.fromEntries(item.values))).length;
        return {
          responseBytes,
          publish: () => {
            for (const item of items) item.proxy.publishLoaded(item.values);
            this.publish(new Map([["items", items.map((item) => item.proxy)]]));
          },
        };
      },
    });
    return this;
  }

  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.context.excel.find(key) ?? null, false, true);
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.context.excel.find(key) ?? null, true, true);
  }

  add(name: string): FakeWorksheet {
    let created: FakeSheet | null = null;
    const excel = this.context.excel;
    this.context.queue({
      requestBytes: COMMAND_BYTES + name.length,
      run: () => {
        if (excel.protected) fail("AccessDenied", "The workbook is protected.");
        if (excel.find(name) !== undefined) {
          fail("ItemAlreadyExists", "A resource with the same name or identifier already exists.");
        }
        created = excel.addSheet(name);
        return { responseBytes: 0 };
      },
    });
    return new FakeWorksheet(this.context, () => created, false, false);
  }
}

class FakeWorksheet extends Proxy {
  readonly freezePanes: { freezeRows: (count?: number) => void; getLocationOrNullObject: () => FakeRange };
  readonly tables: FakeTableCollection;
  readonly names: FakeNamedItemCollection;
  readonly charts: {
    add: (
      type: string,
      range: FakeRange,
      seriesBy: string,
    ) => { title: { text: string }; setPosition: (at: string) => void };
  };
  private resolved: FakeSheet | null | undefined;

  constructor(
    context: FakeContext,
    private readonly resolver: () => FakeSheet | null,
    private readonly orNull: boolean,
    resolveOnSync: boolean,
  ) {
    super(context);
    this.freezePanes = {
      freezeRows: (count = 1) => this.action(0, "freezePanes", (sheet) => (sheet.frozenRows = count)),
      // Frozen rows as the range they cover, whole rows wide; a null object when nothing is frozen.
      getLocationOrNullObject: () =>
        new FakeRange(
          context,
          this,
          (sheet) =>
            sheet.frozenRows > 0 ? { row: 0, column: 0, rowCount: sheet.frozenRows, columnCount: 16_384 } : null,
          true,
        ),
    };
    this.tables = new FakeTableCollection(context, () => this.live());
    this.names = new FakeNamedItemCollection(context, () => this.live());
    // A chart is recorded when the sync that adds it runs, with the title and position set before.
    this.charts = {
      add: (type, range, seriesBy) => {
        const chart = { title: { text: "" }, at: null as string | null, setPosition: (at: string) => (chart.at = at) };
        this.action(0, "chart", (sheet) =>
          sheet.charts.push({ type, data: range.addressNow(sheet), seriesBy, title: chart.title.text, at: chart.at }),
        );
        return chart;
      },
    };
    // getItem* resolves on the next sync (the name is looked up then); isNullObject is readable after it.
    if (resolveOnSync) {
      context.queue({
        requestBytes: COMMAND_BYTES,
        run: () => {
          const sheet = this.sheet();
          return { responseBytes: 8, publish: () => this.publish(new Map([["isNullObject", sheet === null]])) };
        },
      });
    }
  }

  /** The sheet this proxy stands for, looked up once (by name or id) and kept, like Excel's. */
  sheet(): FakeSheet | null {
    if (this.resolved === undefined || this.resolved === null) this.resolved = this.resolver();
    if (this.resolved === null && !this.orNull) fail("ItemNotFound", "The requested resource doesn't exist.");
    return this.resolved;
  }

  /** The sheet, which must exist now (inside a sync). */
  live(): FakeSheet {
    const sheet = this.sheet();
    if (sheet === null) fail("InvalidOperation", "The object is a null object.");
    if (!this.context.excel.sheets.includes(sheet)) fail("ItemNotFound", "The worksheet has been deleted.");
    return sheet;
  }

  get isNullObject(): boolean {
    return this.read("isNullObject");
  }

  get name(): string {
    return this.read("name");
  }

  get id(): string {
    return this.read("id");
  }

  get position(): number {
    return this.read("position");
  }

  get visibility(): Visibility {
    return this.read("visibility");
  }

  set visibility(visibility: Visibility) {
    this.action(visibility.length, "visibility", (sheet) => {
      const excel = this.context.excel;
      if (excel.protected) fail("AccessDenied", "The workbook is protected.");
      const visible = excel.sheets.filter((s) => s.visibility === "Visible");
      if (visibility !== "Visible" && visible.length === 1 && visible[0] === sheet) {
        fail("InvalidOperation", "A workbook must contain at least one visible worksheet.");
      }
      sheet.visibility = visibility;
    });
  }

  compute(property: string): unknown {
    const sheet = this.live();
    switch (property) {
      case "name":
        return sheet.name;
      case "id":
        return sheet.id;
      case "position":
        return this.context.excel.sheets.indexOf(sheet);
      case "visibility":
        return sheet.visibility;
      default:
        return fail("InvalidArgument", `the fake does not model Worksheet.${property}`);
    }
  }

  publishLoaded(values: ReadonlyMap<string, unknown>): void {
    this.publish(values);
  }

  load(properties: string | readonly string[]): this {
    const list = propertyList(properties);
    this.context.queue({
      requestBytes: COMMAND_BYTES,
      run: () => {
        if (this.sheet() === null) return { responseBytes: 0 };
        const values = new Map(list.map((property) => [property, this.compute(property)]));
        return {
          responseBytes: JSON.stringify(Object.fromEntries(values)).length,
          publish: () => this.publish(values),
        };
      },
    });
    return this;
  }

  private action(requestBytes: number, kind: string, act: (sheet: FakeSheet) => void): void {
    this.queueAction(requestBytes, () => {
      const sheet = this.live();
      act(sheet);
      this.context.excel.recordWrite(sheet, kind);
    });
  }

  getRange(address: string): FakeRange {
    const extent = parseAddress(address);
    return new FakeRange(this.context, this, () => extent, false);
  }

  getRangeByIndexes(row: number, column: number, rowCount: number, columnCount: number): FakeRange {
    if (rowCount < 1 || columnCount < 1) fail("InvalidArgument", "A range must have at least one row and column.");
    return new FakeRange(this.context, this, () => ({ row, column, rowCount, columnCount }), false);
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(this.context, this, (sheet) => sheet.usedRange(valuesOnly), true);
  }

  delete(): void {
    this.action(0, "delete", (sheet) => {
      const excel = this.context.excel;
      if (excel.protected) fail("AccessDenied", "The workbook is protected.");
      const visible = excel.sheets.filter((s) => s.visibility === "Visible");
      if (visible.length === 1 && visible[0] === sheet) {
        fail("InvalidOperation", "A workbook must contain at least one visible worksheet.");
      }
      // Deleting a sheet deletes its tables.
      excel.removeSheet(sheet);
      if (excel.active === sheet) excel.active = visible.find((s) => s !== sheet) ?? null;
      if (excel.selection?.sheet === sheet.name) excel.selection = null;
    });
  }

  activate(): void {
    this.action(0, "activate", (sheet) => {
      if (sheet.visibility !== "Visible") fail("InvalidOperation", "A hidden worksheet cannot be activated.");
      this.context.excel.active = sheet;
    });
  }
}

class FakeRange extends Proxy {
  readonly format: {
    readonly font: { bold: boolean };
    columnWidth: number;
  };
  private extent: Extent | null | undefined;

  /** The range's address, worked out inside a sync (where the fake may look at the sheet). */
  addressNow(sheet: FakeSheet): string {
    const extent = this.locate(sheet);
    return extent === null ? "" : toAddress(extent);
  }

  /** The sheet the range is on, worked out inside a sync. */
  sheetNow(): FakeSheet {
    return this.target().sheet;
  }

  /** The range's cells, worked out inside a sync; a null object has none. */
  extentNow(sheet: FakeSheet): Extent {
    return this.locate(sheet) ?? fail("InvalidOperation", "The object is a null object.");
  }

  constructor(
    context: FakeContext,
    private readonly worksheet: FakeWorksheet,
    private readonly locate: (sheet: FakeSheet) => Extent | null,
    orNull: boolean,
  ) {
    super(context);
    const font = {
      get bold(): boolean {
        return fail("PropertyNotLoaded", "the fake does not load font.bold");
      },
      set bold(bold: boolean) {
        write("bold", 1, (sheet, extent) => {
          forEachCell(extent, (r, c) => sheet.setCell(r, c, { ...sheet.cell(r, c), bold }));
        });
      },
    };
    const write = (kind: string, bytes: number, act: (sheet: FakeSheet, extent: Extent) => void): void =>
      this.queueAction(bytes, () => {
        const { sheet, extent } = this.target();
        if (sheet.protected) fail("AccessDenied", "The cell or chart you're trying to change is on a protected sheet.");
        act(sheet, extent);
        context.excel.recordWrite(sheet, kind);
      });
    this.format = {
      font,
      get columnWidth(): number {
        return fail("PropertyNotLoaded", "the fake does not load columnWidth");
      },
      set columnWidth(width: number) {
        write("columnWidth", 8, (sheet, extent) => {
          for (let c = extent.column; c < extent.column + extent.columnCount; c++) sheet.columnWidths.set(c, width);
        });
      },
    };
    this.writeCells = (property, data) => {
      const bytes = JSON.stringify(data).length;
      write(property, bytes, (sheet, extent) => {
        if (data.length !== extent.rowCount || data.some((row) => row.length !== extent.columnCount)) {
          fail("InvalidArgument", `The ${property} array does not match the size of the range.`);
        }
        forEachCell(extent, (r, c) => {
          const input = data[r - extent.row]?.[c - extent.column];
          if (input === null || input === undefined) return;
          const cell = sheet.cell(r, c) ?? {};
          sheet.setCell(r, c, property === "numberFormat" ? withFormat(cell, input) : enter(cell, input));
        });
      });
    };
    if (orNull) {
      context.queue({
        requestBytes: COMMAND_BYTES,
        run: () => {
          const isNull = this.target(true) === null;
          return { responseBytes: 8, publish: () => this.publish(new Map([["isNullObject", isNull]])) };
        },
      });
    }
  }

  private readonly writeCells: (property: "values" | "formulas" | "numberFormat", data: unknown[][]) => void;

  private target(): { sheet: FakeSheet; extent: Extent };
  private target(allowNull: true): { sheet: FakeSheet; extent: Extent } | null;
  private target(allowNull = false): { sheet: FakeSheet; extent: Extent } | null {
    const sheet = this.worksheet.sheet();
    if (sheet === null) return allowNull ? null : fail("InvalidOperation", "The object is a null object.");
    if (!this.context.excel.sheets.includes(sheet)) fail("ItemNotFound", "The worksheet has been deleted.");
    this.extent ??= this.locate(sheet);
    if (this.extent === null) return allowNull ? null : fail("InvalidOperation", "The object is a null object.");
    return { sheet, extent: this.extent };
  }

  get isNullObject(): boolean {
    return this.read("isNullObject");
  }
  get address(): string {
    return this.read("address");
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }
  get values(): unknown[][] {
    return this.read("values");
  }
  set values(values: unknown[][]) {
    this.writeCells("values", values);
  }
  get valueTypes(): string[][] {
    return this.read("valueTypes");
  }
  get formulas(): unknown[][] {
    return this.read("formulas");
  }
  set formulas(formulas: unknown[][]) {
    this.writeCells("formulas", formulas);
  }
  get numberFormat(): unknown[][] {
    return this.read("numberFormat");
  }
  set numberFormat(formats: unknown[][]) {
    this.writeCells("numberFormat", formats);
  }

  load(properties: string | readonly string[]): this {
    const list = propertyList(properties);
    const reads = list.includes("values") ? 1 : 0;
    this.queueLoad(
      list,
      (property) => {
        const target = this.target(true);
        if (target === null) return null;
        const { sheet, extent } = target;
        const cells = <T>(pick: (cell: FakeCell | undefined) => T): T[][] => mapCells(sheet, extent, pick);
        switch (property) {
          case "address":
            return `${quoteSheet(sheet.name)}!${toAddress(extent)}`;
          case "rowIndex":
            return extent.row;
          case "columnIndex":
            return extent.column;
          case "rowCount":
            return extent.rowCount;
          case "columnCount":
            return extent.columnCount;
          case "values":
            return cells(valueOf);
          case "valueTypes":
            return cells(typeOf);
          case "formulas":
            return cells((cell) => cell?.formula ?? (cell?.error !== undefined ? cell.error : (cell?.value ?? "")));
          case "numberFormat":
            return cells((cell) => cell?.numberFormat ?? "General");
          default:
            return fail("InvalidArgument", `the fake does not model Range.${property}`);
        }
      },
      reads,
    );
    return this;
  }

  getCellProperties(options: CellPropertiesOptions): { readonly value: unknown[][] } {
    const { format, ...rest } = options;
    const { font = {}, fill = {}, ...otherFormat } = format ?? {};
    const { strikethrough = false, bold = false, ...otherFont } = font;
    const { color = false, ...otherFill } = fill;
    if ([rest, otherFormat, otherFont, otherFill].some((other) => Object.keys(other).length > 0)) {
      fail(
        "InvalidArgument",
        "the fake models getCellProperties for font bold and strikethrough, fill color and width",
      );
    }
    let value: unknown[][] | undefined;
    this.context.queue({
      requestBytes: COMMAND_BYTES,
      run: () => {
        const { sheet, extent } = this.target();
        // The adapter's reads ask for strike-through alone, over millions of cells: one literal each.
        const struckOnly = strikethrough && !bold && !color;
        const properties = mapCells(sheet, extent, (cell) => {
          if (struckOnly) return { format: { font: { strikethrough: cell?.struck === true } } };
          const cellFormat: Record<string, unknown> = {};
          if (strikethrough || bold) {
            cellFormat.font = {
              ...(bold ? { bold: cell?.bold === true } : {}),
              ...(strikethrough ? { strikethrough: cell?.struck === true } : {}),
            };
          }
          // Excel reports no fill as white.
          if (color) cellFormat.fill = { color: cell?.fill ?? "#FFFFFF" };
          return { format: cellFormat };
        });
        return { responseBytes: JSON.stringify(properties).length, publish: () => (value = properties) };
      },
    });
    return {
      get value(): unknown[][] {
        if (value === undefined)
          return fail("PropertyNotLoaded", "Call context.sync() before reading ClientResult.value.");
        return value;
      },
    };
  }

  /** Range.getColumnProperties for each column's index and width (ExcelApi 1.9). */
  getColumnProperties(options: { columnIndex?: boolean; format?: { columnWidth?: boolean } }): {
    readonly value: unknown[];
  } {
    const { columnIndex = false, format = {}, ...rest } = options;
    const { columnWidth = false, ...otherFormat } = format;
    if (Object.keys(rest).length > 0 || Object.keys(otherFormat).length > 0) {
      fail("InvalidArgument", "the fake models getColumnProperties for columnIndex and format.columnWidth");
    }
    let value: unknown[] | undefined;
    this.context.queue({
      requestBytes: COMMAND_BYTES,
      run: () => {
        const { sheet, extent } = this.target();
        const properties = Array.from({ length: extent.columnCount }, (_, i) => ({
          ...(columnIndex ? { columnIndex: extent.column + i } : {}),
          // An unset width is Excel's default, 8.43 characters: 48 points.
          ...(columnWidth ? { format: { columnWidth: sheet.columnWidths.get(extent.column + i) ?? 48 } } : {}),
        }));
        return { responseBytes: JSON.stringify(properties).length, publish: () => (value = properties) };
      },
    });
    return {
      get value(): unknown[] {
        if (value === undefined)
          return fail("PropertyNotLoaded", "Call context.sync() before reading ClientResult.value.");
        return value;
      },
    };
  }

  select(): void {
    this.queueAction(0, () => {
      const { sheet, extent } = this.target();
      if (sheet.visibility !== "Visible") fail("InvalidSelection", "A range on a hidden sheet cannot be selected.");
      this.context.excel.selection = { sheet: sheet.name, address: toAddress(extent) };
    });
  }
}

/** The part of Excel.CellPropertiesLoadOptions the fake models. */
interface CellPropertiesOptions {
  readonly format?: {
    readonly font?: { readonly strikethrough?: boolean; readonly bold?: boolean };
    readonly fill?: { readonly color?: boolean };
  };
}

function forEachCell(extent: Extent, visit: (row: number, column: number) => void): void {
  for (let r = extent.row; r < extent.row + extent.rowCount; r++) {
    for (let c = extent.column; c < extent.column + extent.columnCount; c++) visit(r, c);
  }
}

function mapCells<T>(sheet: FakeSheet, extent: Extent, pick: (cell: FakeCell | undefined, column: number) => T): T[][] {
  const out: T[][] = [];
  for (let r = extent.row; r < extent.row + extent.rowCount; r++) {
    const cells = sheet.rows.get(r);
    const row: T[] = new Array<T>(extent.columnCount);
    for (let c = 0; c < extent.columnCount; c++) row[c] = pick(cells?.[extent.column + c], extent.column + c);
    out.push(row);
  }
  return out;
}

function valueOf(cell: FakeCell | undefined): unknown {
  if (cell === undefined) return "";
  if (cell.error !== undefined) return cell.error;
  if (cell.formula !== undefined) return cell.value ?? 0;
  return cell.value ?? "";
}

function typeOf(cell: FakeCell | undefined): string {
  if (cell === undefined) return "Empty";
  if (cell.error !== undefined) return "Error";
  const value = cell.formula !== undefined ? (cell.value ?? 0) : cell.value;
  if (value === undefined || value === "") return "Empty";
  if (typeof value === "number") return "Double";
  if (typeof value === "boolean") return "Boolean";
  return "String";
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function withFormat(cell: FakeCell, format: unknown): FakeCell {
  const rest: Mutable<FakeCell> = { ...cell };
  delete rest.numberFormat;
  return format === "" || format === "General" ? rest : { ...rest, numberFormat: String(format) };
}

// What Excel does with an entry of `values` or `formulas`, as if it were typed: text in a cell
// formatted "@" stays text; otherwise "=…" is a formula, "+x"/"-x"/"@x" become formulas too, and
// text that reads as a number, TRUE/FALSE or a day-month date is converted.
function enter(cell: FakeCell, input: unknown): FakeCell {
  const rest: Mutable<FakeCell> = { ...cell };
  delete rest.value;
  delete rest.formula;
  delete rest.error;
  if (input === "") return rest;
  if (typeof input === "number" || typeof input === "boolean") return { ...rest, value: input };
  const text = String(input);
  if (cell.numberFormat === "@") return { ...rest, value: text };
  if (text.length > 1 && text.startsWith("=")) return { ...rest, formula: text };
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return { ...rest, value: Number(text) };
  if (/^(true|false)$/i.test(text)) return { ...rest, value: text.toLowerCase() === "true" };
  const date = /^(\d{1,2})[-/](\d{1,2})$/.exec(text);
  if (date) {
    const serial = Date.UTC(2026, Number(date[2]) - 1, Number(date[1])) / 86_400_000 + 25_569;
    return { ...rest, value: serial, numberFormat: "d-mmm" };
  }
  if (text.length > 1 && /^[+\-@]/.test(text)) return { ...rest, formula: `=${text}` };
  return { ...rest, value: text };
}

function parseAddress(address: string): Extent {
  const match = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(address.trim());
  if (!match) return fail("InvalidArgument", `The fake cannot parse the address ${address}.`);
  const [, c1 = "A", r1 = "1", c2 = c1, r2 = r1] = match;
  const left = columnIndex(c1);
  const right = columnIndex(c2);
  const top = Number(r1) - 1;
  const bottom = Number(r2) - 1;
  return {
    row: Math.min(top, bottom),
    column: Math.min(left, right),
    rowCount: Math.abs(bottom - top) + 1,
    columnCount: Math.abs(right - left) + 1,
  };
}

function columnIndex(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

function columnLetters(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function toAddress(extent: Extent): string {
  const start = `${columnLetters(extent.column)}${String(extent.row + 1)}`;
  if (extent.rowCount === 1 && extent.columnCount === 1) return start;
  const end = `${columnLetters(extent.column + extent.columnCount - 1)}${String(extent.row + extent.rowCount)}`;
  return `${start}:${end}`;
}

function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

// An in-memory Excel of exactly the Office.js subset src/excel uses, with the semantics that make
// the adapter's discipline testable: proxies whose properties can be read only after load() and
// context.sync(), a count of syncs, each sync's request and response measured (as JSON) and
// refused over Excel on the web's 5 MB, protection, cell-edit mode and injected faults. It does
// not calculate: a formula cell keeps its formula and whatever cached value it was given.
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
}

/** Makes sync number `at` (1-based, over the fake's life) fail with `code` after `afterOps` commands. */
export interface Fault {
  readonly at: number;
  readonly code: string;
  readonly afterOps?: number;
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

interface Extent {
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
  payloadLimit = 5_000_000;
  faults: Fault[] = [];
  /** Called after each successful sync, to change the workbook "meanwhile" (another user). */
  afterSync: ((index: number) => void) | null = null;
  readonly syncs: SyncRecord[] = [];
  active: FakeSheet | null = null;
  selection: { readonly sheet: string; readonly address: string } | null = null;
  private nextId = 1;

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
    const record = (requestBytes: number, responseBytes: number, reads: number): void => {
      const visible = excel.sheets.filter((s) => s.visibility === "Visible").map((s) => s.name);
      const sheets = excel.sheets.map((s) => s.name);
      excel.syncs.push({ index, requestBytes, responseBytes, reads, sheets, visible });
    };
    try {
      if (excel.cellEditMode) {
        fail("InvalidOperationInCellEditMode", "The operation isn't available while Excel is in cell-edit mode.");
      }
      const requestBytes = commands.reduce((sum, command) => sum + command.requestBytes, 0);
      const reads = commands.reduce((sum, command) => sum + (command.reads ?? 0), 0);
      if (requestBytes > excel.payloadLimit) {
        record(requestBytes, 0, reads);
        fail("RequestPayloadSizeLimitExceeded", `The request payload (${String(requestBytes)} bytes) is too large.`);
      }
      const fault = excel.faults.find((f) => f.at === index);
      let responseBytes = 0;
      const publish: (() => void)[] = [];
      commands.forEach((command, n) => {
        if (fault !== undefined && n >= (fault.afterOps ?? 0))
          fail(fault.code, `injected fault at sync ${String(index)}`);
        const result = command.run();
        responseBytes += result.responseBytes;
        if (result.publish) publish.push(result.publish);
      });
      if (fault !== undefined) fail(fault.code, `injected fault at sync ${String(index)}`);
      record(requestBytes, responseBytes, reads);
      if (responseBytes > excel.payloadLimit) {
        fail("ResponsePayloadSizeLimitExceeded", `The response payload (${String(responseBytes)} bytes) is too large.`);
      }
      for (const p of publish) p();
      excel.afterSync?.(index);
      return Promise.resolve();
    } catch (error: unknown) {
      if (excel.syncs.length < index) record(0, 0, 0);
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

  constructor(context: FakeContext) {
    this.worksheets = new FakeWorksheetCollection(context);
    this.protection = new FakeWorkbookProtection(context);
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
  readonly freezePanes: { freezeRows: (count?: number) => void };
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
      freezeRows: (count = 1) => this.action(0, (sheet) => (sheet.frozenRows = count)),
    };
    // A chart is recorded when the sync that adds it runs, with the title and position set before.
    this.charts = {
      add: (type, range, seriesBy) => {
        const chart = { title: { text: "" }, at: null as string | null, setPosition: (at: string) => (chart.at = at) };
        this.action(0, (sheet) =>
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

  private live(): FakeSheet {
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
    this.action(visibility.length, (sheet) => {
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

  private action(requestBytes: number, act: (sheet: FakeSheet) => void): void {
    this.queueAction(requestBytes, () => act(this.live()));
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
    this.action(0, (sheet) => {
      const excel = this.context.excel;
      if (excel.protected) fail("AccessDenied", "The workbook is protected.");
      const visible = excel.sheets.filter((s) => s.visibility === "Visible");
      if (visible.length === 1 && visible[0] === sheet) {
        fail("InvalidOperation", "A workbook must contain at least one visible worksheet.");
      }
      excel.sheets.splice(excel.sheets.indexOf(sheet), 1);
      if (excel.active === sheet) excel.active = visible.find((s) => s !== sheet) ?? null;
      if (excel.selection?.sheet === sheet.name) excel.selection = null;
    });
  }

  activate(): void {
    this.action(0, (sheet) => {
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
        write(1, (sheet, extent) => {
          forEachCell(extent, (r, c) => sheet.setCell(r, c, { ...sheet.cell(r, c), bold }));
        });
      },
    };
    const write = (bytes: number, act: (sheet: FakeSheet, extent: Extent) => void): void =>
      this.queueAction(bytes, () => {
        const { sheet, extent } = this.target();
        if (sheet.protected) fail("AccessDenied", "The cell or chart you're trying to change is on a protected sheet.");
        act(sheet, extent);
      });
    this.format = {
      font,
      get columnWidth(): number {
        return fail("PropertyNotLoaded", "the fake does not load columnWidth");
      },
      set columnWidth(width: number) {
        write(8, (sheet, extent) => {
          for (let c = extent.column; c < extent.column + extent.columnCount; c++) sheet.columnWidths.set(c, width);
        });
      },
    };
    this.writeCells = (property, data) => {
      const bytes = JSON.stringify(data).length;
      write(bytes, (sheet, extent) => {
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

  getCellProperties(options: { format?: { font?: { strikethrough?: boolean } } }): { readonly value: unknown[][] } {
    const keys = Object.keys(options.format?.font ?? {});
    if (keys.join() !== "strikethrough" || Object.keys(options).join() !== "format") {
      fail("InvalidArgument", "the fake models getCellProperties for format.font.strikethrough only");
    }
    let value: unknown[][] | undefined;
    this.context.queue({
      requestBytes: COMMAND_BYTES,
      run: () => {
        const { sheet, extent } = this.target();
        const properties = mapCells(sheet, extent, (cell) => ({
          format: { font: { strikethrough: cell?.struck === true } },
        }));
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

  select(): void {
    this.queueAction(0, () => {
      const { sheet, extent } = this.target();
      if (sheet.visibility !== "Visible") fail("InvalidSelection", "A range on a hidden sheet cannot be selected.");
      this.context.excel.selection = { sheet: sheet.name, address: toAddress(extent) };
    });
  }
}

function forEachCell(extent: Extent, visit: (row: number, column: number) => void): void {
  for (let r = extent.row; r < extent.row + extent.rowCount; r++) {
    for (let c = extent.column; c < extent.column + extent.columnCount; c++) visit(r, c);
  }
}

function mapCells<T>(sheet: FakeSheet, extent: Extent, pick: (cell: FakeCell | undefined) => T): T[][] {
  const out: T[][] = [];
  for (let r = extent.row; r < extent.row + extent.rowCount; r++) {
    const cells = sheet.rows.get(r);
    const row: T[] = new Array<T>(extent.columnCount);
    for (let c = 0; c < extent.columnCount; c++) row[c] = pick(cells?.[extent.column + c]);
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

import { type CellValue, columnLetter, readCell, type SheetGrid } from "../core";
import { h, replaceChildren } from "../taskpane/dom";

// Rows drawn at once. A council workbook can have tens of thousands of rows; drawing them all
// would freeze the page, so the preview shows a window and moves it to a revealed cell.
const WINDOW = 2000;

/**
 * The standalone page's preview of one sheet as an HTML table with Excel's row numbers and column
 * letters, where a problem's cell is scrolled to and highlighted. Cell text is set as text.
 *
 * @example
 * const preview = new SheetPreview(scrollBox, status);
 * preview.show(grid);
 * preview.highlight("D308");
 */
export class SheetPreview {
  private readonly scroller: HTMLElement;
  private readonly status: HTMLElement;
  private grid: SheetGrid | null = null;
  private first = 0;
  private cells = new Map<string, HTMLTableCellElement>();
  private highlighted: HTMLTableCellElement | null = null;

  constructor(scroller: HTMLElement, status: HTMLElement) {
    this.scroller = scroller;
    this.status = status;
  }

  /** The sheet shown, or null. */
  get sheetName(): string | null {
    return this.grid?.name ?? null;
  }

  /** Shows a sheet from its first row. */
  show(grid: SheetGrid): void {
    this.grid = grid;
    this.render(0);
    this.scroller.scrollTo({ top: 0, left: 0 });
    this.scroller.setAttribute("aria-label", `Preview of sheet ${grid.name}`);
    this.status.textContent = `Sheet "${grid.name}": ${String(grid.rows.length)} rows.`;
  }

  /**
   * Scrolls to a cell of the sheet shown and highlights it.
   *
   * @returns the text of the cell
   */
  highlight(ref: string): string {
    const grid = this.grid;
    if (grid === null) return "";
    const match = /^([A-Z]+)(\d+)$/.exec(ref);
    const row = match === null ? 0 : Number(match[2]) - 1;
    if (row < this.first || row >= this.first + WINDOW) this.render(Math.max(0, row - WINDOW / 2));
    this.highlighted?.classList.remove("ec-revealed");
    this.highlighted?.removeAttribute("aria-current");
    const cell = this.cells.get(ref) ?? null;
    this.highlighted = cell;
    if (cell === null) {
      this.status.textContent = `Cell ${ref} of "${grid.name}" is beyond the sheet's data.`;
      return "";
    }
    cell.classList.add("ec-revealed");
    cell.setAttribute("aria-current", "true");
    cell.scrollIntoView({ block: "center", inline: "nearest" });
    const text = cell.textContent ?? "";
    this.status.textContent = `Showing ${grid.name}!${ref}${text === "" ? " (empty)" : `: ${text}`}.`;
    return text;
  }

  private render(first: number): void {
    const grid = this.grid;
    if (grid === null) return;
    this.first = first;
    this.cells = new Map();
    this.highlighted = null;
    const last = Math.min(grid.rows.length, first + WINDOW);
    // At least to column J and to the last row, so a problem on a blank cell still has a place.
    let width = 10;
    for (let r = first; r < last; r += 1) width = Math.max(width, grid.rows[r]?.length ?? 0);
    const head = h(
      "tr",
      {},
      h("th", { class: "ec-corner" }, h("span", { class: "ec-visually-hidden" }, "Row")),
      ...Array.from({ length: width }, (_, c) => h("th", { scope: "col" }, columnLetter(c))),
    );
    const body = document.createDocumentFragment();
    for (let r = first; r < Math.max(last, first + 1); r += 1) {
      const tr = h("tr", {}, h("th", { scope: "row" }, String(r + 1)));
      for (let c = 0; c < width; c += 1) {
        const read = readCell(grid.rows, r, c);
        const ref = `${columnLetter(c)}${String(r + 1)}`;
        const td = h("td", { "data-ref": ref }, read.error ?? display(read.value));
        if (read.struck) td.classList.add("ec-struck");
        if (read.error !== null) td.classList.add("ec-error-value");
        if (typeof read.value === "number") td.classList.add("ec-number");
        this.cells.set(ref, td);
        tr.append(td);
      }
      body.append(tr);
    }
    const caption = h(
      "caption",
      { class: "ec-visually-hidden" },
      `Sheet ${grid.name}, rows ${String(first + 1)} to ${String(Math.max(last, first + 1))}`,
    );
    const notes: HTMLElement[] = [];
    if (first > 0) notes.push(h("p", { class: "ec-hint" }, `Rows 1 to ${String(first)} are not shown.`));
    const table = h("table", { class: "ec-grid" }, caption, h("thead", {}, head), h("tbody", {}, body));
    const after =
      last < grid.rows.length
        ? h("p", { class: "ec-hint" }, `Rows ${String(last + 1)} to ${String(grid.rows.length)} are not shown.`)
        : null;
    replaceChildren(this.scroller, ...notes, table, after);
  }
}

function display(value: CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(6)));
  return typeof value === "boolean" ? (value ? "TRUE" : "FALSE") : value;
}

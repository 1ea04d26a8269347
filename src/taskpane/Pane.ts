import {
  CostingError,
  findSheets,
  findTitleMapSheet,
  formatPounds,
  type Problem,
  type Reduction,
  readTitleMap,
  buildReduction,
  type Severity,
  type SheetGrid,
  type SheetRoles,
  validateWorkbook,
  type WorkbookValidation,
  parseYear,
} from "../core";
import { DEFAULT_PANE_SETTINGS, type PaneSettings, toReductionSettings } from "../host/PaneSettings";
import { HostError, type Progress, type WorkbookHost } from "../host/WorkbookHost";
import { UnusableFileError } from "../xlsx/UnusableFileError";
import { h, replaceChildren } from "./dom";
import {
  checkFlatRate,
  checkPayYear,
  checkPension,
  checkTaxYear,
  readBudget,
  readStandardHours,
} from "./settingsFields";

/** A reduction written into the workbook: what was built and the names of the sheets it added. */
export interface BuiltReduction {
  readonly reduction: Reduction;
  readonly sheets: readonly string[];
}

/** What the page around the pane gives it besides the host. */
export interface PaneOptions {
  /** The product version stamped on the outputs (package.json's). */
  readonly version: string;
  /** Today as an ISO date, stamped on the outputs; a parameter so tests can fix it. */
  readonly today?: () => string;
  /**
   * Called after a build has written its outputs, with a container below the summary: the
   * standalone page draws its inline chart and download link there; the Excel host may add a
   * native chart. An error it throws is shown to the user.
   */
  readonly afterBuild?: (built: BuiltReduction, container: HTMLElement) => void | Promise<void>;
}

type Role = keyof PaneSettings["sheets"];
type TextField = "payYear" | "taxYear" | "pension" | "flatRate" | "standardHours" | "budget";

const ROLES: readonly { role: Role; label: string }[] = [
  { role: "current", label: "Current establishment" },
  { role: "proposed", label: "Proposed establishment" },
  { role: "grades", label: "Grades table" },
  { role: "titleMap", label: "Title map (optional)" },
];

const SEVERITIES: readonly { severity: Severity; heading: string; one: string; many: string }[] = [
  { severity: "error", heading: "Errors", one: "error", many: "errors" },
  { severity: "warning", heading: "Warnings", one: "warning", many: "warnings" },
  { severity: "info", heading: "Info", one: "info", many: "info" },
];

// A long list is shown a page at a time: thousands of buttons make the pane slow and a keyboard
// user's Tab key useless.
const PAGE = 200;

/** Sheets the user chose, by role (a role left out is found by name). */
type GivenRoles = { -readonly [K in keyof SheetRoles]?: string };

/** A message for the user that says what happened and what to do. */
class PaneError extends Error {}

let nextId = 0;

/**
 * The task pane: sheet pickers, costing settings, Validate (problems grouped by severity, each
 * taking the user to its cell) and Build (the reduction's output sheets written into the workbook,
 * with a summary). It knows the workbook only through a {@link WorkbookHost}, so the same pane runs
 * in Excel and in the standalone page. Everything is plain DOM, text is set as text, and it is
 * usable by keyboard alone and with a screen reader (labelled controls, a live status line, an
 * alert for failures).
 *
 * @example
 * const pane = new Pane(document.getElementById("pane")!, new BrowserHost(workbook), { version: "0.1.0" });
 * await pane.load();
 * await pane.validate();
 */
export class Pane {
  private readonly host: WorkbookHost;
  private readonly options: PaneOptions;
  private readonly id = `ec${String((nextId += 1))}`;
  private settings: PaneSettings = DEFAULT_PANE_SETTINGS;
  private names: string[] = [];
  private busy = false;
  private readonly invalid = new Map<TextField, string>();
  private saving: Promise<void> = Promise.resolve();
  private shown: { problems: readonly Problem[]; limit: Record<Severity, number> } | null = null;

  private readonly pickers = new Map<Role, HTMLSelectElement>();
  private readonly inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();
  private readonly fieldErrors = new Map<TextField, HTMLElement>();
  private readonly validateButton: HTMLButtonElement;
  private readonly buildButton: HTMLButtonElement;
  private readonly progress: HTMLProgressElement;
  private readonly progressLabel: HTMLElement;
  private readonly progressBox: HTMLElement;
  private readonly status: HTMLElement;
  private readonly alert: HTMLElement;
  private readonly results: HTMLElement;
  private readonly problemsSection: HTMLElement;
  private readonly filters = new Map<Severity, HTMLInputElement>();
  private readonly problemGroups: HTMLElement;
  private readonly problemSummary: HTMLElement;
  private readonly root: HTMLElement;

  constructor(root: HTMLElement, host: WorkbookHost, options: PaneOptions) {
    this.root = root;
    this.host = host;
    this.options = options;
    this.validateButton = h("button", { type: "button", class: "ec-button" }, "Validate");
    this.buildButton = h("button", { type: "button", class: "ec-button ec-primary" }, "Build outputs");
    this.progressLabel = h("span", { id: this.idOf("progress-label"), class: "ec-progress-label" });
    this.progress = h("progress", { max: "1", value: "0", "aria-labelledby": this.idOf("progress-label") });
    this.progressBox = h("div", { class: "ec-progress", hidden: true }, this.progressLabel, this.progress);
    this.status = h("p", { class: "ec-status", role: "status", "aria-live": "polite" });
    this.alert = h("div", { class: "ec-alert", role: "alert", hidden: true });
    this.results = h("section", { class: "ec-results", "aria-labelledby": this.idOf("results-h"), hidden: true });
    this.problemSummary = h("p", { class: "ec-summary" });
    this.problemGroups = h("div", { class: "ec-groups" });
    this.problemsSection = h(
      "section",
      { class: "ec-problems", "aria-labelledby": this.idOf("problems-h"), hidden: true },
      h("h2", { id: this.idOf("problems-h") }, "Problems"),
      this.problemSummary,
      this.filterControls(),
      this.problemGroups,
    );
    this.validateButton.addEventListener("click", () => void this.validate());
    this.buildButton.addEventListener("click", () => void this.build());

    root.classList.add("ec-pane");
    replaceChildren(
      root,
      this.sheetSection(),
      this.settingsSection(),
      h(
        "section",
        { class: "ec-actions", "aria-label": "Actions" },
        h("div", { class: "ec-buttons" }, this.validateButton, this.buildButton),
        this.progressBox,
        this.status,
        this.alert,
      ),
      this.results,
      this.problemsSection,
    );
  }

  /**
   * Reads the workbook's sheet names and stored settings and fills the pickers: a sheet the
   * settings name is kept when it still exists, the rest are found by name.
   *
   * @example
   * await pane.load()
   */
  async load(): Promise<void> {
    await this.run("Reading the workbook", async () => {
      const [names, stored] = await Promise.all([this.host.sheetNames(), this.host.loadSettings()]);
      this.settings = stored ?? DEFAULT_PANE_SETTINGS;
      this.names = names;
      const keep = (name: string | null): string | null => (name !== null && names.includes(name) ? name : null);
      const given: GivenRoles = {};
      for (const role of ["current", "proposed", "grades"] as const) {
        const name = keep(this.settings.sheets[role]);
        if (name !== null) given[role] = name;
      }
      const found = findSheets(names, given);
      const taken = new Set([found.current, found.proposed, found.grades].filter((name) => name !== null));
      const titleMap = keep(this.settings.sheets.titleMap) ?? findTitleMapSheet(names, taken);
      this.settings = { ...this.settings, sheets: { ...found, titleMap } };
      this.fillPickers();
      this.fillSettings();
      const { current, proposed, grades } = this.settings.sheets;
      this.say(
        current === null && proposed === null
          ? "No sheet is named like a current or proposed establishment: choose the sheets under Sheets, then press Validate."
          : `Found current: ${current ?? "none"}, proposed: ${proposed ?? "none"}, grades: ${grades ?? "none"}. Change them under Sheets if they are wrong, then press Validate.`,
      );
    });
  }

  /**
   * Reads the chosen sheets, validates them and lists the problems.
   *
   * @example
   * (await pane.validate())?.counts //=> { error: 3, warning: 39, info: 151 }
   */
  async validate(): Promise<WorkbookValidation | null> {
    return this.run("Validating", async () => {
      const { validation } = await this.readAndValidate();
      this.showProblems(validation.problems);
      const { error, warning, info } = validation.counts;
      this.say(
        `Checked ${describeRoles(validation.roles)}: ${countText(error, "error")}, ${countText(warning, "warning")} and ${String(info)} info. ${
          error > 0 ? "Select a problem to go to its cell." : "Press Build outputs to build the reduction table."
        }`,
      );
      return validation;
    });
  }

  /**
   * Validates, builds the reduction (as `estab reduce` does), writes its output sheets into the
   * workbook through the host and shows where they went, a summary and the chart.
   *
   * @example
   * (await pane.build())?.reduction.table.total.proposedFte //=> 386.58
   */
  async build(): Promise<BuiltReduction | null> {
    return this.run("Building", async () => {
      const settings = toReductionSettings(this.settings);
      const { validation, mapGrid } = await this.readAndValidate();
      const titleMap = mapGrid === null ? new Map<string, readonly string[]>() : readTitleMap(mapGrid).map;
      const reduction = buildReduction(validation, titleMap, settings, {
        builtOn: this.options.today?.() ?? new Date().toISOString().slice(0, 10),
        version: this.options.version,
      });
      this.showProblems(reduction.problems);
      this.showProgress("Writing the output sheets", 0, 1);
      const sheets = await this.host.writeOutputs(reduction, this.progressCallback("Writing the output sheets"));
      const built = { reduction, sheets };
      await this.refreshNames();
      const extra = this.showResults(built);
      const total = reduction.table.total;
      this.say(
        `Built: added ${sheets.join(", ")}. Current ${fte(total.currentFte)} FTE, proposed ${fte(total.proposedFte)} FTE, saving ${money(total.saving)}.`,
      );
      if (this.options.afterBuild !== undefined) {
        try {
          await this.options.afterBuild(built, extra);
        } catch (error: unknown) {
          this.showAlert(
            `The output sheets were written, but the chart or download could not be shown: ${messageOf(error)} Build again to retry.`,
          );
        }
      }
      return built;
    });
  }

  /** The pane's root element. */
  get element(): HTMLElement {
    return this.root;
  }

  // --- building the DOM --------------------------------------------------------------------------

  private idOf(name: string): string {
    return `${this.id}-${name}`;
  }

  private sheetSection(): HTMLElement {
    const fields = ROLES.map(({ role, label }) => {
      const select = h("select", { id: this.idOf(`sheet-${role}`), class: "ec-input", "data-role": role });
      select.addEventListener("change", () => {
        const value = select.value === "" ? null : select.value;
        this.settings = { ...this.settings, sheets: { ...this.settings.sheets, [role]: value } };
        this.markStale();
        this.save();
      });
      this.pickers.set(role, select);
      return h("div", { class: "ec-field" }, h("label", { for: select.id }, label), select);
    });
    return h(
      "section",
      { class: "ec-section", "aria-labelledby": this.idOf("sheets-h") },
      h("h2", { id: this.idOf("sheets-h") }, "Sheets"),
      h("p", { class: "ec-hint" }, "Found by their names; change any that are wrong."),
      ...fields,
    );
  }

  private settingsSection(): HTMLElement {
    const text = (
      field: TextField,
      label: string,
      hint: string,
      check: (value: string) => string | null,
      inputmode?: string,
    ): HTMLElement => {
      const id = this.idOf(field);
      const hintId = `${id}-hint`;
      const errorId = `${id}-error`;
      const input = h("input", {
        id,
        class: "ec-input",
        type: "text",
        inputmode,
        autocomplete: "off",
        spellcheck: "false",
        "aria-describedby": `${hintId} ${errorId}`,
      });
      const error = h("p", { id: errorId, class: "ec-field-error", hidden: true });
      this.fieldErrors.set(field, error);
      this.inputs.set(field, input);
      input.addEventListener("change", () => this.changeText(field, input.value, check));
      return h(
        "div",
        { class: "ec-field" },
        h("label", { for: id }, label),
        input,
        h("p", { id: hintId, class: "ec-hint" }, hint),
        error,
      );
    };
    const choice = (
      field: "niCategory" | "niMethod" | "point",
      label: string,
      options: readonly (readonly [string, string])[],
    ): HTMLElement => {
      const id = this.idOf(field);
      const select = h(
        "select",
        { id, class: "ec-input" },
        ...options.map(([value, text]) => h("option", { value }, text)),
      );
      this.inputs.set(field, select);
      select.addEventListener("change", () => {
        this.settings = { ...this.settings, [field]: select.value };
        this.markStale();
        this.save();
      });
      return h("div", { class: "ec-field" }, h("label", { for: id }, label), select);
    };
    const check = (field: "levy" | "namedList", label: string): HTMLElement => {
      const id = this.idOf(field);
      const box = h("input", { id, type: "checkbox", class: "ec-check" });
      this.inputs.set(field, box);
      box.addEventListener("change", () => {
        this.settings = { ...this.settings, [field]: box.checked };
        this.markStale();
        this.save();
      });
      return h("div", { class: "ec-field ec-check-field" }, box, h("label", { for: id }, label));
    };
    return h(
      "details",
      { class: "ec-section ec-settings" },
      h("summary", {}, h("h2", { class: "ec-summary-heading" }, "Costing settings")),
      h("p", { class: "ec-hint" }, "Kept in the workbook, so they travel with it."),
      text("payYear", "Pay year", "Salaries from the NJC spine of this year, e.g. 2025/26.", checkPayYear),
      text("taxYear", "Tax year", "Employer NI and levy of this year, e.g. 2026/27.", checkTaxYear),
      text("pension", "Employer pension", "19.5%, 0.195 or TPS; blank for none.", checkPension),
      choice("niCategory", "NI category", [
        ["A", "A: standard"],
        ["D", "D: contracted out (to 2015/16)"],
        ["M", "M: under 21"],
        ["H", "H: apprentice under 25"],
      ]),
      choice("niMethod", "NI method", [
        ["annual", "Annual"],
        ["monthly", "Monthly, as payroll works it"],
      ]),
      check("levy", "Apprenticeship levy"),
      text(
        "flatRate",
        "Flat on-cost rate",
        "e.g. 30% of pay instead of NI, pension and levy; blank for none.",
        checkFlatRate,
        "decimal",
      ),
      choice("point", "Costing point of a grade", [
        ["top", "Top of the grade"],
        ["mid", "Middle of the grade"],
        ["bottom", "Bottom of the grade"],
      ]),
      text(
        "standardHours",
        "Standard weekly hours",
        "Hours of a full-time week, e.g. 37.",
        (value) =>
          readStandardHours(value) === null
            ? `"${value}" is not a number of hours: write, for example, 37 or 36.`
            : null,
        "decimal",
      ),
      text(
        "budget",
        "Current budget (£)",
        "The saving against it is budget minus proposed cost; blank for none.",
        (value) =>
          readBudget(value) === undefined
            ? `"${value}" is not an amount of money: write pounds, such as 16653800 or £16,653,800.`
            : null,
        "decimal",
      ),
      // Issue 7: the post lists count post-holders; names only when the user asks for them.
      check("namedList", "Name post-holders in the post lists"),
    );
  }

  private filterControls(): HTMLElement {
    const boxes = SEVERITIES.map(({ severity, heading }) => {
      const id = this.idOf(`show-${severity}`);
      // Info records what was done automatically; it is there on request, not in the way.
      const box = h("input", { id, type: "checkbox", class: "ec-check", checked: severity !== "info" });
      box.addEventListener("change", () => this.applyFilter());
      this.filters.set(severity, box);
      return h("div", { class: "ec-check-field" }, box, h("label", { for: id, id: `${id}-label` }, heading));
    });
    return h("fieldset", { class: "ec-filter" }, h("legend", {}, "Show"), ...boxes);
  }

  private fillPickers(): void {
    for (const [role, select] of this.pickers) {
      const chosen = this.settings.sheets[role];
      replaceChildren(
        select,
        h("option", { value: "" }, role === "titleMap" ? "(none)" : "(none chosen)"),
        ...this.names.map((name) => h("option", { value: name }, name)),
      );
      select.value = chosen !== null && this.names.includes(chosen) ? chosen : "";
    }
  }

  private fillSettings(): void {
    const s = this.settings;
    const values: Record<string, string> = {
      payYear: s.payYear,
      taxYear: s.taxYear,
      pension: s.pension,
      niCategory: s.niCategory,
      niMethod: s.niMethod,
      flatRate: s.flatRate,
      point: s.point,
      standardHours: String(s.standardHours),
      budget: s.budget === null ? "" : String(s.budget),
    };
    for (const [field, input] of this.inputs) {
      if (input instanceof HTMLInputElement && input.type === "checkbox") {
        input.checked = field === "namedList" ? s.namedList : s.levy;
      } else input.value = values[field] ?? "";
    }
  }

  // --- settings ------------------------------------------------------------------------------------

  private changeText(field: TextField, value: string, check: (value: string) => string | null): void {
    const problem = check(value);
    const error = this.fieldErrors.get(field);
    const input = this.inputs.get(field);
    if (problem !== null) {
      this.invalid.set(field, problem);
      if (error) {
        error.textContent = problem;
        error.hidden = false;
      }
      input?.setAttribute("aria-invalid", "true");
      return;
    }
    this.invalid.delete(field);
    if (error) {
      error.textContent = "";
      error.hidden = true;
    }
    input?.removeAttribute("aria-invalid");
    if (field === "standardHours") {
      this.settings = { ...this.settings, standardHours: readStandardHours(value) ?? this.settings.standardHours };
    } else if (field === "budget") {
      this.settings = { ...this.settings, budget: readBudget(value) ?? null };
    } else {
      this.settings = { ...this.settings, [field]: value.trim() };
    }
    this.markStale();
    this.save();
  }

  private save(): void {
    const settings = this.settings;
    // One save at a time, in order, so that the last change is the one the workbook keeps.
    this.saving = this.saving.then(async () => {
      try {
        await this.host.saveSettings(settings);
      } catch (error: unknown) {
        this.showAlert(
          `Your settings could not be saved in the workbook: ${messageOf(error)} They still apply until the ${this.host.kind === "excel" ? "pane is closed" : "page is closed"}.`,
        );
      }
    });
  }

  private checkSettings(): void {
    if (this.invalid.size === 0) return;
    const labels = [...this.invalid.keys()].map((field) => {
      const input = this.inputs.get(field);
      return input?.labels?.[0]?.textContent ?? field;
    });
    const details = this.root.querySelector<HTMLDetailsElement>("details.ec-settings");
    if (details) details.open = true;
    throw new PaneError(
      `Correct the costing settings marked in red first (${labels.join(", ")}): ${[...this.invalid.values()][0] ?? ""}`,
    );
  }

  // --- validate and build --------------------------------------------------------------------------

  private async readAndValidate(): Promise<{ validation: WorkbookValidation; mapGrid: SheetGrid | null }> {
    this.checkSettings();
    await this.refreshNames();
    const { current, proposed, grades, titleMap } = this.settings.sheets;
    if (current === null && proposed === null) {
      throw new PaneError(
        "No current or proposed establishment sheet is chosen: choose them under Sheets, then try again.",
      );
    }
    const roles = [current, proposed, grades].filter((name): name is string => name !== null);
    const names = [...new Set(titleMap === null ? roles : [...roles, titleMap])];
    for (const name of names) {
      if (!this.names.includes(name)) {
        throw new PaneError(`The sheet "${name}" is no longer in the workbook: choose another under Sheets.`);
      }
    }
    this.showProgress("Reading the sheets", 0, names.length);
    const grids = await this.host.readSheets(names, this.progressCallback("Reading the sheets"));
    const gridOf = (name: string | null): SheetGrid | null =>
      name === null ? null : (grids.find((grid) => grid.name === name) ?? null);
    const sheets: GivenRoles = {};
    if (current !== null) sheets.current = current;
    if (proposed !== null) sheets.proposed = proposed;
    if (grades !== null) sheets.grades = grades;
    this.showProgress("Checking the sheets", 1, 1);
    // Only the chosen role sheets are given to the validation, so a role set to none stays none
    // and the title map is never taken for an establishment.
    const validation = validateWorkbook(
      grids.filter((grid) => roles.includes(grid.name)),
      { sheets, standardHours: this.settings.standardHours, payYear: parseYear(this.settings.payYear, "pay") },
    );
    return { validation, mapGrid: gridOf(titleMap) };
  }

  private async refreshNames(): Promise<void> {
    const names = await this.host.sheetNames();
    if (names.join("\n") === this.names.join("\n")) return;
    this.names = names;
    this.fillPickers();
  }

  private async run<T>(doing: string, work: () => Promise<T>): Promise<T | null> {
    if (this.busy) {
      this.say(`${doing} is already under way: wait for it to finish.`);
      return null;
    }
    this.busy = true;
    this.root.setAttribute("aria-busy", "true");
    // aria-disabled rather than disabled: a disabled button loses the keyboard focus.
    for (const button of [this.validateButton, this.buildButton]) button.setAttribute("aria-disabled", "true");
    this.hideAlert();
    this.say(`${doing}…`);
    try {
      return await work();
    } catch (error: unknown) {
      this.say(`${doing} did not finish.`);
      this.showAlert(messageOf(error));
      return null;
    } finally {
      this.busy = false;
      this.root.removeAttribute("aria-busy");
      for (const button of [this.validateButton, this.buildButton]) button.removeAttribute("aria-disabled");
      this.progressBox.hidden = true;
    }
  }

  private progressCallback(label: string): Progress {
    return (done, total) => this.showProgress(label, done, total);
  }

  private showProgress(label: string, done: number, total: number): void {
    this.progressBox.hidden = false;
    this.progressLabel.textContent = total > 1 ? `${label}: ${String(done)} of ${String(total)}` : label;
    this.progress.max = Math.max(total, 1);
    this.progress.value = Math.min(done, Math.max(total, 1));
  }

  private say(text: string): void {
    this.status.textContent = text;
  }

  private showAlert(text: string): void {
    replaceChildren(this.alert, h("p", {}, text));
    this.alert.hidden = false;
  }

  private hideAlert(): void {
    this.alert.hidden = true;
    replaceChildren(this.alert);
  }

  private markStale(): void {
    if (!this.results.hidden || !this.problemsSection.hidden) {
      this.say(
        "The sheets or settings changed: press Validate or Build outputs again to bring the results up to date.",
      );
    }
  }

  // --- problems ------------------------------------------------------------------------------------

  private showProblems(problems: readonly Problem[]): void {
    this.shown = { problems, limit: { error: PAGE, warning: PAGE, info: PAGE } };
    this.renderProblems();
    this.problemsSection.hidden = false;
  }

  private renderProblems(): void {
    const shown = this.shown;
    if (shown === null) return;
    const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const problem of shown.problems) counts[problem.severity] += 1;
    this.problemSummary.textContent =
      shown.problems.length === 0
        ? "No problems found."
        : `${countText(counts.error, "error")}, ${countText(counts.warning, "warning")}, ${String(counts.info)} info.`;
    for (const { severity, heading } of SEVERITIES) {
      const label = this.root.querySelector(`#${this.idOf(`show-${severity}`)}-label`);
      if (label) label.textContent = `${heading} (${String(counts[severity])})`;
    }
    const groups = SEVERITIES.filter(({ severity }) => counts[severity] > 0).map(({ severity, heading }) => {
      const items = shown.problems.filter((problem) => problem.severity === severity);
      const limit = shown.limit[severity];
      const list = h(
        "ul",
        { class: "ec-problem-list", role: "list" },
        ...items.slice(0, limit).map((p) => this.problemItem(p)),
      );
      const more =
        items.length > limit
          ? h(
              "button",
              { type: "button", class: "ec-button ec-more" },
              `Show ${String(Math.min(PAGE, items.length - limit))} more of ${String(items.length - limit)}`,
            )
          : null;
      more?.addEventListener("click", () => {
        shown.limit[severity] += PAGE;
        this.renderProblems();
        this.root
          .querySelector<HTMLElement>(
            `[data-severity="${severity}"] .ec-problem-list li:nth-child(${String(limit + 1)}) button`,
          )
          ?.focus();
      });
      return h(
        "section",
        {
          class: `ec-group ec-group-${severity}`,
          "data-severity": severity,
          "aria-labelledby": this.idOf(`group-${severity}`),
        },
        h("h3", { id: this.idOf(`group-${severity}`) }, `${heading} (${String(items.length)})`),
        list,
        more,
      );
    });
    replaceChildren(this.problemGroups, ...groups);
    this.applyFilter();
  }

  private problemItem(problem: Problem): HTMLElement {
    const cell = problem.cell ?? (problem.row === null ? null : `A${String(problem.row)}`);
    const place = cell === null ? quoteSheet(problem.sheet) : `${quoteSheet(problem.sheet)}!${cell}`;
    const hintId = this.idOf(`hint-${String((nextId += 1))}`);
    const button = h(
      "button",
      {
        type: "button",
        class: "ec-problem",
        "data-sheet": problem.sheet,
        "data-cell": cell ?? "A1",
        "data-code": problem.code,
        "aria-describedby": hintId,
      },
      h(
        "span",
        { class: "ec-problem-head" },
        h("span", { class: "ec-ref" }, place),
        " ",
        h("span", { class: "ec-code" }, problem.code),
      ),
      h("span", { class: "ec-message" }, problem.message),
    );
    button.addEventListener("click", () => void this.reveal(problem.sheet, cell ?? "A1", place));
    return h(
      "li",
      { class: `ec-item ec-item-${problem.severity}` },
      button,
      h("p", { class: "ec-hint", id: hintId }, `→ ${problem.hint}`),
    );
  }

  private applyFilter(): void {
    for (const group of this.problemGroups.querySelectorAll<HTMLElement>("[data-severity]")) {
      const severity = group.dataset.severity as Severity;
      group.hidden = this.filters.get(severity)?.checked !== true;
    }
  }

  private async reveal(sheet: string, cell: string, place: string): Promise<void> {
    try {
      await this.host.reveal(sheet, cell);
      this.say(`Showing ${place}${this.host.kind === "standalone" ? " in the preview" : ""}.`);
    } catch (error: unknown) {
      this.showAlert(messageOf(error));
    }
  }

  // --- results -------------------------------------------------------------------------------------

  private showResults(built: BuiltReduction): HTMLElement {
    const { reduction, sheets } = built;
    const total = reduction.table.total;
    const uncosted = [...reduction.current, ...reduction.proposed].filter((p) => p.total === null && p.fte > 0).length;
    const row = (term: string, value: string): HTMLElement[] => [h("dt", {}, term), h("dd", {}, value)];
    const extra = h("div", { class: "ec-after-build" });
    replaceChildren(
      this.results,
      h("h2", { id: this.idOf("results-h") }, "Outputs"),
      h(
        "p",
        {},
        this.host.kind === "excel"
          ? "Added these sheets to the workbook:"
          : "Added these sheets to the workbook in the preview:",
      ),
      h("ul", { class: "ec-sheet-list" }, ...sheets.map((name) => h("li", {}, name))),
      h(
        "dl",
        { class: "ec-totals" },
        ...row("Current FTE", fte(total.currentFte)),
        ...row("Proposed FTE", fte(total.proposedFte)),
        ...row("Change in FTE", fte(total.changeFte)),
        ...row("Current cost", money(total.currentCost)),
        ...row("Proposed cost", money(total.proposedCost)),
        ...row("Saving", money(total.saving)),
        ...(reduction.budget === null ? [] : row("Current budget", money(reduction.budget))),
        ...(reduction.savingAgainstBudget === null
          ? []
          : row("Saving against budget", money(reduction.savingAgainstBudget))),
      ),
      uncosted > 0
        ? h(
            "p",
            { class: "ec-note" },
            `${String(uncosted)} line${uncosted === 1 ? "" : "s"} could not be costed and ${uncosted === 1 ? "is" : "are"} left out of the costs (marked * in the table): see the not-costed warnings below.`,
          )
        : null,
      extra,
    );
    this.results.hidden = false;
    return extra;
  }
}

function describeRoles(roles: SheetRoles): string {
  const names = [...new Set([roles.current, roles.proposed, roles.grades].filter((n): n is string => n !== null))];
  return names.map((name) => `"${name}"`).join(", ");
}

function countText(n: number, noun: string): string {
  return `${String(n)} ${noun}${n === 1 ? "" : "s"}`;
}

// FTE to 2 places and money to the pound, negatives in accountants' brackets, as the CLI prints them.
function fte(value: number): string {
  const text = Math.abs(value).toFixed(2);
  return value < -0.000001 ? `(${text})` : text;
}

function money(pence: number): string {
  return formatPounds(Math.round(pence / 100) * 100);
}

// As Excel writes a reference to another sheet: quoted when the name is not a plain word.
function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function messageOf(error: unknown): string {
  if (
    error instanceof PaneError ||
    error instanceof HostError ||
    error instanceof CostingError ||
    error instanceof UnusableFileError
  ) {
    return error.message;
  }
  const detail = error instanceof Error ? error.message : String(error);
  return `Something unexpected went wrong (${detail}). Try again; if it happens again, close and reopen the pane and report the message above with the workbook's sheet names.`;
}

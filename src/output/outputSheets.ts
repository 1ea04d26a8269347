import { type CostedPost, FTE_SCALE, penceToPounds, type Reduction, type ReductionRow } from "../core";
import { type GradeFigures, summariseByGrade } from "./gradeSummary";

/** A value to write: text (always written as text, never as a formula), a number, or a formula. */
export type OutputValue = string | number | null | { readonly formula: string; readonly result: number };

/** One cell of an output sheet. */
export interface OutputCell {
  readonly value: OutputValue;
  readonly numFmt?: string;
  readonly bold?: boolean;
}

/** A chart a host that can draw native charts adds over a block of the sheet (Excel). */
export interface OutputChart {
  readonly title: string;
  /** The chart's data, first column the categories, first row the series names (A1, this sheet). */
  readonly data: string;
  /** Top-left cell of the chart. */
  readonly at: string;
}

/**
 * An Excel table (ListObject) over a block of the sheet, its first row the header. Issue 4 asks for
 * the reduction table as an Excel table over the costed-posts table, so a colleague can filter it
 * and the figures stay live. Hosts that have no tables (Gnumeric) still get the plain cells.
 */
export interface OutputTable {
  /** Wanted name; a host takes the next free one ("ReductionTable2") if the workbook has it. */
  readonly name: string;
  /** The table's cells, header row included, A1 on this sheet ("A1:K40"). */
  readonly range: string;
}

/** One sheet the reduction adds to a workbook, whatever the host (ExcelJS, Office.js). */
export interface OutputSheet {
  readonly kind: "table" | "changes" | "impact" | "costed" | "assumptions";
  readonly name: string;
  /** rows[0] is spreadsheet row 1; formulas refer to these positions. */
  readonly rows: readonly (readonly OutputCell[])[];
  /** Column widths in characters, from column A. */
  readonly widths: readonly number[];
  /** Rows frozen at the top (the heading). */
  readonly frozenRows: number;
  /** Native charts over data on this sheet (none where the host cannot draw them). */
  readonly charts?: readonly OutputChart[];
  /** Excel tables over blocks of this sheet (none where the host has no tables). */
  readonly tables?: readonly OutputTable[];
}

/** Names of the sheets the output adds (the next free name is used if one is taken). */
export const OUTPUT_SHEET_NAMES = {
  table: "Reduction table",
  changes: "Post changes",
  impact: "Staff impact",
  costed: "Costed posts",
  assumptions: "Assumptions",
} as const;

// Accountants' brackets for negatives, as Leicester §7 prints them.
const MONEY = "£#,##0;(£#,##0)";
const MONEY_PENCE = "£#,##0.00;(£#,##0.00)";
const FTE = "0.00;(0.00)";

/**
 * Lays out the reduction's output sheets: the reduction table (native SUMIFS formulas over the
 * costed posts, so it stays live when a figure is corrected and opens without the add-in, with
 * cached results equal to the engine's figures), post changes, staff impact, costed posts and
 * assumptions. The costed posts are one sheet, or one a side ("Costed posts, current" and
 * "Costed posts, proposed") when both sides' lines pass Excel's last row, as a million posts a side
 * do. Names that exist already get the next free name ("Reduction table (2)"). Hosts
 * only render these sheets; the layout and formulas are decided here once.
 *
 * @example
 * buildOutputSheets(reduction, ["Current", "Proposed"]).map((sheet) => sheet.name)[0] //=> "Reduction table"
 */
export function buildOutputSheets(
  reduction: Reduction,
  existingNames: readonly string[],
  options: OutputOptions = {},
): OutputSheet[] {
  const taken = new Set(existingNames.map((name) => name.toLowerCase()));
  const free = (name: string): string => {
    let candidate = name;
    for (let n = 2; taken.has(candidate.toLowerCase()); n += 1) candidate = `${name} (${String(n)})`;
    taken.add(candidate.toLowerCase());
    return candidate;
  };
  const table = free(OUTPUT_SHEET_NAMES.table);
  const changes = free(OUTPUT_SHEET_NAMES.changes);
  const impact = free(OUTPUT_SHEET_NAMES.impact);
  const rowIds = new Map<CostedPost, string>();
  reduction.table.rows.forEach((row, index) => {
    for (const post of row.lines) rowIds.set(post, `R${String(index + 1)}`);
  });
  // One costed-posts sheet, or one a side when both would not fit under Excel's last row (a side
  // always fits: each of its lines is a row of a sheet).
  const bothFit = reduction.current.length + reduction.proposed.length + 1 <= (options.sheetRows ?? EXCEL_ROWS);
  const costed: Record<Side, OutputSheet> = bothFit
    ? (() => {
        const sheet = costedSheet(
          free(OUTPUT_SHEET_NAMES.costed),
          [...reduction.current, ...reduction.proposed],
          rowIds,
          "CostedPosts",
        );
        return { current: sheet, proposed: sheet };
      })()
    : {
        current: costedSheet(
          free(`${OUTPUT_SHEET_NAMES.costed}, current`),
          reduction.current,
          rowIds,
          "CostedPostsCurrent",
        ),
        proposed: costedSheet(
          free(`${OUTPUT_SHEET_NAMES.costed}, proposed`),
          reduction.proposed,
          rowIds,
          "CostedPostsProposed",
        ),
      };
  return [
    tableSheet(table, reduction, costed),
    changesSheet(changes, reduction),
    impactSheet(impact, reduction),
    ...new Set([costed.current, costed.proposed]),
    assumptionsSheet(free(OUTPUT_SHEET_NAMES.assumptions), reduction),
  ];
}

type Side = "current" | "proposed";

/** How the output is laid out, where a caller needs other than the defaults. */
export interface OutputOptions {
  /** Rows a sheet holds: Excel's 1,048,576 unless a test wants the split at a smaller size. */
  readonly sheetRows?: number;
}

// Excel's last row (1,048,576): a sheet holds no more.
const EXCEL_ROWS = 1_048_576;

const text = (value: string | null | undefined, bold = false): OutputCell => ({ value: value ?? "", bold });
const number = (value: number | null, numFmt?: string): OutputCell =>
  numFmt === undefined ? { value } : { value, numFmt };
const heading = (labels: readonly string[]): OutputCell[] => labels.map((label) => text(label, true));
const pounds = (pence: number | null): number | null => (pence === null ? null : penceToPounds(pence));

function costedSheet(
  name: string,
  posts: readonly CostedPost[],
  ids: ReadonlyMap<CostedPost, string>,
  tableName: string,
): OutputSheet {
  const rows: OutputCell[][] = [
    heading([
      "Row",
      "Side",
      "Section",
      "Job title",
      "Grade",
      "SCP",
      "Salary",
      "FTE",
      "Pay",
      "Employer NI",
      "Pension",
      "Levy",
      "Flat on-cost",
      "Total",
      "Basis",
      "Note",
      "Source",
    ]),
  ];
  for (const post of posts) {
    rows.push([
      text(ids.get(post) ?? ""),
      text(post.side),
      text(post.line.section),
      text(post.line.title),
      text(post.line.grade?.text),
      text(post.scp),
      number(pounds(post.salary), MONEY_PENCE),
      // To the millionth the table sums, so that its SUMIFS gives the table's figure.
      number(Math.round(post.fte * FTE_SCALE) / FTE_SCALE, FTE),
      number(pounds(post.pay), MONEY_PENCE),
      number(pounds(post.employerNi), MONEY_PENCE),
      number(pounds(post.pension), MONEY_PENCE),
      number(pounds(post.levy), MONEY_PENCE),
      number(pounds(post.flatOnCost), MONEY_PENCE),
      number(pounds(post.total), MONEY_PENCE),
      text(post.basis),
      text(post.note),
      text(`${post.line.sheet}!${post.line.titleCell}`),
    ]);
  }
  return {
    kind: "costed",
    name,
    rows,
    widths: [6, 9, 20, 36, 10, 6, 12, 8, 12, 12, 12, 10, 12, 12, 12, 48, 18],
    frozenRows: 1,
    // A table needs a row below its header, even when no post was costed.
    tables: [{ name: tableName, range: `A1:Q${String(Math.max(rows.length, 2))}` }],
  };
}

function tableSheet(name: string, reduction: Reduction, costed: Readonly<Record<Side, OutputSheet>>): OutputSheet {
  const range = (side: Side, column: string): string => {
    const sheet = costed[side];
    return `'${sheet.name.replace(/'/g, "''")}'!$${column}$2:$${column}$${String(Math.max(sheet.rows.length, 2))}`;
  };
  const sumifs = (column: string, id: string, side: Side): string =>
    `SUMIFS(${range(side, column)},${range(side, "A")},"${id}",${range(side, "B")},"${side}")`;
  const rows: OutputCell[][] = [
    heading([
      "Section",
      "Job title",
      "Proposed FTE",
      "Proposed grade",
      "Current FTE",
      "Current grade",
      "Change in FTE",
      "Current cost",
      "Proposed cost",
      "Saving",
      "Row",
    ]),
  ];
  const { rows: tableRows, subtotals, total } = reduction.table;
  const ids = new Map<ReductionRow, string>(tableRows.map((row, index) => [row, `R${String(index + 1)}`]));
  const subtotalRows: number[] = [];
  // Columns C, E, H, I hold the sums; G and J are differences of them.
  const figures = (row: ReductionRow, sums: (column: "C" | "E" | "H" | "I") => string, bold: boolean): OutputCell[] => {
    const r = String(rows.length + 1);
    const formula = (f: string, result: number, numFmt: string): OutputCell => ({
      value: { formula: f, result },
      numFmt,
      bold,
    });
    return [
      formula(sums("C"), row.proposedFte, FTE),
      text(row.proposedGrade, bold),
      formula(sums("E"), row.currentFte, FTE),
      text(row.currentGrade, bold),
      formula(`C${r}-E${r}`, row.changeFte, FTE),
      formula(sums("H"), penceToPounds(row.currentCost), MONEY),
      formula(sums("I"), penceToPounds(row.proposedCost), MONEY),
      formula(`H${r}-I${r}`, penceToPounds(row.saving), MONEY),
    ];
  };
  for (const subtotal of subtotals) {
    rows.push([text(subtotal.section, true)]);
    const first = rows.length + 1;
    for (const row of tableRows.filter((r) => r.section === subtotal.section)) {
      const id = ids.get(row) ?? "";
      const column = { C: ["H", "proposed"], E: ["H", "current"], H: ["N", "current"], I: ["N", "proposed"] } as const;
      rows.push([
        text(row.section),
        text(row.title),
        ...figures(row, (c) => sumifs(column[c][0], id, column[c][1]), false),
        text(id),
      ]);
    }
    const last = rows.length;
    rows.push([
      text(subtotal.section, true),
      text("Subtotal", true),
      ...figures(subtotal, (c) => `SUM(${c}${String(first)}:${c}${String(last)})`, true),
    ]);
    subtotalRows.push(rows.length);
  }
  rows.push([
    text(""),
    text("Total", true),
    // SUM needs an argument: with no sections the total is SUM(0), which Excel accepts.
    ...figures(total, (c) => `SUM(${subtotalRows.map((r) => `${c}${String(r)}`).join(",") || "0"})`, true),
  ]);
  const totalRow = rows.length;
  // The budget lines below and the chart data beside (from column M) stay outside the table.
  const tables = [{ name: "ReductionTable", range: `A1:K${String(totalRow)}` }];
  if (reduction.budget !== null && reduction.savingAgainstBudget !== null) {
    rows.push([]);
    const blank = (n: number): OutputCell[] => Array.from({ length: n }, () => text(""));
    rows.push([text(""), text("Current budget"), ...blank(6), number(penceToPounds(reduction.budget), MONEY)]);
    const budgetRow = rows.length;
    rows.push([
      text(""),
      text("Saving against budget"),
      ...blank(6),
      {
        value: {
          formula: `I${String(budgetRow)}-I${String(totalRow)}`,
          result: penceToPounds(reduction.savingAgainstBudget),
        },
        numFmt: MONEY,
      },
    ]);
  }
  const charts = addChartData(rows, summariseByGrade(reduction.table));
  return {
    kind: "table",
    name,
    rows,
    widths: [24, 40, 12, 12, 12, 12, 12, 15, 15, 15, 6, 3, 12, 14, 14],
    frozenRows: 1,
    charts,
    tables,
  };
}

// Issue 5: a chart of FTE and cost by grade, current against proposed. Its data sits beside the
// table (from column M), two blocks of grade | current | proposed, so that Excel draws a native
// chart over each and the figures stay visible in any host.
function addChartData(rows: OutputCell[][], grades: readonly GradeFigures[]): OutputChart[] {
  if (grades.length === 0) return [];
  const first = 12; // column M
  const put = (row: number, cells: readonly OutputCell[]): void => {
    while (rows.length <= row) rows.push([]);
    const target = rows[row] ?? [];
    while (target.length < first) target.push(text(""));
    target.splice(first, cells.length, ...cells);
    rows[row] = target;
  };
  put(0, heading(["Grade", "Current FTE", "Proposed FTE"]));
  grades.forEach((grade, i) => {
    put(i + 1, [text(grade.grade), number(grade.currentFte, FTE), number(grade.proposedFte, FTE)]);
  });
  const costTop = grades.length + 2;
  put(costTop, heading(["Grade", "Current cost", "Proposed cost"]));
  grades.forEach((grade, i) => {
    put(costTop + 1 + i, [
      text(grade.grade),
      number(penceToPounds(grade.currentCost), MONEY),
      number(penceToPounds(grade.proposedCost), MONEY),
    ]);
  });
  const last = String(grades.length + 1);
  return [
    { title: "FTE by grade, current and proposed", data: `M1:O${last}`, at: "Q2" },
    {
      title: "Cost by grade, current and proposed",
      data: `M${String(costTop + 1)}:O${String(costTop + 1 + grades.length)}`,
      at: "Q22",
    },
  ];
}

// Issue 7: HR sheets hold personal data, so the lists carry counts of post-holders; names only
// when the run asked for a named list.
function changesSheet(name: string, reduction: Reduction): OutputSheet {
  const named = reduction.settings.namedList;
  const rows: OutputCell[][] = [[text("New posts", true)], heading(["Section", "Job title", "Grade", "FTE"])];
  for (const post of reduction.newPosts) {
    rows.push([text(post.section), text(post.title), text(post.grade), number(post.fte, FTE)]);
  }
  rows.push(
    [],
    [text("Deleted posts", true)],
    heading(["Section", "Job title", "Grade", "FTE", "Post-holders affected", ...(named ? ["Names"] : [])]),
  );
  for (const post of reduction.deletedPosts) {
    rows.push([
      text(post.section),
      text(post.title),
      text(post.grade),
      number(post.fte, FTE),
      number(post.people),
      ...(named ? [text(post.postHolders.join(", "))] : []),
    ]);
  }
  rows.push(
    [],
    [text("Changed posts", true)],
    heading([
      "Section",
      "Old job title",
      "New job title",
      "Old grade",
      "New grade",
      "Current FTE",
      "Proposed FTE",
      "What changed",
      "Post-holders",
      ...(named ? ["Names"] : []),
    ]),
  );
  for (const post of reduction.changedPosts) {
    rows.push([
      text(post.section),
      text(post.oldTitle),
      text(post.newTitle),
      text(post.oldGrade),
      text(post.newGrade),
      number(post.currentFte, FTE),
      number(post.proposedFte, FTE),
      text(post.changes.join(", ")),
      number(post.people),
      ...(named ? [text(post.postHolders.join(", "))] : []),
    ]);
  }
  return { kind: "changes", name, rows, widths: [20, 36, 36, 10, 10, 12, 12, 16, 12, 30], frozenRows: 0 };
}

function impactSheet(name: string, reduction: Reduction): OutputSheet {
  const rows: OutputCell[][] = [
    heading([
      "Current job title",
      "Posts",
      "FTE",
      "People in post",
      "Vacant",
      "Leavers",
      "At risk (deleted posts)",
      "In changed posts",
      "In unchanged posts",
    ]),
  ];
  for (const row of reduction.staffImpact) {
    rows.push([
      text(row.title),
      number(row.posts),
      number(row.fte, FTE),
      number(row.people),
      number(row.vacant),
      number(row.leavers),
      number(row.atRisk),
      number(row.inChangedPosts),
      number(row.inUnchangedPosts),
    ]);
  }
  return { kind: "impact", name, rows, widths: [36, 8, 8, 14, 8, 8, 20, 16, 18], frozenRows: 1 };
}

function assumptionsSheet(name: string, reduction: Reduction): OutputSheet {
  const rows: OutputCell[][] = [heading(["Assumption", "Value"])];
  for (const assumption of reduction.assumptions) rows.push([text(assumption.label), text(assumption.value)]);
  return { kind: "assumptions", name, rows, widths: [40, 60], frozenRows: 1 };
}

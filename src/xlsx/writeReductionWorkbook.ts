import { readFile, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import ExcelJS from "exceljs";
import { type CostedPost, penceToPounds, type Reduction, type ReductionRow } from "../core";
import { compareWorkbookParts } from "./compareWorkbookParts";
import { readXlsxWorkbook } from "./readXlsxWorkbook";

/** Names of the sheets the output adds (the next free name is used if one is taken). */
export const OUTPUT_SHEETS = {
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
 * Writes a copy of `input` to `output` with the reduction's sheets added: the reduction table
 * (native SUMIFS formulas over the costed posts, so it stays live when a figure is corrected and
 * opens without the add-in), post changes, staff impact, costed posts and assumptions. Source
 * sheets are copied as they are; text from HR sheets is written as text, never as a formula. The
 * copy is written to a temporary file, checked (every source sheet must read back unchanged) and
 * renamed, so a failed run leaves no partial output. Returns the kinds of content ExcelJS could
 * not carry into the copy (charts, pivot tables …), for the caller to tell the user.
 *
 * @example
 * await writeReductionWorkbook("samples/leicester-2013-14.xlsx", "out.xlsx", reduction)
 */
export async function writeReductionWorkbook(
  input: string,
  output: string,
  reduction: Reduction,
): Promise<{ readonly lost: readonly string[] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(input);
  const names = new Set(workbook.worksheets.map((sheet) => sheet.name.toLowerCase()));
  const free = (name: string): string => {
    let candidate = name;
    for (let n = 2; names.has(candidate.toLowerCase()); n += 1) candidate = `${name} (${String(n)})`;
    names.add(candidate.toLowerCase());
    return candidate;
  };
  const tableName = free(OUTPUT_SHEETS.table);
  const changesName = free(OUTPUT_SHEETS.changes);
  const impactName = free(OUTPUT_SHEETS.impact);
  const costedName = free(OUTPUT_SHEETS.costed);
  const assumptionsName = free(OUTPUT_SHEETS.assumptions);

  const rowIds = new Map<CostedPost, string>();
  reduction.table.rows.forEach((row, index) => {
    for (const post of row.lines) rowIds.set(post, `R${String(index + 1)}`);
  });
  const tableSheet = workbook.addWorksheet(tableName);
  writeChanges(workbook.addWorksheet(changesName), reduction);
  writeImpact(workbook.addWorksheet(impactName), reduction);
  const costedRows = writeCosted(workbook.addWorksheet(costedName), reduction, rowIds);
  writeTable(tableSheet, reduction, costedName, costedRows);
  writeAssumptions(workbook.addWorksheet(assumptionsName), reduction);
  const activeTab = workbook.worksheets.indexOf(tableSheet);
  workbook.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab, visibility: "visible" }];

  const temporary = join(dirname(output), `.${basename(output)}.${String(process.pid)}.tmp`);
  try {
    await workbook.xlsx.writeFile(temporary);
    await checkSourceSheets(input, temporary, output);
    const lost = await compareWorkbookParts(await readFile(input), await readFile(temporary));
    await rename(temporary, output);
    return { lost };
  } catch (error: unknown) {
    await rm(temporary, { force: true });
    throw error;
  }
}

// Never a change to a source sheet: every value, strike-through and error of every source sheet
// must read back from the copy exactly as from the original, or nothing is written.
async function checkSourceSheets(input: string, copy: string, output: string): Promise<void> {
  const before = await readXlsxWorkbook(input);
  const after = new Map((await readXlsxWorkbook(copy)).map((grid) => [grid.name, JSON.stringify(grid.rows)]));
  for (const grid of before) {
    if (after.get(grid.name) !== JSON.stringify(grid.rows)) {
      throw new Error(`the copy would not keep sheet "${grid.name}" exactly as it is, so ${output} was not written`);
    }
  }
}

function bold(row: ExcelJS.Row): void {
  row.font = { bold: true };
}

/** Costed posts: one row per line, the audit trail behind every figure. Returns the last row. */
function writeCosted(sheet: ExcelJS.Worksheet, reduction: Reduction, ids: ReadonlyMap<CostedPost, string>): number {
  const header = [
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
  ];
  bold(sheet.addRow(header));
  const pounds = (pence: number | null): number | null => (pence === null ? null : penceToPounds(pence));
  for (const post of [...reduction.current, ...reduction.proposed]) {
    sheet.addRow([
      ids.get(post) ?? "",
      post.side,
      post.line.section ?? "",
      post.line.title,
      post.line.grade?.text ?? "",
      post.scp ?? "",
      pounds(post.salary),
      post.fte,
      pounds(post.pay),
      pounds(post.employerNi),
      pounds(post.pension),
      pounds(post.levy),
      pounds(post.flatOnCost),
      pounds(post.total),
      post.basis,
      post.note,
      `${post.line.sheet}!${post.line.titleCell}`,
    ]);
  }
  sheet.getColumn(8).numFmt = FTE;
  for (const column of [7, 9, 10, 11, 12, 13, 14]) sheet.getColumn(column).numFmt = MONEY_PENCE;
  sheet.getColumn(4).width = 36;
  sheet.getColumn(16).width = 48;
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  return sheet.rowCount;
}

function writeTable(sheet: ExcelJS.Worksheet, reduction: Reduction, costed: string, last: number): void {
  const range = (column: string): string => `'${costed.replace(/'/g, "''")}'!$${column}$2:$${column}$${String(last)}`;
  const sumifs = (column: string, id: string, side: string): string =>
    `SUMIFS(${range(column)},${range("A")},"${id}",${range("B")},"${side}")`;
  bold(
    sheet.addRow([
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
  );
  const { rows, subtotals, total } = reduction.table;
  const subtotalCells: number[] = [];
  const figures = (r: number, row: ReductionRow, id: string | null, first?: number, lastRow?: number): void => {
    const target = sheet.getRow(r);
    const set = (column: number, formula: string, result: number): void => {
      target.getCell(column).value = { formula, result };
    };
    const letter = (column: number): string => String.fromCharCode(64 + column);
    const span = (column: number): string =>
      id !== null
        ? ""
        : first !== undefined && lastRow !== undefined
          ? `SUM(${letter(column)}${String(first)}:${letter(column)}${String(lastRow)})`
          : `SUM(${subtotalCells.map((c) => `${letter(column)}${String(c)}`).join(",")})`;
    set(3, id === null ? span(3) : sumifs("H", id, "proposed"), row.proposedFte);
    set(5, id === null ? span(5) : sumifs("H", id, "current"), row.currentFte);
    set(7, `C${String(r)}-E${String(r)}`, row.changeFte);
    set(8, id === null ? span(8) : sumifs("N", id, "current"), penceToPounds(row.currentCost));
    set(9, id === null ? span(9) : sumifs("N", id, "proposed"), penceToPounds(row.proposedCost));
    set(10, `H${String(r)}-I${String(r)}`, penceToPounds(row.saving));
  };
  const ids = new Map<ReductionRow, string>(rows.map((row, index) => [row, `R${String(index + 1)}`]));
  for (const subtotal of subtotals) {
    bold(sheet.addRow([subtotal.section ?? "", ""]));
    const first = sheet.rowCount + 1;
    for (const row of rows.filter((r) => r.section === subtotal.section)) {
      const added = sheet.addRow([
        row.section ?? "",
        row.title,
        null,
        row.proposedGrade ?? "",
        null,
        row.currentGrade ?? "",
      ]);
      const id = ids.get(row) ?? "";
      added.getCell(11).value = id;
      figures(added.number, row, id);
    }
    const subtotalRow = sheet.addRow([subtotal.section ?? "", "Subtotal"]);
    bold(subtotalRow);
    figures(subtotalRow.number, subtotal, null, first, subtotalRow.number - 1);
    subtotalCells.push(subtotalRow.number);
  }
  const totalRow = sheet.addRow(["", "Total"]);
  bold(totalRow);
  figures(totalRow.number, total, null);
  if (reduction.budget !== null && reduction.savingAgainstBudget !== null) {
    sheet.addRow([]);
    const budget = sheet.addRow(["", "Current budget"]);
    budget.getCell(9).value = penceToPounds(reduction.budget);
    const saving = sheet.addRow(["", "Saving against budget"]);
    saving.getCell(9).value = {
      formula: `I${String(budget.number)}-I${String(totalRow.number)}`,
      result: penceToPounds(reduction.savingAgainstBudget),
    };
  }
  for (const column of [3, 5, 7]) sheet.getColumn(column).numFmt = FTE;
  for (const column of [8, 9, 10]) sheet.getColumn(column).numFmt = MONEY;
  sheet.getColumn(1).width = 24;
  sheet.getColumn(2).width = 40;
  for (const column of [3, 4, 5, 6, 7]) sheet.getColumn(column).width = 12;
  for (const column of [8, 9, 10]) sheet.getColumn(column).width = 15;
  sheet.views = [{ state: "frozen", ySplit: 1 }];
}

function writeChanges(sheet: ExcelJS.Worksheet, reduction: Reduction): void {
  bold(sheet.addRow(["New posts"]));
  bold(sheet.addRow(["Section", "Job title", "Grade", "FTE"]));
  for (const post of reduction.newPosts) sheet.addRow([post.section ?? "", post.title, post.grade ?? "", post.fte]);
  sheet.addRow([]);
  bold(sheet.addRow(["Deleted posts"]));
  bold(sheet.addRow(["Section", "Job title", "Grade", "FTE", "Post-holders affected"]));
  for (const post of reduction.deletedPosts) {
    sheet.addRow([post.section ?? "", post.title, post.grade ?? "", post.fte, post.postHolders.join(", ")]);
  }
  sheet.addRow([]);
  bold(sheet.addRow(["Changed posts"]));
  bold(
    sheet.addRow([
      "Section",
      "Old job title",
      "New job title",
      "Old grade",
      "New grade",
      "Current FTE",
      "Proposed FTE",
      "What changed",
      "Post-holders",
    ]),
  );
  for (const post of reduction.changedPosts) {
    sheet.addRow([
      post.section ?? "",
      post.oldTitle,
      post.newTitle,
      post.oldGrade ?? "",
      post.newGrade ?? "",
      post.currentFte,
      post.proposedFte,
      post.changes.join(", "),
      post.postHolders.join(", "),
    ]);
  }
  sheet.getColumn(2).width = 36;
  sheet.getColumn(3).width = 36;
}

function writeImpact(sheet: ExcelJS.Worksheet, reduction: Reduction): void {
  bold(
    sheet.addRow([
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
  );
  for (const row of reduction.staffImpact) {
    sheet.addRow([
      row.title,
      row.posts,
      row.fte,
      row.people,
      row.vacant,
      row.leavers,
      row.atRisk,
      row.inChangedPosts,
      row.inUnchangedPosts,
    ]);
  }
  sheet.getColumn(1).width = 36;
  sheet.getColumn(3).numFmt = FTE;
}

function writeAssumptions(sheet: ExcelJS.Worksheet, reduction: Reduction): void {
  bold(sheet.addRow(["Assumption", "Value"]));
  for (const assumption of reduction.assumptions) sheet.addRow([assumption.label, assumption.value]);
  sheet.getColumn(1).width = 40;
  sheet.getColumn(2).width = 60;
}

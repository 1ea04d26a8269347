import type { Pence } from "../money/pence";
import { normaliseScp } from "../pay/normaliseScp";
import type { CellValue } from "../pay/parseLocalScale";
import { dateToSerial, parseIsoDate } from "../periods/excelDate";
import { amountToPence } from "./amountToPence";
import { cellRef } from "./cellRef";
import type { ColumnMap } from "./ColumnMap";
import type { EstablishmentRow } from "./EstablishmentRow";
import { formatFigure } from "./formatFigure";
import type { ColumnField } from "./matchHeader";
import { parseGradeText } from "./parseGradeText";
import { parseHrNumber, type HrNumber } from "./parseHrNumber";
import { parseJobTitle } from "./parseJobTitle";
import { parsePostNumbers } from "./parsePostNumbers";
import { makeProblem, type Problem } from "./Problem";
import { readCell, type SheetGrid } from "./SheetGrid";

/** What a row needs to know about where it sits. */
export interface RowContext {
  readonly sheet: string;
  readonly grid: SheetGrid;
  readonly map: ColumnMap;
  /** The heading the row sits under, if any. */
  readonly heading: string | null;
  readonly standardHours: number;
}

/** A post row as read, with how it was marked as a leaver (see {@link readPostRow}). */
export interface PostRowRead {
  readonly row: EstablishmentRow;
  readonly struck: boolean;
  readonly starred: boolean;
}

// FTE written to 2 places can be off by half a unit; hours ÷ standard week may differ from the
// written FTE by that much and still be the same figure (hr-sheet-problems.md #11: 0.81 ≈ 30/37).
const FTE_WRITTEN_TOLERANCE = 0.005 + 1e-9;
const VACANT = /^vacan(t|cy)\b/i;

/**
 * Reads one data row of an establishment block into a post line, adding its problems to
 * `problems`. Returns null for a row that is not a post of this structure: a row whose figures are
 * all on the other side (a deleted post listed for comparison). A title with no figures at all is
 * kept, with its FTE unknown, so that the output still shows it as the sheet does.
 *
 * @example
 * readPostRow(0, context, problems)?.row.fte //=> 0.5
 */
export function readPostRow(row: number, context: RowContext, problems: Problem[]): PostRowRead | null {
  const { sheet, grid, map } = context;
  const column = (field: ColumnField): number | undefined => map.own.get(field);
  const value = (field: ColumnField): CellValue => {
    const c = column(field);
    return c === undefined ? null : readCell(grid.rows, row, c).value;
  };
  const at = (field: ColumnField): { sheet: string; row: number; column: number } => ({
    sheet,
    row,
    column: column(field) ?? 0,
  });
  const number = (field: ColumnField, what: string): HrNumber => {
    const c = column(field);
    if (c === undefined) return { kind: "blank" };
    const cell = readCell(grid.rows, row, c);
    // An error value is reported once, as formula-error, by the sheet reader.
    if (cell.error !== null) return { kind: "text", text: cell.error };
    const parsed = parseHrNumber(cell.value);
    if (parsed.kind === "text") {
      problems.push(
        makeProblem("not-a-number", at(field), `${what} "${parsed.text}" in ${cellRef(row, c)} is not a number.`),
      );
    }
    return parsed;
  };

  const titleColumn = column("title") ?? 0;
  const titleCell = readCell(grid.rows, row, titleColumn);
  // An error value in the title is reported once, as formula-error, by the sheet reader.
  if (titleCell.error !== null) return null;
  const titleValue = titleCell.value;
  const titleText = titleValue === null || titleValue === undefined ? "" : String(titleValue).trim();
  if (titleText === "") {
    problems.push(
      makeProblem(
        "blank-required-cell",
        { sheet, row, column: titleColumn },
        `Row ${String(row + 1)} has figures but no job title in ${cellRef(row, titleColumn)}.`,
        { hint: "Give the job title, or delete the row if it is not a post." },
      ),
    );
    return null;
  }
  const title = parseJobTitle(titleText);
  let struck = false;
  for (let c = 0; c < (grid.rows[row]?.length ?? 0); c += 1) struck ||= readCell(grid.rows, row, c).struck;

  const postNumbers = parsePostNumbers(value("postNumber"));
  const postNumberColumn = column("postNumber");
  if (
    postNumberColumn !== undefined &&
    (postNumbers.spaced.length > 0 || postNumbers.placeholders.length > 0 || postNumbers.odd.length > 0)
  ) {
    const findings = [
      ...postNumbers.spaced.map((n) => `"${n}" has a space inside it (read as ${n.replace(/\s+/g, "")})`),
      ...postNumbers.placeholders.map((p) => `"${p}" is a placeholder, not a post number`),
      ...postNumbers.odd.map((p) => `"${p}" is not a post number`),
    ];
    problems.push(
      makeProblem(
        "post-number-format",
        at("postNumber"),
        `In ${cellRef(row, postNumberColumn)}: ${findings.join("; ")}.`,
      ),
    );
  }

  const fteFigure = number("fte", "The FTE");
  const hoursFigure = number("hours", "The weekly hours");
  const postsFigure = number("posts", "The number of posts");
  const salary = money(number("salary", "The salary"));
  const cost = money(number("cost", "The cost"));

  let fte: number | null = null;
  let fteFrom: EstablishmentRow["fteFrom"] = null;
  const hours = hoursFigure.kind === "number" ? hoursFigure.value : hoursFigure.kind === "nil" ? 0 : null;
  if (fteFigure.kind === "number" || fteFigure.kind === "nil") {
    fte = fteFigure.kind === "number" ? fteFigure.value : 0;
    fteFrom = "fte";
    if (hours !== null && hours > 0) {
      const fromHours = hours / context.standardHours;
      // A whole-number FTE (1) is as exact as 1.00, not ±0.5.
      const written = fteFigure.kind === "number" && fteFigure.decimals > 0 ? fteFigure.decimals : 2;
      if (Math.abs(fromHours - fte) > Math.max(FTE_WRITTEN_TOLERANCE, 0.5 * 10 ** -written + 1e-9)) {
        problems.push(
          makeProblem(
            "hours-fte-mismatch",
            at("fte"),
            `${formatFigure(hours, 2).replace(/\.00$/, "")} hours a week is ${formatFigure(fromHours, 2)} FTE of a ${String(context.standardHours)}-hour week, but the FTE is ${String(fte)}.`,
          ),
        );
      }
    }
  } else if (hours !== null) {
    fte = hours / context.standardHours;
    fteFrom = "hours";
  } else if (column("fte") === undefined && column("hours") === undefined && postsFigure.kind !== "blank") {
    // Barnet §5.4 has no FTE column: its "No. of Posts" holds FTE (2.6), hr-sheet-problems.md #4.
    fte = postsFigure.kind === "number" ? postsFigure.value : postsFigure.kind === "nil" ? 0 : null;
    fteFrom = fte === null ? null : "posts";
    if (postsFigure.kind === "number" && !Number.isInteger(postsFigure.value)) {
      problems.push(
        makeProblem(
          "fte-in-count-column",
          at("posts"),
          `"${map.labels[column("posts") ?? 0] ?? ""}" holds ${String(postsFigure.value)}, a part of a post: the column is read as FTE.`,
        ),
      );
    }
  }
  const posts = title.count ?? (postsFigure.kind === "number" ? postsFigure.value : null);

  const holder = readHolder(value("postHolder"), value("initial"));
  const status = textOf(value("status"));
  const statusVacant = status !== null && /^(v|vacant|vacancy)$/i.test(status);
  const vacant = statusVacant || holder.vacant;
  if (statusVacant && holder.name !== null) {
    problems.push(
      makeProblem(
        "vacant-with-post-holder",
        at("postHolder"),
        `The post is marked "${status ?? ""}" but names ${holder.name} as its post-holder.`,
      ),
    );
  }

  const single = holder.name !== null || (postNumbers.numbers.length === 1 && (posts === null || posts <= 1));
  if (fte !== null && (fte < 0 || (fte > 1 && single))) {
    const field: ColumnField = fteFrom === "hours" ? "hours" : fteFrom === "posts" ? "posts" : "fte";
    problems.push(
      makeProblem(
        "fte-out-of-range",
        at(field),
        fte < 0
          ? `FTE ${formatFigure(fte, 2)} is negative.`
          : `FTE ${formatFigure(fte, 2)} is more than one full-time post for ${holder.name ?? `post ${postNumbers.numbers[0] ?? ""}`}.`,
      ),
    );
  }

  if (title.count !== null) {
    const facts = [
      postNumberColumn === undefined ? null : `${String(postNumbers.numbers.length)} post number(s)`,
      fte === null ? null : `${formatFigure(fte, 2).replace(/\.00$/, "")} FTE`,
    ].filter((fact) => fact !== null);
    problems.push(
      makeProblem(
        "count-in-title",
        { sheet, row, column: titleColumn },
        `"${titleText}" counts ${String(title.count)} posts in its title${facts.length > 0 ? `; the row has ${facts.join(" and ")}` : ""}.`,
      ),
    );
  }

  const otherSideFigure = [...map.other.entries()].some(
    ([field, c]) =>
      (field === "fte" || field === "hours" || field === "posts") &&
      positive(parseHrNumber(readCell(grid.rows, row, c).value)),
  );
  let kind: EstablishmentRow["kind"] = "post";
  const unreadable = fteFigure.kind === "text" || hoursFigure.kind === "text" || postsFigure.kind === "text";
  if (fte === null && !unreadable) {
    if (cost !== null && cost !== 0) {
      kind = "allowance";
      problems.push(
        makeProblem(
          "allowance-line",
          at("cost"),
          `"${title.title}" has a cost but no FTE: carried as a cost of its own, never divided by FTE.`,
        ),
      );
    } else if (otherSideFigure) {
      return null;
    } else if (
      postNumbers.numbers.length === 0 &&
      holder.name === null &&
      salary === null &&
      value("scp") === null &&
      fteFigure.kind === "blank"
    ) {
      problems.push(
        makeProblem(
          "empty-post-row",
          { sheet, row, column: titleColumn },
          `"${title.title}" has no FTE, hours or cost: a withdrawn role still listed?`,
        ),
      );
    } else if (fteFigure.kind === "blank" && hoursFigure.kind === "blank") {
      const c = column("fte") ?? column("hours") ?? column("posts") ?? titleColumn;
      problems.push(
        makeProblem(
          "blank-required-cell",
          { sheet, row, column: c },
          `"${title.title}" has no FTE or hours in ${cellRef(row, c)}: a blank is unknown, not zero.`,
        ),
      );
    }
  }

  let scp: string | null = null;
  const scpValue = value("scp");
  if (scpValue !== null && scpValue !== undefined && typeof scpValue !== "boolean" && String(scpValue).trim() !== "") {
    try {
      scp = normaliseScp(scpValue);
    } catch {
      problems.push(makeProblem("unknown-scp", at("scp"), `"${String(scpValue)}" is not a spinal column point.`));
    }
  }

  const sectionText = textOf(value("section"));
  return {
    row: {
      sheet,
      row: row + 1,
      section: sectionText ?? context.heading,
      title: title.title,
      titleCell: cellRef(row, titleColumn),
      columns: columnsOf(map),
      errors: errorFields(map, (c) => readCell(grid.rows, row, c).error !== null),
      postNumbers: postNumbers.numbers,
      grade: parseGradeText(value("grade")),
      scp,
      fte,
      fteFrom,
      weeklyHours: hours,
      posts,
      postHolder: holder.name,
      vacant,
      leaver: title.starred || struck,
      pension: textOf(value("pension")),
      startDate: readDate("startDate", "start date"),
      endDate: readDate("endDate", "end date"),
      salary,
      cost,
      kind,
    },
    struck,
    starred: title.starred,
  };

  function readDate(field: ColumnField, what: string): number | null {
    const raw = value(field);
    if (raw === null || raw === undefined || raw === "") return null;
    if (typeof raw === "number" && raw >= 1 && raw <= 2_958_465) return Math.floor(raw);
    const text = String(raw).trim();
    const iso = parseIsoDate(text);
    if (iso !== null) return dateToSerial(iso);
    const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
    if (uk !== null) {
      const date = { year: Number(uk[3]), month: Number(uk[2]), day: Number(uk[1]) };
      const check = new Date(Date.UTC(date.year, date.month - 1, date.day));
      if (check.getUTCMonth() + 1 === date.month && check.getUTCDate() === date.day) return dateToSerial(date);
    }
    problems.push(makeProblem("not-a-date", at(field), `The ${what} "${text}" is not a date.`));
    return null;
  }
}

// One fields-to-columns object per block, shared by its rows: a million rows need not carry a
// million copies of it.
const COLUMNS = new WeakMap<ColumnMap, Readonly<Partial<Record<ColumnField, number>>>>();

function columnsOf(map: ColumnMap): Readonly<Partial<Record<ColumnField, number>>> {
  let columns = COLUMNS.get(map);
  if (columns === undefined) {
    columns = Object.freeze(Object.fromEntries(map.own));
    COLUMNS.set(map, columns);
  }
  return columns;
}

const NO_FIELDS: readonly ColumnField[] = Object.freeze([]);

function errorFields(map: ColumnMap, isError: (column: number) => boolean): readonly ColumnField[] {
  let fields: ColumnField[] | null = null;
  for (const [field, column] of map.own) {
    if (isError(column)) (fields ??= []).push(field);
  }
  return fields ?? NO_FIELDS;
}

function money(figure: HrNumber): Pence | null {
  if (figure.kind === "nil") return 0;
  return figure.kind === "number" ? amountToPence(figure.value) : null;
}

function positive(figure: HrNumber): boolean {
  return figure.kind === "number" && figure.value > 0;
}

function textOf(value: CellValue): string | null {
  if (value === null || value === undefined || typeof value === "boolean") return null;
  const text = String(value).replace(/\s+/g, " ").trim();
  return text === "" ? null : text;
}

// Leicester A.1 gives surname and initial in two columns; "Vacant" in the name column is a vacancy.
function readHolder(name: CellValue, initial: CellValue): { name: string | null; vacant: boolean } {
  const surname = textOf(name);
  if (surname !== null && VACANT.test(surname)) return { name: null, vacant: true };
  const initials = textOf(initial);
  if (surname === null) return { name: initials, vacant: false };
  return { name: initials === null ? surname : `${surname} ${initials}`, vacant: false };
}

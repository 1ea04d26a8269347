import type { Pence } from "../money/pence";
import { normaliseScp } from "../pay/normaliseScp";
import type { CellValue } from "../pay/parseLocalScale";
import { dateToSerial, parseIsoDate } from "../periods/excelDate";
import { amountToPence, LARGEST_AMOUNT } from "./amountToPence";
import { cellRef, columnLetter } from "./cellRef";
import type { ColumnMap } from "./ColumnMap";
import type { EstablishmentRow } from "./EstablishmentRow";
import { formatFigure } from "./formatFigure";
import type { ColumnField } from "./matchHeader";
import { parseGradeText } from "./parseGradeText";
import { parseHrNumber } from "./parseHrNumber";
import { parseJobTitle } from "./parseJobTitle";
import { parsePostNumbers } from "./parsePostNumbers";
import { makeProblem, type Problem } from "./Problem";
import type { RowCells } from "./RowCells";

// FTE written to 2 places can be off by half a unit; hours ÷ standard week may differ from the
// written FTE by that much and still be the same figure (hr-sheet-problems.md #11: 0.81 ≈ 30/37).
const FTE_WRITTEN_TOLERANCE = 0.005 + 1e-9;

/**
 * The most FTE one line may hold. A line of several posts ("Social workers 143") is matched post by
 * post, so its FTE is a count of objects: 10,000 is more than any council's largest group, and a
 * larger figure (a salary or a date in the FTE column) would make millions of them.
 *
 * @example
 * LARGEST_LINE_FTE //=> 10000
 */
export const LARGEST_LINE_FTE = 10_000;
const VACANT = /^vacan(t|cy)\b/i;
const VACANT_STATUS = /^(v|vacant|vacancy)$/i;
const NO_FIELDS: readonly ColumnField[] = Object.freeze([]);
const NO_POST_NUMBERS: readonly string[] = Object.freeze([]);
const ABSENT = -1;

/**
 * A figure cell as parseHrNumber reads it, kept in a reused object rather than a new one per cell.
 * `decimals` is worked out only when asked for (-1 until then): only the hours-against-FTE check
 * needs it, on rows that give both.
 */
interface Figure {
  kind: "number" | "nil" | "blank" | "text";
  value: number;
  decimals: number;
}

const figure = (): Figure => ({ kind: "blank", value: 0, decimals: -1 });

/**
 * Reads the data rows of one establishment block into post lines. The block's columns are looked up
 * once, when it is made, so reading a row is straight array reads with no per-row closures or map
 * look-ups; the problems a row has are added to the list given. After each {@link read},
 * `struck` and `starred` say how the row was marked as a leaver.
 *
 * @example
 * const reader = new PostRowReader("Current", map, 37);
 * reader.read(new RowCells().load(grid, 1), null, problems)?.fte //=> 0.5
 */
export class PostRowReader {
  /** The last row read had a struck-through cell. */
  struck = false;
  /** The last row read had a title starting with `*`. */
  starred = false;

  private readonly title: number;
  private readonly titleLetter: string;
  private readonly postNumber: number;
  private readonly fte: number;
  private readonly hours: number;
  private readonly posts: number;
  private readonly salary: number;
  private readonly cost: number;
  private readonly scp: number;
  private readonly grade: number;
  private readonly section: number;
  private readonly postHolder: number;
  private readonly initial: number;
  private readonly status: number;
  private readonly pension: number;
  private readonly startDate: number;
  private readonly endDate: number;
  /** FTE, hours and posts columns of the other structure: a row with figures only there is not a post here. */
  private readonly otherFigures: readonly number[];
  private readonly own: readonly (readonly [ColumnField, number])[];
  private readonly columns: Readonly<Partial<Record<ColumnField, number>>>;
  private readonly fteFigure = figure();
  private readonly hoursFigure = figure();
  private readonly postsFigure = figure();
  private readonly salaryFigure = figure();
  private readonly costFigure = figure();

  constructor(
    private readonly sheet: string,
    private readonly map: ColumnMap,
    private readonly standardHours: number,
  ) {
    const at = (field: ColumnField): number => map.own.get(field) ?? ABSENT;
    this.title = map.own.get("title") ?? 0;
    this.titleLetter = columnLetter(this.title);
    this.postNumber = at("postNumber");
    this.fte = at("fte");
    this.hours = at("hours");
    this.posts = at("posts");
    this.salary = at("salary");
    this.cost = at("cost");
    this.scp = at("scp");
    this.grade = at("grade");
    this.section = at("section");
    this.postHolder = at("postHolder");
    this.initial = at("initial");
    this.status = at("status");
    this.pension = at("pension");
    this.startDate = at("startDate");
    this.endDate = at("endDate");
    this.otherFigures = [...map.other.entries()]
      .filter(([field]) => field === "fte" || field === "hours" || field === "posts")
      .map(([, column]) => column);
    this.own = [...map.own.entries()];
    // One fields-to-columns object per block, shared by its rows: a million rows need not carry a
    // million copies of it.
    this.columns = Object.freeze(Object.fromEntries(map.own));
  }

  /**
   * Reads the row loaded in `cells` into a post line, adding its problems to `problems`. Returns
   * null for a row that is not a post of this structure: a row whose figures are all on the other
   * side (a deleted post listed for comparison). A title with no figures at all is kept, with its
   * FTE unknown, so that the output still shows it as the sheet does.
   *
   * @example
   * reader.read(cells.load(grid, 5), "Fieldwork", problems)?.section //=> "Fieldwork" (no section column)
   */
  read(cells: RowCells, heading: string | null, problems: Problem[]): EstablishmentRow | null {
    const { sheet, map } = this;
    const row = cells.row;
    const titleColumn = this.title;
    this.struck = false;
    this.starred = false;
    // An error value in the title is reported once, as formula-error, by the sheet reader.
    if (cells.error(titleColumn) !== null) return null;
    const titleValue = cells.value(titleColumn);
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
    const struck = cells.anyStruck;

    const postNumbers = this.readPostNumbers(cells, problems);

    const fteFigure = this.figure(cells, this.fte, this.fteFigure, "The FTE", problems);
    const hoursFigure = this.figure(cells, this.hours, this.hoursFigure, "The weekly hours", problems);
    const postsFigure = this.figure(cells, this.posts, this.postsFigure, "The number of posts", problems);
    const salary = this.money(cells, this.salary, this.salaryFigure, "The salary", problems);
    const cost = this.money(cells, this.cost, this.costFigure, "The cost", problems);

    let fte: number | null = null;
    let fteFrom: EstablishmentRow["fteFrom"] = null;
    let tooLarge = false;
    const hours = hoursFigure.kind === "number" ? hoursFigure.value : hoursFigure.kind === "nil" ? 0 : null;
    if (fteFigure.kind === "number" || fteFigure.kind === "nil") {
      fte = fteFigure.kind === "number" ? fteFigure.value : 0;
      fteFrom = "fte";
      if (hours !== null && hours > 0) {
        const fromHours = hours / this.standardHours;
        // A whole-number FTE (1) is as exact as 1.00, not ±0.5.
        const places = fteFigure.kind === "number" ? decimalsOf(fteFigure) : 0;
        const written = places > 0 ? places : 2;
        if (Math.abs(fromHours - fte) > Math.max(FTE_WRITTEN_TOLERANCE, 0.5 * 10 ** -written + 1e-9)) {
          problems.push(
            makeProblem(
              "hours-fte-mismatch",
              this.at(row, this.fte),
              `${formatFigure(hours, 2).replace(/\.00$/, "")} hours a week is ${formatFigure(fromHours, 2)} FTE of a ${String(this.standardHours)}-hour week, but the FTE is ${String(fte)}.`,
            ),
          );
        }
      }
    } else if (hours !== null) {
      fte = hours / this.standardHours;
      fteFrom = "hours";
    } else if (this.fte === ABSENT && this.hours === ABSENT && postsFigure.kind !== "blank") {
      // Barnet §5.4 has no FTE column: its "No. of Posts" holds FTE (2.6), hr-sheet-problems.md #4.
      fte = postsFigure.kind === "number" ? postsFigure.value : postsFigure.kind === "nil" ? 0 : null;
      fteFrom = fte === null ? null : "posts";
      if (postsFigure.kind === "number" && !Number.isInteger(postsFigure.value)) {
        problems.push(
          makeProblem(
            "fte-in-count-column",
            this.at(row, this.posts),
            `"${map.labels[this.posts === ABSENT ? 0 : this.posts] ?? ""}" holds ${String(postsFigure.value)}, a part of a post: the column is read as FTE.`,
          ),
        );
      }
    }
    if (fte !== null && Math.abs(fte) > LARGEST_LINE_FTE) {
      const column = fteFrom === "hours" ? this.hours : fteFrom === "posts" ? this.posts : this.fte;
      problems.push(
        makeProblem(
          "fte-out-of-range",
          this.at(row, column),
          `FTE ${formatFigure(fte, 2)} is more than one line of posts can hold (${String(LARGEST_LINE_FTE)}): the line is not costed or matched.`,
        ),
      );
      fte = null;
      fteFrom = null;
      tooLarge = true;
    }
    const posts = title.count ?? (postsFigure.kind === "number" ? postsFigure.value : null);

    // Leicester A.1 gives surname and initial in two columns; "Vacant" in the name column is a vacancy.
    const surname = textOf(this.valueAt(cells, this.postHolder));
    const holderVacant = surname !== null && VACANT.test(surname);
    let holder: string | null = null;
    if (!holderVacant) {
      const initials = textOf(this.valueAt(cells, this.initial));
      holder = surname === null ? initials : initials === null ? surname : `${surname} ${initials}`;
    }
    const status = textOf(this.valueAt(cells, this.status));
    const statusVacant = status !== null && VACANT_STATUS.test(status);
    const vacant = statusVacant || holderVacant;
    if (statusVacant && holder !== null) {
      problems.push(
        makeProblem(
          "vacant-with-post-holder",
          this.at(row, this.postHolder),
          `The post is marked "${status}" but names ${holder} as its post-holder.`,
        ),
      );
    }

    const single = holder !== null || (postNumbers.length === 1 && (posts === null || posts <= 1));
    if (fte !== null && (fte < 0 || (fte > 1 && single))) {
      const column = fteFrom === "hours" ? this.hours : fteFrom === "posts" ? this.posts : this.fte;
      problems.push(
        makeProblem(
          "fte-out-of-range",
          this.at(row, column),
          fte < 0
            ? `FTE ${formatFigure(fte, 2)} is negative.`
            : `FTE ${formatFigure(fte, 2)} is more than one full-time post for ${holder ?? `post ${postNumbers[0] ?? ""}`}.`,
        ),
      );
    }

    if (title.count !== null) {
      const facts = [
        this.postNumber === ABSENT ? null : `${String(postNumbers.length)} post number(s)`,
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

    let kind: EstablishmentRow["kind"] = "post";
    const unreadable =
      tooLarge || fteFigure.kind === "text" || hoursFigure.kind === "text" || postsFigure.kind === "text";
    if (fte === null && !unreadable) {
      if (cost !== null && cost !== 0) {
        kind = "allowance";
        problems.push(
          makeProblem(
            "allowance-line",
            this.at(row, this.cost),
            `"${title.title}" has a cost but no FTE: carried as a cost of its own, never divided by FTE.`,
          ),
        );
      } else if (this.otherSideFigure(cells)) {
        return null;
      } else if (
        postNumbers.length === 0 &&
        holder === null &&
        salary === null &&
        this.valueAt(cells, this.scp) === null &&
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
        const c = [this.fte, this.hours, this.posts].find((column) => column !== ABSENT) ?? titleColumn;
        problems.push(
          makeProblem(
            "blank-required-cell",
            { sheet, row, column: c },
            `"${title.title}" has no FTE or hours in ${cellRef(row, c)}: a blank is unknown, not zero.`,
          ),
        );
      }
    }

    const scp = this.readScp(cells, problems);
    const section = textOf(this.valueAt(cells, this.section)) ?? heading;
    this.struck = struck;
    this.starred = title.starred;
    return {
      sheet,
      row: row + 1,
      section,
      title: title.title,
      titleCell: `${this.titleLetter}${String(row + 1)}`,
      columns: this.columns,
      errors: this.errorFields(cells),
      postNumbers,
      grade: parseGradeText(this.valueAt(cells, this.grade)),
      scp,
      fte,
      fteFrom,
      weeklyHours: hours,
      posts,
      postHolder: holder,
      vacant,
      leaver: title.starred || struck,
      pension: textOf(this.valueAt(cells, this.pension)),
      startDate: this.readDate(cells, this.startDate, "start date", problems),
      endDate: this.readDate(cells, this.endDate, "end date", problems),
      salary,
      cost,
      kind,
    };
  }

  private at(row: number, column: number): { sheet: string; row: number; column: number } {
    return { sheet: this.sheet, row, column: column === ABSENT ? 0 : column };
  }

  private valueAt(cells: RowCells, column: number): CellValue {
    return column === ABSENT ? null : cells.value(column);
  }

  // A whole, non-negative number is by far the usual post number: it needs none of the splitting.
  private readPostNumbers(cells: RowCells, problems: Problem[]): readonly string[] {
    const value = this.valueAt(cells, this.postNumber);
    if (value === null || value === undefined) return NO_POST_NUMBERS;
    if (typeof value === "number" && Number.isInteger(value) && value >= 0) return [String(value)];
    const parsed = parsePostNumbers(value);
    if (
      this.postNumber !== ABSENT &&
      (parsed.spaced.length > 0 || parsed.placeholders.length > 0 || parsed.odd.length > 0)
    ) {
      const findings = [
        ...parsed.spaced.map((n) => `"${n}" has a space inside it (read as ${n.replace(/\s+/g, "")})`),
        ...parsed.placeholders.map((p) => `"${p}" is a placeholder, not a post number`),
        ...parsed.odd.map((p) => `"${p}" is not a post number`),
      ];
      problems.push(
        makeProblem(
          "post-number-format",
          this.at(cells.row, this.postNumber),
          `In ${cellRef(cells.row, this.postNumber)}: ${findings.join("; ")}.`,
        ),
      );
    }
    return parsed.numbers.length === 0 ? NO_POST_NUMBERS : parsed.numbers;
  }

  // parseHrNumber, into `into`; text where a number belongs is reported. An error value is reported
  // once, as formula-error, by the sheet reader, and reads as unreadable text here.
  // An amount in whole pence; a number too large to be an amount is reported, never used.
  private money(cells: RowCells, column: number, into: Figure, what: string, problems: Problem[]): Pence | null {
    const figure = this.figure(cells, column, into, what, problems);
    if (figure.kind === "nil") return 0;
    if (figure.kind !== "number") return null;
    const pence = amountToPence(figure.value);
    if (pence === null) {
      problems.push(
        makeProblem(
          "amount-out-of-range",
          this.at(cells.row, column),
          `${what} ${formatFigure(figure.value, 2)} in ${cellRef(cells.row, column)} is more than £${formatFigure(LARGEST_AMOUNT, 0)}, too large to be a post's.`,
        ),
      );
    }
    return pence;
  }

  private figure(cells: RowCells, column: number, into: Figure, what: string, problems: Problem[]): Figure {
    into.decimals = -1;
    into.value = 0;
    if (column === ABSENT) {
      into.kind = "blank";
      return into;
    }
    if (cells.error(column) !== null) {
      into.kind = "text";
      return into;
    }
    const value = cells.value(column);
    if (typeof value === "number") {
      // A cell's number is always finite (RowCells reads NaN and infinities as text).
      into.kind = "number";
      into.value = value;
      return into;
    }
    const parsed = parseHrNumber(value);
    into.kind = parsed.kind;
    if (parsed.kind === "number") {
      into.value = parsed.value;
      into.decimals = parsed.decimals;
    } else if (parsed.kind === "text") {
      problems.push(
        makeProblem(
          "not-a-number",
          this.at(cells.row, column),
          `${what} "${parsed.text}" in ${cellRef(cells.row, column)} is not a number.`,
        ),
      );
    }
    return into;
  }

  private otherSideFigure(cells: RowCells): boolean {
    for (const column of this.otherFigures) {
      const parsed = parseHrNumber(cells.value(column));
      if (parsed.kind === "number" && parsed.value > 0) return true;
    }
    return false;
  }

  private readScp(cells: RowCells, problems: Problem[]): string | null {
    const value = this.valueAt(cells, this.scp);
    if (value === null || value === undefined || typeof value === "boolean") return null;
    if (typeof value === "number" && Number.isInteger(value) && value > 0 && value < SCP_KEYS.length) {
      // The same few dozen points on every row: one string each, not one per row.
      return (SCP_KEYS[value] ??= String(value));
    }
    if (String(value).trim() === "") return null;
    try {
      return normaliseScp(value);
    } catch {
      problems.push(
        makeProblem("unknown-scp", this.at(cells.row, this.scp), `"${String(value)}" is not a spinal column point.`),
      );
      return null;
    }
  }

  private errorFields(cells: RowCells): readonly ColumnField[] {
    if (cells.errorCount === 0) return NO_FIELDS;
    let fields: ColumnField[] | null = null;
    for (const [field, column] of this.own) {
      if (cells.error(column) !== null) (fields ??= []).push(field);
    }
    return fields ?? NO_FIELDS;
  }

  private readDate(cells: RowCells, column: number, what: string, problems: Problem[]): number | null {
    const raw = this.valueAt(cells, column);
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
    problems.push(makeProblem("not-a-date", this.at(cells.row, column), `The ${what} "${text}" is not a date.`));
    return null;
  }
}

const SCP_KEYS: (string | undefined)[] = new Array<string | undefined>(1000);

function decimalsOf(figure: Figure): number {
  if (figure.decimals < 0) {
    const parsed = parseHrNumber(figure.value);
    figure.decimals = parsed.kind === "number" ? parsed.decimals : 0;
  }
  return figure.decimals;
}

// Spaces collapsed and trimmed. Text that has nothing to collapse (the usual name or section) is
// kept as it is, so that a million rows share the grid's strings rather than copying them.
function textOf(value: CellValue): string | null {
  if (value === null || value === undefined || typeof value === "boolean") return null;
  const text = String(value);
  const clean = NOTHING_TO_COLLAPSE.test(text) ? text : text.replace(/\s+/g, " ").trim();
  return clean === "" ? null : clean;
}

// No whitespace but single inner spaces: replacing runs of whitespace and trimming change nothing.
const NOTHING_TO_COLLAPSE = /^(?:[^\s]+(?: [^\s]+)*)?$/;

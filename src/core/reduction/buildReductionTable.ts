import { gradeKey } from "../establishment/parseGradeText";
import { titleKey } from "../establishment/titleKey";
import type { Pence } from "../money/pence";
import type { CostedPost } from "./costPost";

/** One row of the reduction table: a section + job title (+ grade where a title has several). */
export interface ReductionRow {
  readonly section: string | null;
  readonly title: string;
  readonly currentGrade: string | null;
  readonly proposedGrade: string | null;
  readonly currentFte: number;
  readonly proposedFte: number;
  /** Proposed − current: negative is a reduction (Leicester §7 prints it in brackets). */
  readonly changeFte: number;
  /** The cost of the costed lines; see `uncosted` for lines that could not be costed. */
  readonly currentCost: Pence;
  readonly proposedCost: Pence;
  /** Current − proposed cost: positive is a saving. */
  readonly saving: Pence;
  /** Lines with FTE that could not be costed (their cost is missing from the figures). */
  readonly uncosted: number;
  /** The costed lines behind the row (none for a subtotal or the total, which sum rows). */
  readonly lines: readonly CostedPost[];
}

/** The reduction table with its subtotals per section and its total. */
export interface ReductionTable {
  readonly rows: readonly ReductionRow[];
  /** One per section, in order; `title` is "Subtotal". */
  readonly subtotals: readonly ReductionRow[];
  readonly total: ReductionRow;
}

/**
 * FTE are summed as whole millionths so that 0.1 + 0.2 is 0.3, as on paper; every sheet that shows
 * a post's FTE beside the table's sums rounds it to the same millionth, so that a SUMIFS over them
 * gives the table's figure.
 *
 * @example
 * Math.round((18.5 / 43) * FTE_SCALE) / FTE_SCALE //=> 0.430233
 */
export const FTE_SCALE = 1_000_000;

interface Group {
  readonly section: string | null;
  readonly title: string;
  readonly grade: string | null;
  /** gradeKey of the grade ("" for none), worked out once rather than per line looking for its group. */
  readonly gradeId: string;
  readonly lines: CostedPost[];
}

/**
 * Builds the reduction table from costed current and proposed lines, as Leicester §7 lays it out:
 * one row per section + job title; a title regraded from one grade to another stays one row showing
 * both grades, and a title held at several grades on one side has a row per grade. Rows keep the
 * order in which they first appear (proposed lines, then current-only lines); subtotals per
 * section; a total.
 *
 * @example
 * buildReductionTable(current, proposed).total.changeFte //=> -61.8
 */
export function buildReductionTable(current: readonly CostedPost[], proposed: readonly CostedPost[]): ReductionTable {
  const sections = new Map<
    string,
    { name: string | null; titles: Map<string, { proposed: Group[]; current: Group[] }> }
  >();
  const add = (post: CostedPost, side: "current" | "proposed"): void => {
    const sectionName = post.line.section;
    const sectionId = sectionName === null ? "" : titleKey(sectionName);
    let section = sections.get(sectionId);
    if (section === undefined) {
      section = { name: sectionName, titles: new Map() };
      sections.set(sectionId, section);
    }
    const titleId = titleKey(post.line.title);
    let title = section.titles.get(titleId);
    if (title === undefined) {
      title = { proposed: [], current: [] };
      section.titles.set(titleId, title);
    }
    const grade = post.line.grade?.text ?? null;
    const gradeId = grade === null ? "" : gradeKey(grade);
    const groups = title[side];
    let group = groups.find((g) => g.gradeId === gradeId);
    if (group === undefined) {
      group = { section: sectionName, title: post.line.title, grade, gradeId, lines: [] };
      groups.push(group);
    }
    group.lines.push(post);
  };
  for (const post of proposed) add(post, "proposed");
  for (const post of current) add(post, "current");

  const rows: ReductionRow[] = [];
  const subtotals: ReductionRow[] = [];
  for (const section of sections.values()) {
    const sectionRows: ReductionRow[] = [];
    for (const title of section.titles.values()) {
      const unmatchedCurrent = [...title.current];
      const pairs: [Group | null, Group | null][] = [];
      const leftoverProposed: Group[] = [];
      for (const group of title.proposed) {
        const same = unmatchedCurrent.findIndex((c) => c.gradeId === group.gradeId);
        if (same === -1) leftoverProposed.push(group);
        else pairs.push([unmatchedCurrent.splice(same, 1)[0] ?? null, group]);
      }
      // One grade on each side that differs: the title was regraded (Team Manager 10-11 → 11).
      if (leftoverProposed.length === 1 && unmatchedCurrent.length === 1) {
        pairs.push([unmatchedCurrent[0] ?? null, leftoverProposed[0] ?? null]);
      } else {
        for (const group of leftoverProposed) pairs.push([null, group]);
        for (const group of unmatchedCurrent) pairs.push([group, null]);
      }
      for (const [before, after] of pairs) sectionRows.push(row(section.name, before, after));
    }
    rows.push(...sectionRows);
    subtotals.push(sum(section.name, "Subtotal", sectionRows));
  }
  return { rows, subtotals, total: sum(null, "Total", rows) };
}

function row(section: string | null, before: Group | null, after: Group | null): ReductionRow {
  const currentFte = fteOf(before);
  const proposedFte = fteOf(after);
  const currentCost = costOf(before);
  const proposedCost = costOf(after);
  const lines = [...(before?.lines ?? []), ...(after?.lines ?? [])];
  let uncosted = 0;
  for (const post of lines) if (post.total === null && post.fte > 0) uncosted += 1;
  return {
    section,
    title: after?.title ?? before?.title ?? "",
    currentGrade: before?.grade ?? null,
    proposedGrade: after?.grade ?? null,
    currentFte: currentFte / FTE_SCALE,
    proposedFte: proposedFte / FTE_SCALE,
    changeFte: (proposedFte - currentFte) / FTE_SCALE,
    currentCost,
    proposedCost,
    saving: currentCost - proposedCost,
    uncosted,
    lines,
  };
}

function fteOf(group: Group | null): number {
  return (group?.lines ?? []).reduce((total, post) => total + Math.round(post.fte * FTE_SCALE), 0);
}

function costOf(group: Group | null): Pence {
  return (group?.lines ?? []).reduce((total, post) => total + (post.total ?? 0), 0);
}

function sum(section: string | null, title: string, rows: readonly ReductionRow[]): ReductionRow {
  const add = (pick: (row: ReductionRow) => Pence): Pence => rows.reduce((total, r) => total + pick(r), 0);
  const fte = (pick: (row: ReductionRow) => number): number =>
    rows.reduce((total, r) => total + Math.round(pick(r) * FTE_SCALE), 0) / FTE_SCALE;
  const currentCost = add((r) => r.currentCost);
  const proposedCost = add((r) => r.proposedCost);
  return {
    section,
    title,
    currentGrade: null,
    proposedGrade: null,
    currentFte: fte((r) => r.currentFte),
    proposedFte: fte((r) => r.proposedFte),
    changeFte: fte((r) => r.changeFte),
    currentCost,
    proposedCost,
    saving: currentCost - proposedCost,
    uncosted: add((r) => r.uncosted),
    // A subtotal or total sums rows; its lines are theirs, not repeated here.
    lines: [],
  };
}

import type { TableUsed } from "../data/SourceRef";
import type { EstablishmentRow } from "../establishment/EstablishmentRow";
import { makeProblem, type Problem } from "../establishment/Problem";
import { columnOfRef } from "../establishment/cellRef";
import { titleKey } from "../establishment/titleKey";
import type { WorkbookValidation } from "../establishment/validateWorkbook";
import { formatPounds } from "../money/formatPounds";
import type { Pence } from "../money/pence";
import { ratioToNumber } from "../money/Ratio";
import { yearLabel } from "../periods/FinancialYear";
import { buildReductionTable, type ReductionTable } from "./buildReductionTable";
import { comparePosts, type PostChange, type TitleMap } from "./comparePosts";
import { type CostedPost, costPost } from "./costPost";
import type { ReductionSettings } from "./ReductionSettings";

/** A post in the list of new or deleted posts. */
export interface ListedPost {
  readonly section: string | null;
  readonly title: string;
  readonly grade: string | null;
  readonly fte: number;
  /** Post-holders in a deleted post (at risk); empty for a new post. */
  readonly postHolders: readonly string[];
}

/** A post in the list of changed posts. */
export interface ChangedPost {
  readonly section: string | null;
  readonly oldTitle: string;
  readonly newTitle: string;
  readonly oldGrade: string | null;
  readonly newGrade: string | null;
  readonly currentFte: number;
  readonly proposedFte: number;
  readonly changes: readonly string[];
  readonly postHolders: readonly string[];
}

/** Per current job title: its posts and people, and where the restructure leaves them. */
export interface StaffImpact {
  readonly title: string;
  readonly posts: number;
  readonly fte: number;
  /** People in post: rows naming a post-holder who is not a leaver. */
  readonly people: number;
  readonly vacant: number;
  readonly leavers: number;
  /** People in deleted posts. */
  readonly atRisk: number;
  /** People in changed posts: assimilation or ring-fence candidates. */
  readonly inChangedPosts: number;
  readonly inUnchangedPosts: number;
}

/** One line of the assumptions stamped on every output. */
export interface Assumption {
  readonly label: string;
  readonly value: string;
}

/** Everything the reduction run produces. */
export interface Reduction {
  readonly settings: ReductionSettings;
  readonly current: readonly CostedPost[];
  readonly proposed: readonly CostedPost[];
  readonly table: ReductionTable;
  readonly budget: Pence | null;
  /** Budget − proposed cost (Leicester "Total savings"), when a budget is given. */
  readonly savingAgainstBudget: Pence | null;
  readonly changes: readonly PostChange[];
  readonly newPosts: readonly ListedPost[];
  readonly deletedPosts: readonly ListedPost[];
  readonly changedPosts: readonly ChangedPost[];
  readonly staffImpact: readonly StaffImpact[];
  readonly assumptions: readonly Assumption[];
  /** The validation's problems plus a `not-costed` problem for every line that could not be costed. */
  readonly problems: readonly Problem[];
}

/** What the adapter knows that the core cannot: the build date and the product version. */
export interface BuildStamp {
  readonly builtOn: string;
  readonly version: string;
}

/**
 * Costs the validated current and proposed establishments and builds the reduction table, the
 * lists of new, deleted and changed posts, the staff impact and the assumptions (issue 4). Lines
 * that cannot be costed are carried with a `not-costed` problem, so the run still builds what it
 * can.
 *
 * @example
 * buildReduction(validation, new Map(), DEFAULT_REDUCTION_SETTINGS, stamp).table.total.proposedFte //=> 386.58
 */
export function buildReduction(
  validation: WorkbookValidation,
  titleMap: TitleMap,
  settings: ReductionSettings,
  stamp: BuildStamp,
): Reduction {
  const currentLines = validation.current?.rows ?? [];
  const proposedLines = validation.proposed?.rows ?? [];
  const current = currentLines.map((line) => costPost(line, "current", validation.grades, settings));
  const proposed = proposedLines.map((line) => costPost(line, "proposed", validation.grades, settings));
  const table = buildReductionTable(current, proposed);
  const changes = comparePosts(
    currentLines.filter((line) => line.kind === "post").flatMap(splitIntoPosts),
    proposedLines.filter((line) => line.kind === "post").flatMap(splitIntoPosts),
    titleMap,
  );
  const problems = [...validation.problems];
  for (const post of [...current, ...proposed]) {
    // A line with no FTE costs nothing; its blank FTE was reported by the validation.
    if (post.total !== null || post.fte <= 0) continue;
    problems.push(
      makeProblem(
        "not-costed",
        { sheet: post.line.sheet, row: post.line.row - 1, column: columnOfRef(post.line.titleCell) },
        `"${post.line.title}" (${String(post.fte)} FTE) is not costed: ${post.note}.`,
      ),
    );
  }
  return {
    settings,
    current,
    proposed,
    table,
    budget: settings.budget,
    savingAgainstBudget: settings.budget === null ? null : settings.budget - table.total.proposedCost,
    changes,
    newPosts: combineListed(changes.filter((c) => c.status === "new").map((c) => listed(c.proposed))),
    deletedPosts: combineListed(changes.filter((c) => c.status === "deleted").map((c) => listed(c.current))),
    changedPosts: combineChanged(changes.filter((c) => c.status === "changed").map(changed)),
    staffImpact: staffImpact(changes),
    assumptions: assumptions(settings, [...current, ...proposed], stamp),
    problems,
  };
}

/**
 * A line standing for several posts (`Senior Practitioners x 5`, 5 FTE, five post numbers) is
 * matched post by post: whole posts of 1.0 FTE and a last part-post, each taking its post number in
 * order when the line lists them.
 *
 * @example
 * splitIntoPosts(line).map((post) => post.fte) //=> [1, 1, 0.6]
 */
export function splitIntoPosts(line: EstablishmentRow): EstablishmentRow[] {
  const fte = line.fte ?? 0;
  if (fte <= 1 || line.postHolder !== null) return [line];
  const count = Math.ceil(fte - 1e-9);
  return Array.from({ length: count }, (_, index) => ({
    ...line,
    fte: Math.round(Math.min(1, fte - index) * 1e6) / 1e6,
    posts: 1,
    postNumbers:
      index < count - 1
        ? line.postNumbers.slice(index, index + 1)
        : line.postNumbers.slice(Math.min(index, line.postNumbers.length)),
  }));
}

// Appendix 2 lists posts by title and grade with their FTE, not one row per post.
function combineListed(posts: readonly ListedPost[]): ListedPost[] {
  const combined = new Map<string, ListedPost>();
  for (const post of posts) {
    const key = `${post.section ?? ""}|${titleKey(post.title)}|${post.grade ?? ""}`;
    const seen = combined.get(key);
    combined.set(
      key,
      seen === undefined
        ? post
        : {
            ...seen,
            fte: Math.round((seen.fte + post.fte) * 1e6) / 1e6,
            postHolders: [...seen.postHolders, ...post.postHolders],
          },
    );
  }
  return [...combined.values()];
}

function combineChanged(posts: readonly ChangedPost[]): ChangedPost[] {
  const combined = new Map<string, ChangedPost>();
  for (const post of posts) {
    const key = [post.section, titleKey(post.oldTitle), titleKey(post.newTitle), post.oldGrade, post.newGrade].join(
      "|",
    );
    const seen = combined.get(key);
    combined.set(
      key,
      seen === undefined
        ? post
        : {
            ...seen,
            currentFte: Math.round((seen.currentFte + post.currentFte) * 1e6) / 1e6,
            proposedFte: Math.round((seen.proposedFte + post.proposedFte) * 1e6) / 1e6,
            changes: [...new Set([...seen.changes, ...post.changes])],
            postHolders: [...seen.postHolders, ...post.postHolders],
          },
    );
  }
  return [...combined.values()];
}

function holders(line: EstablishmentRow | null): string[] {
  return line !== null && line.postHolder !== null && !line.vacant && !line.leaver ? [line.postHolder] : [];
}

function listed(line: EstablishmentRow | null): ListedPost {
  return {
    section: line?.section ?? null,
    title: line?.title ?? "",
    grade: line?.grade?.text ?? null,
    fte: line?.fte ?? 0,
    postHolders: holders(line),
  };
}

function changed(change: PostChange): ChangedPost {
  return {
    section: change.proposed?.section ?? change.current?.section ?? null,
    oldTitle: change.current?.title ?? "",
    newTitle: change.proposed?.title ?? "",
    oldGrade: change.current?.grade?.text ?? null,
    newGrade: change.proposed?.grade?.text ?? null,
    currentFte: change.current?.fte ?? 0,
    proposedFte: change.proposed?.fte ?? 0,
    changes: change.changes,
    postHolders: holders(change.current),
  };
}

function staffImpact(changes: readonly PostChange[]): StaffImpact[] {
  type Tally = { -readonly [K in keyof StaffImpact]: StaffImpact[K] };
  const byTitle = new Map<string, Tally>();
  for (const change of changes) {
    const line = change.current;
    if (line === null) continue;
    const key = titleKey(line.title);
    let tally = byTitle.get(key);
    if (tally === undefined) {
      tally = {
        title: line.title,
        posts: 0,
        fte: 0,
        people: 0,
        vacant: 0,
        leavers: 0,
        atRisk: 0,
        inChangedPosts: 0,
        inUnchangedPosts: 0,
      };
      byTitle.set(key, tally);
    }
    const people = line.postHolder !== null && !line.vacant && !line.leaver ? 1 : 0;
    tally.posts += Math.max(1, line.postNumbers.length, line.posts ?? 0);
    tally.fte = Math.round((tally.fte + (line.fte ?? 0)) * 1e6) / 1e6;
    tally.people += people;
    tally.vacant += line.vacant ? 1 : 0;
    tally.leavers += line.leaver ? 1 : 0;
    if (change.status === "deleted") tally.atRisk += people;
    if (change.status === "changed") tally.inChangedPosts += people;
    if (change.status === "unchanged") tally.inUnchangedPosts += people;
  }
  return [...byTitle.values()];
}

function assumptions(settings: ReductionSettings, posts: readonly CostedPost[], stamp: BuildStamp): Assumption[] {
  const pension =
    settings.pension.kind === "rate"
      ? `${String(Math.round(ratioToNumber(settings.pension.rate) * 1e6) / 1e4)}% of pay`
      : settings.pension.kind === "tps"
        ? "Teachers' Pension Scheme, dated rates"
        : "none (give the employer rate to cost pension)";
  const tables = new Map<string, Set<string>>();
  // Lines costed on the same point share their table objects: look at each one once.
  const seen = new Set<TableUsed>();
  for (const post of posts) {
    for (const used of post.tables) {
      if (seen.has(used)) continue;
      seen.add(used);
      const sources = tables.get(used.table) ?? new Set<string>();
      for (const source of used.sources) sources.add(source);
      tables.set(used.table, sources);
    }
  }
  const stated = posts.filter((post) => post.basis === "stated-cost" || post.basis === "allowance").length;
  return [
    { label: "Pay year", value: yearLabel(settings.payYear) },
    { label: "Tax year (NI and levy)", value: yearLabel(settings.taxYear) },
    { label: "Employer pension", value: pension },
    { label: "Employer NI", value: `category ${settings.niCategory}, ${settings.niMethod} method` },
    { label: "Apprenticeship levy", value: settings.levy ? "charged where due (0.5% from 2017/18)" : "not charged" },
    {
      label: "Flat on-cost",
      value: settings.flatRate === null ? "none" : `${String(ratioToNumber(settings.flatRate) * 100)}% of pay`,
    },
    { label: "Costing point", value: `${settings.point} of grade, for posts without an SCP` },
    { label: "Standard week", value: `${String(settings.standardHours)} hours` },
    { label: "Current budget", value: settings.budget === null ? "not given" : formatPounds(settings.budget) },
    { label: "Lines costed as stated in the sheet", value: String(stated) },
    ...[...tables].map(([table, sources]) => ({
      label: `Table: ${table}`,
      value: sources.size === 0 ? "" : `sources ${[...sources].join(", ")}`,
    })),
    { label: "Built on", value: stamp.builtOn },
    { label: "Product version", value: stamp.version },
  ];
}

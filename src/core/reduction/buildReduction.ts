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
import type { CostedPost } from "./costPost";
import { PostCoster } from "./PostCoster";
import type { ReductionSettings } from "./ReductionSettings";

/** A post in the list of new or deleted posts. */
export interface ListedPost {
  readonly section: string | null;
  readonly title: string;
  readonly grade: string | null;
  readonly fte: number;
  /** People in a deleted post (at risk); 0 for a new post. */
  readonly people: number;
  /** Their names, only when the run asks for a named list (`namedList`); otherwise empty. */
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
  /** People in the current post. */
  readonly people: number;
  /** Their names, only when the run asks for a named list (`namedList`); otherwise empty. */
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
  const coster = new PostCoster(validation.grades, settings);
  const current = currentLines.map((line) => coster.cost(line, "current"));
  const proposed = proposedLines.map((line) => coster.cost(line, "proposed"));
  const table = buildReductionTable(current, proposed);
  const changes = comparePosts(postsOf(currentLines), postsOf(proposedLines), titleMap);
  const named = settings.namedList;
  const problems = validation.problems.slice();
  for (const posts of [current, proposed]) {
    for (const post of posts) {
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
  }
  const newPosts = new ListedPosts();
  const deletedPosts = new ListedPosts();
  const changedPosts = new ChangedPosts();
  for (const change of changes) {
    if (change.status === "new") newPosts.add(listed(change.proposed, named));
    else if (change.status === "deleted") deletedPosts.add(listed(change.current, named));
    else if (change.status === "changed") changedPosts.add(changed(change, named));
  }
  return {
    settings,
    current,
    proposed,
    table,
    budget: settings.budget,
    savingAgainstBudget: settings.budget === null ? null : settings.budget - table.total.proposedCost,
    changes,
    newPosts: newPosts.combined(),
    deletedPosts: deletedPosts.combined(),
    changedPosts: changedPosts.combined(),
    staffImpact: staffImpact(changes),
    assumptions: assumptions(settings, [current, proposed], stamp),
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

// The lines matched post by post: each post line, split into its posts (see splitIntoPosts).
function postsOf(lines: readonly EstablishmentRow[]): EstablishmentRow[] {
  const posts: EstablishmentRow[] = [];
  for (const line of lines) {
    if (line.kind === "post") for (const post of splitIntoPosts(line)) posts.push(post);
  }
  return posts;
}

// Appendix 2 lists posts by title and grade with their FTE, not one row per post. Posts are added
// to their group as they come, and the group's names are joined once at the end: copying them on
// every post would be quadratic in a group of thousands of deleted posts.
class ListedPosts {
  private readonly groups = new Map<
    string,
    { readonly first: ListedPost; count: number; fte: number; people: number; postHolders: string[] }
  >();

  add(post: ListedPost): void {
    const key = `${post.section ?? ""}|${titleKey(post.title)}|${post.grade ?? ""}`;
    const group = this.groups.get(key);
    if (group === undefined) {
      this.groups.set(key, {
        first: post,
        count: 1,
        fte: post.fte,
        people: post.people,
        postHolders: [...post.postHolders],
      });
      return;
    }
    group.count += 1;
    group.fte = Math.round((group.fte + post.fte) * 1e6) / 1e6;
    group.people += post.people;
    for (const name of post.postHolders) group.postHolders.push(name);
  }

  combined(): ListedPost[] {
    return [...this.groups.values()].map(({ first, count, fte, people, postHolders }) =>
      count === 1 ? first : { ...first, fte, people, postHolders },
    );
  }
}

class ChangedPosts {
  private readonly groups = new Map<
    string,
    {
      readonly first: ChangedPost;
      count: number;
      currentFte: number;
      proposedFte: number;
      readonly changes: Set<string>;
      people: number;
      postHolders: string[];
    }
  >();

  add(post: ChangedPost): void {
    const key = [post.section, titleKey(post.oldTitle), titleKey(post.newTitle), post.oldGrade, post.newGrade].join(
      "|",
    );
    const group = this.groups.get(key);
    if (group === undefined) {
      this.groups.set(key, {
        first: post,
        count: 1,
        currentFte: post.currentFte,
        proposedFte: post.proposedFte,
        changes: new Set(post.changes),
        people: post.people,
        postHolders: [...post.postHolders],
      });
      return;
    }
    group.count += 1;
    group.currentFte = Math.round((group.currentFte + post.currentFte) * 1e6) / 1e6;
    group.proposedFte = Math.round((group.proposedFte + post.proposedFte) * 1e6) / 1e6;
    for (const change of post.changes) group.changes.add(change);
    group.people += post.people;
    for (const name of post.postHolders) group.postHolders.push(name);
  }

  combined(): ChangedPost[] {
    return [...this.groups.values()].map((group) =>
      group.count === 1
        ? group.first
        : {
            ...group.first,
            currentFte: group.currentFte,
            proposedFte: group.proposedFte,
            changes: [...group.changes],
            people: group.people,
            postHolders: group.postHolders,
          },
    );
  }
}

function holders(line: EstablishmentRow | null): string[] {
  return line !== null && line.postHolder !== null && !line.vacant && !line.leaver ? [line.postHolder] : [];
}

function listed(line: EstablishmentRow | null, named: boolean): ListedPost {
  const people = holders(line);
  return {
    section: line?.section ?? null,
    title: line?.title ?? "",
    grade: line?.grade?.text ?? null,
    fte: line?.fte ?? 0,
    people: people.length,
    postHolders: named ? people : [],
  };
}

function changed(change: PostChange, named: boolean): ChangedPost {
  const people = holders(change.current);
  return {
    section: change.proposed?.section ?? change.current?.section ?? null,
    oldTitle: change.current?.title ?? "",
    newTitle: change.proposed?.title ?? "",
    oldGrade: change.current?.grade?.text ?? null,
    newGrade: change.proposed?.grade?.text ?? null,
    currentFte: change.current?.fte ?? 0,
    proposedFte: change.proposed?.fte ?? 0,
    changes: change.changes,
    people: people.length,
    postHolders: named ? people : [],
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

function assumptions(
  settings: ReductionSettings,
  sides: readonly (readonly CostedPost[])[],
  stamp: BuildStamp,
): Assumption[] {
  const pension =
    settings.pension.kind === "rate"
      ? `${String(Math.round(ratioToNumber(settings.pension.rate) * 1e6) / 1e4)}% of pay`
      : settings.pension.kind === "tps"
        ? "Teachers' Pension Scheme, dated rates"
        : "none (give the employer rate to cost pension)";
  const tables = new Map<string, Set<string>>();
  // Lines costed on the same SCP or salary and FTE share one list of tables, and lists share their
  // tables: look at each list, and each table, once rather than once per line.
  const seenLists = new Set<readonly TableUsed[]>();
  const seen = new Set<TableUsed>();
  let stated = 0;
  for (const posts of sides) {
    for (const post of posts) {
      if (post.basis === "stated-cost" || post.basis === "allowance") stated += 1;
      if (seenLists.has(post.tables)) continue;
      seenLists.add(post.tables);
      for (const used of post.tables) {
        if (seen.has(used)) continue;
        seen.add(used);
        const sources = tables.get(used.table) ?? new Set<string>();
        for (const source of used.sources) sources.add(source);
        tables.set(used.table, sources);
      }
    }
  }
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
    {
      label: "Post-holders in the post lists",
      value: settings.namedList ? "named (a named list was asked for)" : "counted, not named",
    },
    ...[...tables].map(([table, sources]) => ({
      label: `Table: ${table}`,
      value: sources.size === 0 ? "" : `sources ${[...sources].join(", ")}`,
    })),
    { label: "Built on", value: stamp.builtOn },
    { label: "Product version", value: stamp.version },
  ];
}

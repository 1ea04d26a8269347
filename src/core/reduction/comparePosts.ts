import type { EstablishmentRow } from "../establishment/EstablishmentRow";
import { gradeKey } from "../establishment/parseGradeText";
import { titleKey } from "../establishment/titleKey";

/** What happened to a post between the current and the proposed establishment. */
export type PostStatus = "unchanged" | "changed" | "new" | "deleted";

/** How a current line was matched to a proposed one. */
export type MatchedBy = "post-number" | "title-and-grade" | "title" | "title-map";

/** A current line, a proposed line, or a matched pair of them. */
export interface PostChange {
  readonly status: PostStatus;
  readonly current: EstablishmentRow | null;
  readonly proposed: EstablishmentRow | null;
  readonly matchedBy: MatchedBy | null;
  /** What differs in a changed post: "title", "grade", "FTE". */
  readonly changes: readonly ("title" | "grade" | "FTE")[];
}

/**
 * A title map: current job title → the proposed titles it became (Barnet Appendix 2 "Changed
 * Posts", Leicester §6.2), keyed by {@link titleKey}.
 */
export type TitleMap = ReadonlyMap<string, readonly string[]>;

const NO_CHANGES: readonly ("title" | "grade" | "FTE")[] = Object.freeze([]);

/**
 * Matches the current establishment to the proposed one (issue 4): by post number where both
 * sides have one; then by section + job title + grade; then by section + job title (a regrade);
 * then through the title map (a renamed post). Every line ends in exactly one change: unchanged,
 * changed (title, grade or FTE differs), new or deleted. Post numbers are reused for different
 * jobs (hr-sheet-problems.md #22), so a shared number with an unrelated title is not a match.
 * Each line is a distinct object (splitIntoPosts makes one per post).
 *
 * @example
 * comparePosts(current, proposed, new Map()).filter((c) => c.status === "new").length //=> 2
 */
export function comparePosts(
  current: readonly EstablishmentRow[],
  proposed: readonly EstablishmentRow[],
  titleMap: TitleMap,
): PostChange[] {
  const changes: PostChange[] = [];
  // Lines are worked with by their index: the keys each is matched on are worked out once, and
  // whether it is matched yet is a byte, where a million lines would otherwise fill two sets and
  // build a key string per line per pass.
  const currentKeys = new LineKeys(current);
  const proposedKeys = new LineKeys(proposed);
  const currentLeft = new Uint8Array(current.length).fill(1);
  const proposedLeft = new Uint8Array(proposed.length).fill(1);
  const pair = (c: number, p: number, matchedBy: MatchedBy): void => {
    currentLeft[c] = 0;
    proposedLeft[p] = 0;
    const currentLine = current[c] as EstablishmentRow;
    const proposedLine = proposed[p] as EstablishmentRow;
    let differs: ("title" | "grade" | "FTE")[] | null = null;
    if (currentKeys.title[c] !== proposedKeys.title[p]) (differs ??= []).push("title");
    // A grade missing on one side (Barnet §5.4 gives none) is unknown, not a change.
    if (currentLine.grade !== null && proposedLine.grade !== null && currentKeys.grade[c] !== proposedKeys.grade[p]) {
      (differs ??= []).push("grade");
    }
    if (Math.round((currentLine.fte ?? 0) * 1e6) !== Math.round((proposedLine.fte ?? 0) * 1e6)) {
      (differs ??= []).push("FTE");
    }
    changes.push({
      status: differs === null ? "unchanged" : "changed",
      current: currentLine,
      proposed: proposedLine,
      matchedBy,
      changes: differs ?? NO_CHANGES,
    });
  };

  // A shared post number is the same post only when the title agrees (directly or through the
  // title map); otherwise the number was reused for another job and the validator has said so.
  const sameJob = (c: number, p: number): boolean =>
    currentKeys.title[c] === proposedKeys.title[p] ||
    (titleMap.get(currentKeys.title[c] ?? "") ?? []).includes(proposedKeys.title[p] ?? "");
  const byNumber = new Map<string, number>();
  current.forEach((line, c) => {
    for (const number of line.postNumbers) if (!byNumber.has(number)) byNumber.set(number, c);
  });
  proposed.forEach((line, p) => {
    for (const number of line.postNumbers) {
      const c = byNumber.get(number);
      if (c !== undefined && currentLeft[c] === 1 && sameJob(c, p)) {
        pair(c, p, "post-number");
        return;
      }
    }
  });
  // Then by section + title + grade, and by section + title alone (the grade left as "").
  for (const matchedBy of ["title-and-grade", "title"] as const) {
    const withGrade = matchedBy === "title-and-grade";
    const waiting = new Queues();
    for (let c = 0; c < current.length; c += 1) {
      if (currentLeft[c] === 1)
        waiting.add(currentKeys.section[c], currentKeys.title[c], withGrade ? currentKeys.grade[c] : "", c);
    }
    for (let p = 0; p < proposed.length; p += 1) {
      if (proposedLeft[p] !== 1) continue;
      const c = waiting.take(proposedKeys.section[p], proposedKeys.title[p], withGrade ? proposedKeys.grade[p] : "");
      if (c !== undefined) pair(c, p, matchedBy);
    }
  }
  // Renamed posts: a current title the map sends to a proposed title, in the same section.
  const waitingByTitle = new Queues();
  for (let p = 0; p < proposed.length; p += 1) {
    if (proposedLeft[p] === 1) waitingByTitle.add(proposedKeys.section[p], proposedKeys.title[p], "", p);
  }
  for (let c = 0; c < current.length; c += 1) {
    if (currentLeft[c] !== 1) continue;
    for (const target of titleMap.get(currentKeys.title[c] ?? "") ?? []) {
      const p = waitingByTitle.take(currentKeys.section[c], target, "");
      if (p === undefined) continue;
      pair(c, p, "title-map");
      break;
    }
  }
  current.forEach((line, c) => {
    if (currentLeft[c] === 1) {
      changes.push({ status: "deleted", current: line, proposed: null, matchedBy: null, changes: NO_CHANGES });
    }
  });
  proposed.forEach((line, p) => {
    if (proposedLeft[p] === 1) {
      changes.push({ status: "new", current: null, proposed: line, matchedBy: null, changes: NO_CHANGES });
    }
  });
  return changes;
}

// The keys lines are matched on, by line index: section and title by titleKey, grade by gradeKey
// ("" for none).
class LineKeys {
  readonly section: string[];
  readonly title: string[];
  readonly grade: string[];

  constructor(lines: readonly EstablishmentRow[]) {
    this.section = lines.map((line) => (line.section === null ? "" : titleKey(line.section)));
    this.title = lines.map((line) => titleKey(line.title));
    this.grade = lines.map((line) => (line.grade === null ? "" : gradeKey(line.grade.text)));
  }
}

// Lines waiting to be matched, first come first served, by section, title and grade key; taking is
// O(1) however long the queue (a county's "Social Worker" queue runs to thousands). The keys were
// once joined with "|" into one string per line; section and title keys hold no "|", so looking the
// three up in turn matches exactly the same lines without building the string.
class Queues {
  private readonly queues = new Map<string, Map<string, Map<string, { readonly lines: number[]; next: number }>>>();

  // Keys come from LineKeys' arrays by index: `undefined` (beyond them) never happens.
  add(section: string | undefined, title: string | undefined, grade: string | undefined, line: number): void {
    let titles = this.queues.get(section ?? "");
    if (titles === undefined) {
      titles = new Map();
      this.queues.set(section ?? "", titles);
    }
    let grades = titles.get(title ?? "");
    if (grades === undefined) {
      grades = new Map();
      titles.set(title ?? "", grades);
    }
    const queue = grades.get(grade ?? "");
    if (queue === undefined) grades.set(grade ?? "", { lines: [line], next: 0 });
    else queue.lines.push(line);
  }

  take(section: string | undefined, title: string | undefined, grade: string | undefined): number | undefined {
    const queue = this.queues
      .get(section ?? "")
      ?.get(title ?? "")
      ?.get(grade ?? "");
    if (queue === undefined || queue.next >= queue.lines.length) return undefined;
    const line = queue.lines[queue.next];
    queue.next += 1;
    return line;
  }
}

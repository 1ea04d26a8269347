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

const sectionOf = (line: EstablishmentRow): string => (line.section === null ? "" : titleKey(line.section));
const gradeOf = (line: EstablishmentRow): string => (line.grade === null ? "" : gradeKey(line.grade.text));

/**
 * Matches the current establishment to the proposed one (issue 4): by post number where both
 * sides have one; then by section + job title + grade; then by section + job title (a regrade);
 * then through the title map (a renamed post). Every line ends in exactly one change: unchanged,
 * changed (title, grade or FTE differs), new or deleted. Post numbers are reused for different
 * jobs (hr-sheet-problems.md #22), so a shared number with an unrelated title is not a match.
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
  const currentLeft = new Set(current);
  const proposedLeft = new Set(proposed);
  const pair = (before: EstablishmentRow, after: EstablishmentRow, matchedBy: MatchedBy): void => {
    currentLeft.delete(before);
    proposedLeft.delete(after);
    const differs: ("title" | "grade" | "FTE")[] = [];
    if (titleKey(before.title) !== titleKey(after.title)) differs.push("title");
    // A grade missing on one side (Barnet §5.4 gives none) is unknown, not a change.
    if (before.grade !== null && after.grade !== null && gradeOf(before) !== gradeOf(after)) differs.push("grade");
    if (Math.round((before.fte ?? 0) * 1e6) !== Math.round((after.fte ?? 0) * 1e6)) differs.push("FTE");
    changes.push({
      status: differs.length === 0 ? "unchanged" : "changed",
      current: before,
      proposed: after,
      matchedBy,
      changes: differs,
    });
  };

  const byNumber = new Map<string, EstablishmentRow>();
  for (const line of current)
    for (const number of line.postNumbers) if (!byNumber.has(number)) byNumber.set(number, line);
  // A shared post number is the same post only when the title agrees (directly or through the
  // title map); otherwise the number was reused for another job and the validator has said so.
  const sameJob = (before: EstablishmentRow, after: EstablishmentRow): boolean =>
    titleKey(before.title) === titleKey(after.title) ||
    (titleMap.get(titleKey(before.title)) ?? []).includes(titleKey(after.title));
  for (const after of proposed) {
    const before = after.postNumbers
      .map((n) => byNumber.get(n))
      .find((line) => line !== undefined && currentLeft.has(line) && sameJob(line, after));
    if (before !== undefined) pair(before, after, "post-number");
  }
  const passes: readonly [MatchedBy, (line: EstablishmentRow) => string, (line: EstablishmentRow) => string][] = [
    [
      "title-and-grade",
      (l) => `${sectionOf(l)}|${titleKey(l.title)}|${gradeOf(l)}`,
      (l) => `${sectionOf(l)}|${titleKey(l.title)}|${gradeOf(l)}`,
    ],
    ["title", (l) => `${sectionOf(l)}|${titleKey(l.title)}`, (l) => `${sectionOf(l)}|${titleKey(l.title)}`],
  ];
  for (const [matchedBy, currentKey, proposedKey] of passes) {
    const waiting = new Queues();
    for (const line of current) if (currentLeft.has(line)) waiting.add(currentKey(line), line);
    for (const after of proposed) {
      if (!proposedLeft.has(after)) continue;
      const before = waiting.take(proposedKey(after));
      if (before !== undefined) pair(before, after, matchedBy);
    }
  }
  // Renamed posts: a current title the map sends to a proposed title, in the same section.
  const waitingByTitle = new Queues();
  for (const line of proposed) {
    if (proposedLeft.has(line)) waitingByTitle.add(`${sectionOf(line)}|${titleKey(line.title)}`, line);
  }
  for (const before of current) {
    if (!currentLeft.has(before)) continue;
    for (const target of titleMap.get(titleKey(before.title)) ?? []) {
      const after = waitingByTitle.take(`${sectionOf(before)}|${target}`);
      if (after === undefined) continue;
      pair(before, after, "title-map");
      break;
    }
  }
  for (const line of current) {
    if (currentLeft.has(line))
      changes.push({ status: "deleted", current: line, proposed: null, matchedBy: null, changes: [] });
  }
  for (const line of proposed) {
    if (proposedLeft.has(line))
      changes.push({ status: "new", current: null, proposed: line, matchedBy: null, changes: [] });
  }
  return changes;
}

// Lines waiting to be matched, first come first served, by key; taking is O(1) however long the
// queue (a county's "Social Worker" queue runs to thousands).
class Queues {
  private readonly queues = new Map<string, { readonly lines: EstablishmentRow[]; next: number }>();

  add(key: string, line: EstablishmentRow): void {
    const queue = this.queues.get(key);
    if (queue === undefined) this.queues.set(key, { lines: [line], next: 0 });
    else queue.lines.push(line);
  }

  take(key: string): EstablishmentRow | undefined {
    const queue = this.queues.get(key);
    if (queue === undefined || queue.next >= queue.lines.length) return undefined;
    const line = queue.lines[queue.next];
    queue.next += 1;
    return line;
  }
}

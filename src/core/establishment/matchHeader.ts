/** What a column holds, as recognised from its heading. */
export type ColumnField =
  | "postNumber"
  | "title"
  | "section"
  | "grade"
  | "scp"
  | "scpLow"
  | "scpHigh"
  | "fte"
  | "hours"
  | "postHolder"
  | "initial"
  | "status"
  | "pension"
  | "startDate"
  | "endDate"
  | "salary"
  | "cost"
  | "costPerFte"
  | "posts"
  | "level"
  | "reduction";

/** Which structure a qualified heading belongs to ("Proposed FTE", "Existing Job Title"). */
export type Side = "current" | "proposed";

/** A recognised heading. */
export interface HeaderMatch {
  readonly field: ColumnField;
  /** The structure the heading names, or null when it names none. */
  readonly side: Side | null;
  /** A summary heading ("Numbers in Post", "FTE including vacancies"): not a list of posts. */
  readonly summary: boolean;
}

// Headings seen in the seeds and issue 3, after normalising (lower case, no punctuation, "&" as
// "and", "£" as "pounds", numbers and side words removed). A longer phrase wins over a shorter one.
const SYNONYMS: Readonly<Record<ColumnField, readonly string[]>> = {
  postNumber: [
    "post number",
    "post numbers",
    "post no",
    "post nos",
    "post ref",
    "post reference",
    "post id",
    "position",
    "position number",
    "position no",
    "position id",
  ],
  title: ["job title", "job titles", "title", "post title", "role", "post", "job", "job role", "designation"],
  section: ["section", "service", "team", "unit", "department", "service area", "division"],
  grade: ["grade", "grades", "band", "bands", "pay grade", "pay band", "grade band"],
  scp: ["scp", "spinal point", "spinal column point", "point", "spine point", "spinal column", "scp point"],
  scpLow: ["lowest scp", "bottom scp", "min scp", "minimum scp", "scp from", "from scp", "first scp"],
  scpHigh: ["highest scp", "top scp", "max scp", "maximum scp", "scp to", "to scp", "last scp"],
  fte: ["fte", "wte", "full time equivalent", "whole time equivalent", "contracted fte", "fte count"],
  hours: ["hours", "weekly hours", "contracted hours", "hours per week", "hrs", "working hours", "hours pw"],
  postHolder: [
    "name",
    "post holder",
    "postholder",
    "employee",
    "employee name",
    "surname",
    "staff name",
    "holder",
    "incumbent",
    "full name",
    "last name",
  ],
  initial: ["initial", "initials", "forename", "first name", "given name"],
  status: ["status", "vacant", "vacant filled", "filled vacant", "vacancy", "vacant or filled", "post status"],
  pension: ["pension", "pension scheme", "scheme", "pension rate"],
  startDate: ["start date", "start", "date started", "from", "date from", "effective from"],
  endDate: ["end date", "end", "date ended", "to", "date to", "leaving date", "effective to"],
  salary: ["salary", "annual salary", "basic salary", "basic pay", "pay", "salary range", "salaries"],
  cost: ["cost", "total cost", "annual cost", "pounds", "line cost", "full year cost", "budget", "amount"],
  costPerFte: [
    "cost per fte",
    "salary with on costs",
    "cost with on costs",
    "including on costs",
    "with on costs",
    "full cost",
    "cost per post",
    "cost including on costs",
  ],
  posts: [
    "no of posts",
    "number of posts",
    "posts",
    "count",
    "headcount",
    "head count",
    "numbers in post",
    "number in post",
    "employee count",
    "staff count",
  ],
  level: ["level", "career level"],
  reduction: ["reduction", "saving", "savings", "change", "difference", "variance"],
};

// Counts that only a summary block has (Leicester A.1 "Numbers in Post", "Employee Count").
const SUMMARY_COUNTS = new Set(["numbers in post", "number in post", "employee count", "headcount", "head count"]);
const SIDE_WORDS: Readonly<Record<string, Side>> = {
  current: "current",
  existing: "current",
  present: "current",
  old: "current",
  previous: "current",
  proposed: "proposed",
  new: "proposed",
  future: "proposed",
};

const PHRASES: readonly (readonly [string, ColumnField])[] = Object.entries(SYNONYMS)
  .flatMap(([field, phrases]) => phrases.map((phrase) => [phrase, field as ColumnField] as const))
  .sort((a, b) => b[0].length - a[0].length);
const EXACT: ReadonlyMap<string, ColumnField> = new Map(PHRASES.map(([phrase, field]) => [phrase, field]));

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/£/g, " pounds ")
    .replace(/&/g, " and ")
    .replace(/\./g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .split(" ")
    .filter((word) => word !== "" && !/^\d+$/.test(word));
}

/**
 * Recognises a column heading in any case and spacing, with its synonyms (issue 3), a side word
 * ("Proposed FTE", "Existing Job Title") and a summary marker ("including vacancies").
 *
 * @example
 * matchHeader("2013/14 F.T.E.") //=> { field: "fte", side: null, summary: false }
 * matchHeader("Number of Proposed FTE") //=> { field: "fte", side: "proposed", summary: false }
 * matchHeader("Numbers in Post") //=> { field: "posts", side: null, summary: true }
 */
export function matchHeader(text: string): HeaderMatch | null {
  const withoutBrackets = text.replace(/\([^)]*\)/g, " ");
  return matchWords(words(text)) ?? matchWords(words(withoutBrackets));
}

function matchWords(all: readonly string[]): HeaderMatch | null {
  let side: Side | null = null;
  let summary = false;
  const kept: string[] = [];
  for (let i = 0; i < all.length; i += 1) {
    const word = all[i] ?? "";
    const next = all[i + 1];
    if (/^inc(l|luding)?$/.test(word) && next !== undefined && /^vacanc(y|ies)$/.test(next)) {
      summary = true;
      i += 1;
      continue;
    }
    const wordSide = SIDE_WORDS[word];
    if (wordSide !== undefined) {
      side ??= wordSide;
      continue;
    }
    kept.push(word);
  }
  if (kept.length === 0) return null;
  const phrase = kept.join(" ");
  const exact = EXACT.get(phrase) ?? EXACT.get(phrase.replace(/^(number|no) of /, ""));
  if (exact !== undefined) return { field: exact, side, summary: summary || SUMMARY_COUNTS.has(phrase) };
  // A heading with a qualifier ("ABSO level", "Reduction FTE", "Cost £"): the longest known phrase
  // inside it, if it is at least half of the heading's words, so that a job title such as "Post
  // Adoption Support Worker" is never taken for a heading.
  const padded = ` ${phrase} `;
  for (const [known, field] of PHRASES) {
    if (padded.includes(` ${known} `) && known.split(" ").length * 2 >= kept.length) {
      return { field, side, summary: summary || SUMMARY_COUNTS.has(known) };
    }
  }
  return null;
}

/** A job title as written, split into the title, a leaver mark and a count. */
export interface JobTitle {
  /** The title without a leading `*` or a trailing count, spaces collapsed. */
  readonly title: string;
  /** The title began with `*`, Leicester A.1's leaver mark (hr-sheet-problems.md #7). */
  readonly starred: boolean;
  /** `Support Worker x 4` → 4 (hr-sheet-problems.md #3); null when there is none. */
  readonly count: number | null;
}

const COUNT = /\s*(?:[x×]\s*(\d+)|\((?:[x×]\s*)?(\d+)\s*(?:posts?)?\))\s*$/i;

/**
 * Reads a job-title cell: strips a leaver's leading `*` and pulls out a count written into the
 * title.
 *
 * @example
 * parseJobTitle("* Childcare Social Worker") //=> { title: "Childcare Social Worker", starred: true, count: null }
 * parseJobTitle("Support Worker x 4") //=> { title: "Support Worker", starred: false, count: 4 }
 */
export function parseJobTitle(text: string): JobTitle {
  const known = TITLES.get(text);
  if (known !== undefined) return known;
  // A sheet repeats a few hundred titles over thousands of rows: read each once, and let its rows
  // share the one title string.
  if (TITLES.size >= TITLE_CACHE_SIZE) TITLES.clear();
  const read = Object.freeze(readTitle(text));
  TITLES.set(text, read);
  return read;
}

const TITLE_CACHE_SIZE = 10_000;
const TITLES = new Map<string, JobTitle>();

function readTitle(text: string): JobTitle {
  let title = text.replace(/\s+/g, " ").trim();
  const starred = title.startsWith("*");
  if (starred) title = title.replace(/^\*+\s*/, "");
  let count: number | null = null;
  const match = COUNT.exec(title);
  const digits = match?.[1] ?? match?.[2];
  if (match !== null && digits !== undefined && match.index > 0) {
    count = Number(digits);
    title = title.slice(0, match.index).trim();
  }
  return { title, starred, count };
}

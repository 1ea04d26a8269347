import type { CellValue } from "../pay/parseLocalScale";

/** The post numbers in one cell, and what was wrong with how they were written. */
export interface PostNumbers {
  /** Each number with stray spaces removed; placeholders are not numbers and are left out. */
  readonly numbers: readonly string[];
  /** Numbers written with spaces inside, as written (`500 25144`). */
  readonly spaced: readonly string[];
  /** Placeholders written instead of a number (`tbc`). */
  readonly placeholders: readonly string[];
  /** Parts that are neither a post number nor a known placeholder. */
  readonly odd: readonly string[];
}

// Seen in the seeds (Barnet §5.4 "…/50025140/tbc") and what HR writes for "not yet known".
const PLACEHOLDER = /^(tbc|tba|tbd|n\/?a|new|vacant|unknown|none|x+|\?+)$/i;
const POST_NUMBER = /^[A-Za-z]{0,4}\d[\dA-Za-z.\-_]*$/;

/**
 * Splits a post-number cell into post numbers: several numbers are split on `/` (or `,` and `;`),
 * spaces inside a number are stripped and noted (hr-sheet-problems.md #1–2), placeholders such as
 * `tbc` are noted and left out.
 *
 * @example
 * parsePostNumbers("50025348/ 50025140/tbc").numbers //=> ["50025348", "50025140"]
 * parsePostNumbers("500 25144").spaced //=> ["500 25144"]
 */
export function parsePostNumbers(value: CellValue): PostNumbers {
  const numbers: string[] = [];
  const spaced: string[] = [];
  const placeholders: string[] = [];
  const odd: string[] = [];
  if (value === null || value === undefined || typeof value === "boolean") {
    return { numbers, spaced, placeholders, odd };
  }
  if (typeof value === "number") {
    if (Number.isInteger(value) && value >= 0) numbers.push(String(value));
    else odd.push(String(value));
    return { numbers, spaced, placeholders, odd };
  }
  // "n/a" is a placeholder, not two parts.
  const parts = /^\s*n\s*\/\s*a\s*$/i.test(value) ? [value] : value.trim().split(/[/,;]/);
  for (const raw of parts) {
    const part = raw.trim();
    if (part === "") continue;
    if (PLACEHOLDER.test(part.replace(/\s+/g, ""))) {
      placeholders.push(part);
      continue;
    }
    const joined = part.replace(/\s+/g, "");
    if (!POST_NUMBER.test(joined)) {
      odd.push(part);
      continue;
    }
    // A space beside a "/" is as stray as one inside a number (Barnet §5.4 "50099820/ 50099851").
    if (joined !== raw) spaced.push(raw);
    numbers.push(joined.toUpperCase());
  }
  return { numbers, spaced, placeholders, odd };
}

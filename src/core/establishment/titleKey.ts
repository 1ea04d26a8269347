// Spellings that name the same job (hr-sheet-problems.md #6 and #14: Personal Advisor/Adviser in
// Leicester §7 and §6.2; Waking Night/Nights Staff in §7 and A.1).
const SYNONYMS: ReadonlyMap<string, string> = new Map([
  ["advisor", "adviser"],
  ["advisors", "adviser"],
  ["advisers", "adviser"],
  ["nights", "night"],
  ["officers", "officer"],
  ["mgr", "manager"],
  ["asst", "assistant"],
  ["snr", "senior"],
  ["childcare", "child care"],
]);

/**
 * The key job titles are matched on: case, spacing, punctuation, `&`/`and`, plural endings and
 * known spelling variants do not matter.
 *
 * @example
 * titleKey("Childcare Social worker") === titleKey("Child Care Social Workers") //=> true
 * titleKey("Personal Advisor") === titleKey("Personal Adviser") //=> true
 */
export function titleKey(title: string): string {
  const known = KEYS.get(title);
  if (known !== undefined) return known;
  // Establishments repeat a few hundred titles over thousands of rows: remember their keys.
  if (KEYS.size >= KEY_CACHE_SIZE) KEYS.clear();
  const key = makeKey(title);
  KEYS.set(title, key);
  return key;
}

const KEY_CACHE_SIZE = 10_000;
const KEYS = new Map<string, string>();

function makeKey(title: string): string {
  return title
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .split(" ")
    .map((word) => SYNONYMS.get(word) ?? singular(word))
    .join(" ");
}

// Plural "workers" and "practitioners" name the same job as the singular; "business" and
// "services" stay as they are only where the ending is part of the word.
function singular(word: string): string {
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")) {
    return word.slice(0, -1);
  }
  return word;
}

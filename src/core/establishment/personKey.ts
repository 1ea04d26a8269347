import { hashMore, hashText } from "./hashText";

/**
 * The key a post-holder is matched on across rows: case, spacing and punctuation do not matter.
 *
 * @example
 * personKey("O'Brien,  K") === personKey("o brien k") //=> true
 */
export function personKey(name: string): string {
  const lower = name.toLowerCase();
  // Names are nearly always plain ASCII, for which a plain character class does what the Unicode
  // one does, several times faster.
  return !NOT_ASCII.test(lower)
    ? lower.replace(/[^a-z0-9]+/g, " ").trim()
    : lower.replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

/**
 * hashText(personKey(name)), worked out without making the key for an ASCII name: the letters and
 * digits, lower-cased, with one space between runs of them. Lets a sheet of a million people be
 * checked for repeated names without a million new strings.
 *
 * @example
 * personKeyHash("Ashby-x K") === hashText(personKey("Ashby-x K")) //=> true
 */
export function personKeyHash(name: string): number {
  let hash = EMPTY_HASH;
  let wrote = false;
  let gap = false;
  for (let i = 0; i < name.length; i += 1) {
    let code = name.charCodeAt(i);
    if (code >= 0x80) return hashText(personKey(name));
    if (code >= 0x41 && code <= 0x5a) code += 0x20;
    const kept = (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
    if (!kept) {
      gap = wrote;
      continue;
    }
    if (gap) hash = hashMore(hash, 0x20);
    hash = hashMore(hash, code);
    wrote = true;
    gap = false;
  }
  return hash;
}

const NOT_ASCII = /[\u0080-\uffff]/;
const EMPTY_HASH = hashText("");

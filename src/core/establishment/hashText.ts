/**
 * A 32-bit hash of a text (FNV-1a over its UTF-16 code units). Equal texts hash equal; different
 * texts now and then do too, so a hash only says where to look, never that two keys are the same.
 *
 * @example
 * hashText("50025140") === hashText("50025140") //=> true
 */
export function hashText(text: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return hash >>> 0;
}

/**
 * The hash of a text that follows on from `hash` (the hash of what came before it): hashing
 * "a", then "b" onwards, gives hashText("ab"). For building a key's hash without building the key.
 *
 * @example
 * hashMore(hashMore(hashText(""), 97), 98) === hashText("ab") //=> true
 */
export function hashMore(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME) >>> 0;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

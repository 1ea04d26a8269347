/**
 * For each of many keys, the index of the first key equal to it (its own index when it is the
 * first). The keys are given as 32-bit hashes plus a way to read a key, and are grouped by sorting
 * the hashes, then comparing keys only where hashes are equal. A million post numbers or names put
 * in a Map are a million string insertions into a table far bigger than the processor's caches;
 * hashing and sorting them takes about half as long, and names need not even be made into keys
 * (see personKeyHash).
 *
 * The lists are plain arrays, not typed arrays: a typed array's memory is outside the JavaScript
 * heap, and tens of megabytes of it make V8 collect the whole heap (a second at 1M rows) to see
 * whether it can be freed.
 *
 * @example
 * const keys = ["a", "b", "a"];
 * firstWithSameKey(keys.map(hashText), (i) => keys[i] ?? "") //=> [0, 1, 0]
 */
export function firstWithSameKey(hashes: readonly number[], keyOf: (index: number) => string): number[] {
  const count = hashes.length;
  const first = indices(count);
  const order = sortByHash(hashes);
  let start = 0;
  while (start < count) {
    const hash = hashes[order[start] ?? 0];
    let end = start + 1;
    while (end < count && hashes[order[end] ?? 0] === hash) end += 1;
    // A run of equal hashes is nearly always one key said more than once (a post number in both
    // sheets: a run of two); now and then two keys share a hash. The run is in index order, so the
    // first index seen with a key is its first.
    if (end - start === 2) {
      const a = order[start] ?? 0;
      const b = order[start + 1] ?? 0;
      if (keyOf(a) === keyOf(b)) first[b] = a;
    } else if (end - start > 2) {
      const firstOf = new Map<string, number>();
      for (let k = start; k < end; k += 1) {
        const index = order[k] ?? 0;
        const key = keyOf(index);
        const found = firstOf.get(key);
        if (found === undefined) firstOf.set(key, index);
        else first[index] = found;
      }
    }
    start = end;
  }
  return first;
}

const RADIX_BITS = 11;
const BUCKETS = 1 << RADIX_BITS;

// Indices ordered by hash, equal hashes in index order: a least-significant-digit radix sort, three
// passes of 11 bits, each stable.
function sortByHash(hashes: readonly number[]): number[] {
  const count = hashes.length;
  let order = indices(count);
  let next = indices(count);
  const starts = new Array<number>(BUCKETS).fill(0);
  for (let shift = 0; shift < 32; shift += RADIX_BITS) {
    starts.fill(0);
    for (let i = 0; i < count; i += 1) {
      const bucket = ((hashes[i] ?? 0) >>> shift) & (BUCKETS - 1);
      starts[bucket] = (starts[bucket] ?? 0) + 1;
    }
    let total = 0;
    for (let b = 0; b < BUCKETS; b += 1) {
      const size = starts[b] ?? 0;
      starts[b] = total;
      total += size;
    }
    for (let i = 0; i < count; i += 1) {
      const index = order[i] ?? 0;
      const bucket = ((hashes[index] ?? 0) >>> shift) & (BUCKETS - 1);
      next[starts[bucket] ?? 0] = index;
      starts[bucket] = (starts[bucket] ?? 0) + 1;
    }
    [order, next] = [next, order];
  }
  return order;
}

// 0, 1, … count - 1.
function indices(count: number): number[] {
  const list = new Array<number>(count);
  for (let i = 0; i < count; i += 1) list[i] = i;
  return list;
}

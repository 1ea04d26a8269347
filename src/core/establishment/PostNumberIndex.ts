import { firstWithSameKey } from "./firstWithSameKey";
import { hashText } from "./hashText";

/** One list's post numbers alone: each entry's number and line, and the list's first entry with it. */
export interface ListPostNumbers {
  readonly numbers: readonly string[];
  readonly lines: readonly number[];
  readonly first: readonly number[];
}

/** Anything with post numbers: an establishment row, or one post of it. */
interface WithPostNumbers {
  readonly postNumbers: readonly string[];
}

/**
 * Every post number of one list of lines (a sheet), or of two (current, then proposed), as entries
 * in order: the number, the line it is on (its index in its own list) and the first entry with the
 * same number. Entries 0 to `split` - 1 are the first list's. validateWorkbook indexes both sheets
 * once, for the checks for a number on two rows of a sheet and for a number in both sheets, rather
 * than each check putting a million numbers in a Map of its own (see firstWithSameKey).
 *
 * @example
 * const index = new PostNumberIndex([{ postNumbers: ["1"] }, { postNumbers: ["2", "1"] }]);
 * index.first //=> [0, 1, 0]
 */
export class PostNumberIndex {
  /** Where the second list's entries start (the count of entries when there is one list). */
  readonly split: number;
  readonly numbers: readonly string[];
  /** The index of the line each entry is on, in its own list. */
  readonly lines: readonly number[];
  /** The first entry with each entry's number (the entry itself when it is the first). */
  readonly first: readonly number[];

  constructor(list: readonly WithPostNumbers[], second: readonly WithPostNumbers[] = []) {
    let count = 0;
    for (const line of list) count += line.postNumbers.length;
    this.split = count;
    for (const line of second) count += line.postNumbers.length;
    const numbers = new Array<string>(count);
    const lines = new Array<number>(count);
    const hashes = new Array<number>(count);
    let entry = 0;
    for (const side of [list, second]) {
      side.forEach((line, index) => {
        for (const number of line.postNumbers) {
          numbers[entry] = number;
          lines[entry] = index;
          hashes[entry] = hashText(number);
          entry += 1;
        }
      });
    }
    this.numbers = numbers;
    this.lines = lines;
    this.first = firstWithSameKey(hashes, (at) => numbers[at] ?? "");
  }

  /**
   * The entries of the first list (0) or the second (1) alone, numbered from 0, each with the first
   * entry of that list with its number: what a check within one sheet needs, from the index of
   * both sheets.
   *
   * @example
   * new PostNumberIndex([{ postNumbers: ["1"] }], [{ postNumbers: ["2"] }, { postNumbers: ["1", "2"] }]).list(1).first //=> [0, 1, 0]
   */
  list(which: 0 | 1): ListPostNumbers {
    const start = which === 0 ? 0 : this.split;
    const end = which === 0 ? this.split : this.numbers.length;
    const first: number[] = [];
    // A first-list entry's first entry is in the first list. A second-list entry's is too when the
    // number is in both lists: then the second list's first entry with it is remembered by that
    // first-list entry.
    const inSecond = which === 0 ? [] : new Array<number>(this.split).fill(-1);
    for (let entry = start; entry < end; entry += 1) {
      const group = this.first[entry] ?? entry;
      if (group >= start) {
        first.push(group - start);
        continue;
      }
      let own = inSecond[group] ?? -1;
      if (own === -1) {
        own = entry - start;
        inSecond[group] = own;
      }
      first.push(own);
    }
    return { numbers: this.numbers.slice(start, end), lines: this.lines.slice(start, end), first };
  }

  /**
   * Where each number was last in the first list: at the first entry with a number, the last entry
   * of the first list with it, or -1 when the first list does not have it.
   *
   * @example
   * const index = new PostNumberIndex([{ postNumbers: ["1"] }, { postNumbers: ["1"] }], [{ postNumbers: ["1"] }]);
   * index.lastInFirstList()[index.first[2] ?? 2] //=> 1
   */
  lastInFirstList(): number[] {
    const last = new Array<number>(this.numbers.length).fill(-1);
    for (let entry = 0; entry < this.split; entry += 1) last[this.first[entry] ?? entry] = entry;
    return last;
  }
}

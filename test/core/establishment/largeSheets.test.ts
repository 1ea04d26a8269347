// The structures that let the reader and the checks go through a million rows (issue 6): a row
// read once into reused arrays, keys grouped by sorting hashes rather than in a Map, and post
// numbers indexed once. Each is checked against the plain way of doing the same thing, on random
// input, so that being fast never changes an answer.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EXCEL_ERROR_VALUES, type GridInput, readCell, type SheetGrid } from "../../../src/core";
import { firstWithSameKey } from "../../../src/core/establishment/firstWithSameKey";
import { hashMore, hashText } from "../../../src/core/establishment/hashText";
import { personKey, personKeyHash } from "../../../src/core/establishment/personKey";
import { PostNumberIndex } from "../../../src/core/establishment/PostNumberIndex";
import { RowCells } from "../../../src/core/establishment/RowCells";

const value: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(""),
  fc.constantFrom("  ", "\u00a0", " x ", "Total", "#REF!", " #N/A ", "a#b"),
  fc.integer({ min: -1000, max: 100000 }),
  fc.double(),
  fc.boolean(),
  fc.constantFrom(...EXCEL_ERROR_VALUES),
  fc.string({ maxLength: 12 }),
  fc.constant({ nested: [1, 2] }),
);

const cell: fc.Arbitrary<GridInput> = fc.oneof(
  { weight: 5, arbitrary: value as fc.Arbitrary<GridInput> },
  { weight: 1, arbitrary: fc.record({ value, struck: fc.boolean() }) as fc.Arbitrary<GridInput> },
  {
    weight: 1,
    arbitrary: fc.record({ value, error: fc.constantFrom(...EXCEL_ERROR_VALUES, "") }) as fc.Arbitrary<GridInput>,
  },
);

// What the reader counted before it read rows into RowCells: readCell, cell by cell.
function shapeByReadCell(grid: SheetGrid, row: number): { filled: number; texts: number; numbers: number } {
  let filled = 0;
  let texts = 0;
  let numbers = 0;
  for (let c = 0; c < (grid.rows[row]?.length ?? 0); c += 1) {
    const read = readCell(grid.rows, row, c);
    if (read.error !== null) {
      filled += 1;
      continue;
    }
    if (read.value === null || read.value === undefined) continue;
    if (typeof read.value === "string" && read.value.trim() === "") continue;
    filled += 1;
    if (typeof read.value === "number") numbers += 1;
    else texts += 1;
  }
  return { filled, texts, numbers };
}

describe("RowCells", () => {
  it("reads every cell as readCell does, and counts the row as the reader did", () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 8 }), { minLength: 1, maxLength: 6 }), (rows) => {
        const grid: SheetGrid = { name: "S", rows };
        // One RowCells for every row, as the reader uses it: nothing may leak from one row to the next.
        const cells = new RowCells();
        for (let row = 0; row < rows.length; row += 1) {
          cells.load(grid, row);
          expect({ filled: cells.filled, texts: cells.texts, numbers: cells.numbers }).toEqual(
            shapeByReadCell(grid, row),
          );
          expect(cells.width).toBe(rows[row]?.length ?? 0);
          for (let c = 0; c < 10; c += 1) {
            const read = readCell(grid.rows, row, c);
            expect([cells.value(c), cells.struck(c), cells.error(c)]).toEqual([read.value, read.struck, read.error]);
            expect(cells.text(c)).toBe(typeof read.value === "string" ? read.value.trim() : "");
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("reads a sparse row's holes as blanks", () => {
    const row: GridInput[] = [];
    row[3] = "Social Worker";
    const cells = new RowCells().load({ name: "S", rows: [row] }, 0);
    expect([cells.width, cells.filled, cells.texts, cells.value(0), cells.value(3)]).toEqual([
      4,
      1,
      1,
      null,
      "Social Worker",
    ]);
  });
});

// The plain way: a Map from key to the first index it was seen at.
function firstByMap(keys: readonly string[]): number[] {
  const firstOf = new Map<string, number>();
  return keys.map((key, index) => {
    const first = firstOf.get(key);
    if (first !== undefined) return first;
    firstOf.set(key, index);
    return index;
  });
}

describe("firstWithSameKey", () => {
  const keys = fc.array(fc.constantFrom("a", "b", "c", "d", "50025140", "500 25140", "", "é"), { maxLength: 60 });

  it("finds each key's first index, as a Map does", () => {
    fc.assert(
      fc.property(keys, (list) => {
        expect(firstWithSameKey(list.map(hashText), (i) => list[i] ?? "")).toEqual(firstByMap(list));
      }),
    );
  });

  it("tells keys apart when their hashes collide", () => {
    fc.assert(
      fc.property(keys, fc.integer({ min: 1, max: 3 }), (list, buckets) => {
        // Few hashes for many keys: most runs of equal hashes mix keys, and some hold more than
        // eight different ones.
        const many = [...list, ...list.map((key) => `${key}!`), ...Array.from({ length: 12 }, (_, i) => `k${i}`)];
        const hashes = many.map((key) => hashText(key) % buckets);
        expect(firstWithSameKey(hashes, (i) => many[i] ?? "")).toEqual(firstByMap(many));
      }),
    );
  });

  it("handles a million copies of one key and an empty list", () => {
    const same = new Array<number>(1_000_000).fill(7);
    const first = firstWithSameKey(same, () => "x");
    expect([first[0], first[999_999]]).toEqual([0, 0]);
    expect(firstWithSameKey([], () => "")).toEqual([]);
  });
});

describe("hashText and hashMore", () => {
  it("hash a text the same whole or code by code", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        let hash = hashText("");
        for (let i = 0; i < text.length; i += 1) hash = hashMore(hash, text.charCodeAt(i));
        expect(hash).toBe(hashText(text));
      }),
    );
  });
});

describe("personKey and personKeyHash", () => {
  const name = fc.oneof(
    fc.string(),
    fc.stringMatching(/^[A-Za-z0-9 .,'-]{0,16}$/),
    fc.constantFrom("O'Brien,  K", " Ashby-x K ", "ZOË Ashby", "Kelvin \u212a", "İlker", "--", "", "a\tb\nc"),
  );

  it("puts names that differ only in case, spacing and punctuation together", () => {
    expect(personKey("O'Brien,  K")).toBe(personKey("o brien k"));
    expect(personKey("Ashby-x K")).toBe("ashby x k");
    expect(personKey("Zoë  Ashby")).toBe("zoë ashby");
  });

  it("keeps the key's meaning: the same key as lower-casing and the Unicode classes give", () => {
    fc.assert(
      fc.property(name, (text) => {
        expect(personKey(text)).toBe(
          text
            .toLowerCase()
            .replace(/[^\p{L}\p{N}]+/gu, " ")
            .trim(),
        );
      }),
    );
  });

  it("hashes a name as hashText hashes its key, without making the key", () => {
    fc.assert(
      fc.property(name, (text) => {
        expect(personKeyHash(text)).toBe(hashText(personKey(text)));
      }),
    );
  });
});

describe("PostNumberIndex", () => {
  const numbers = fc.array(fc.constantFrom("1", "2", "3", "50025140", "X1"), { maxLength: 3 });
  const lines = fc.array(
    numbers.map((postNumbers) => ({ postNumbers })),
    { maxLength: 12 },
  );

  it("lists every number in order with its line and its first entry", () => {
    fc.assert(
      fc.property(lines, lines, (current, proposed) => {
        const index = new PostNumberIndex(current, proposed);
        const entries = [current, proposed].flatMap((side) =>
          side.flatMap((line, lineIndex) => line.postNumbers.map((number) => ({ number, lineIndex }))),
        );
        expect(index.numbers).toEqual(entries.map((entry) => entry.number));
        expect(index.lines).toEqual(entries.map((entry) => entry.lineIndex));
        expect(index.split).toBe(current.reduce((sum, line) => sum + line.postNumbers.length, 0));
        expect(index.first).toEqual(firstByMap(index.numbers));
      }),
    );
  });

  it("gives each list alone as indexing that list alone does", () => {
    fc.assert(
      fc.property(lines, lines, (current, proposed) => {
        const index = new PostNumberIndex(current, proposed);
        expect(index.list(0)).toEqual(new PostNumberIndex(current).list(0));
        expect(index.list(1)).toEqual(new PostNumberIndex(proposed).list(0));
        const alone = new PostNumberIndex(proposed);
        expect(alone.list(0).first).toEqual(alone.first);
      }),
    );
  });

  it("gives the last entry of the first list with each number", () => {
    fc.assert(
      fc.property(lines, lines, (current, proposed) => {
        const index = new PostNumberIndex(current, proposed);
        const lastCurrent = new Map<string, number>();
        index.numbers.slice(0, index.split).forEach((number, entry) => lastCurrent.set(number, entry));
        const last = index.lastInFirstList();
        index.numbers.forEach((number, entry) => {
          expect(last[index.first[entry] ?? entry]).toBe(lastCurrent.get(number) ?? -1);
        });
      }),
    );
  });
});

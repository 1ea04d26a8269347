// Issue 6, Excel adapter: writing the outputs takes syncs in proportion to the payload (about one
// per 4 MB block), never to the number of rows, and no request comes near Excel on the web's 5 MB.
import { beforeAll, describe, expect, it } from "vitest";
import type { CostedPost, Reduction } from "../../src/core";
import { DEFAULT_BLOCK_LIMITS } from "../../src/excel/blockLimits";
import { ExcelHost } from "../../src/excel/ExcelHost";
import { FakeExcel, type SyncRecord } from "./fakeExcel";
import { leicesterReduction } from "./leicesterReduction";

const LIMIT = 5_000_000;
const ROWS = 200_000;

/** The sample's costed posts, repeated until the costed-posts sheet has `rows` rows. */
function repeated(posts: readonly CostedPost[], rows: number): CostedPost[] {
  return Array.from({ length: rows }, (_, i) => posts[i % posts.length] as CostedPost);
}

describe(`writing a reduction with ${String(ROWS)} costed posts`, () => {
  let syncs: SyncRecord[];
  let excel: FakeExcel;

  beforeAll(async () => {
    const { grids, reduction } = await leicesterReduction();
    const big: Reduction = {
      ...reduction,
      current: repeated(reduction.current, ROWS / 2),
      proposed: repeated(reduction.proposed, ROWS / 2),
    };
    excel = FakeExcel.fromGrids(grids);
    const first = excel.syncs.length;
    await new ExcelHost(excel.run).writeOutputs(big);
    syncs = excel.syncs.slice(first);
  }, 120_000);

  it("writes every row", () => {
    expect(excel.sheet("Costed posts").rows.size).toBe(ROWS + 1);
  });

  it("keeps every request and response under 5 MB, and every block near the 4 MB budget", () => {
    expect(syncs.every((sync) => sync.error === null)).toBe(true);
    expect(Math.max(...syncs.map((sync) => sync.requestBytes))).toBeLessThanOrEqual(DEFAULT_BLOCK_LIMITS.bytes);
    expect(Math.max(...syncs.map((sync) => sync.responseBytes))).toBeLessThan(LIMIT);
    // The costed posts' blocks (all but its last) carry at least 3 MB each.
    const large = syncs.filter((sync) => sync.requestBytes > 1_000_000);
    expect(large.length).toBeGreaterThan(5);
    expect(large.slice(0, -1).every((sync) => sync.requestBytes > 3_000_000)).toBe(true);
  });

  it("takes syncs in proportion to the bytes, not the rows: within 1.5× of one per 4 MB, plus the fixed ones", () => {
    const bytes = syncs.reduce((sum, sync) => sum + sync.requestBytes, 0);
    // Fixed: load names, add the sheets, show them; and each of the five sheets' last, part-filled block.
    const fixed = 3 + 5;
    expect(syncs.length).toBeLessThanOrEqual(Math.ceil((1.5 * bytes) / DEFAULT_BLOCK_LIMITS.bytes) + fixed);
    // Nothing like one per 50,000 cells (the old cap: 69 syncs for these 3.4 million cells).
    expect(syncs.length).toBeLessThan((ROWS * 17) / 50_000 / 2);
  });
});

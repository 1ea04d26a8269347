// Issue 7: HR sheets hold personal data. The post lists, the staff impact and every output sheet
// carry counts of post-holders; names appear only when the user asks for a named list.
import { describe, expect, it } from "vitest";
import { buildReduction, DEFAULT_REDUCTION_SETTINGS, type SheetGrid, validateWorkbook } from "../../src/core";
import { buildOutputSheets, type OutputSheet } from "../../src/output/outputSheets";

const STAMP = { builtOn: "2026-11-23", version: "test" };

const current: SheetGrid = {
  name: "Current",
  rows: [
    ["Post number", "Job title", "Grade", "FTE", "Post holder"],
    ["P1", "Support Worker", "S1", 1, "Ada Ashby"],
    ["P2", "Support Worker", "S1", 1, "Ben Brook"],
    ["P3", "Team Manager", "PO1", 1, "Cara Cole"],
    ["P4", "Officer", "S2", 1, "Dan Dale"],
  ],
};
// P1 and P2 are deleted (two people at risk), P3 is regraded (one person in a changed post).
const proposed: SheetGrid = {
  name: "Proposed",
  rows: [
    ["Post number", "Job title", "Grade", "FTE", "Post holder"],
    ["P3", "Team Manager", "PO2", 1, "Cara Cole"],
    ["P4", "Officer", "S2", 1, "Dan Dale"],
  ],
};
const NAMES = ["Ada Ashby", "Ben Brook", "Cara Cole", "Dan Dale"];

const reduce = (namedList: boolean) =>
  buildReduction(validateWorkbook([current, proposed]), new Map(), { ...DEFAULT_REDUCTION_SETTINGS, namedList }, STAMP);

const textOf = (sheets: readonly OutputSheet[]): string =>
  JSON.stringify(sheets.map((sheet) => sheet.rows.map((cells) => cells.map((cell) => cell.value))));

describe("post-holders in the outputs", () => {
  it("are counted, not named, unless a named list is asked for", () => {
    const reduction = reduce(false);
    expect(reduction.deletedPosts).toEqual([
      expect.objectContaining({ title: "Support Worker", fte: 2, people: 2, postHolders: [] }),
    ]);
    expect(reduction.changedPosts).toEqual([
      expect.objectContaining({ oldGrade: "PO1", newGrade: "PO2", people: 1, postHolders: [] }),
    ]);
    const sheets = buildOutputSheets(reduction, ["Current", "Proposed"]);
    for (const name of NAMES) expect(textOf(sheets)).not.toContain(name);
    expect(reduction.assumptions).toContainEqual({
      label: "Post-holders in the post lists",
      value: "counted, not named",
    });
  });

  it("gives the counts in the Post changes sheet: deleted posts 2 affected, changed posts 1", () => {
    const changes = buildOutputSheets(reduce(false), [])[1];
    const rows = changes?.rows.map((cells) => cells.map((cell) => cell.value)) ?? [];
    expect(rows).toContainEqual(["", "Support Worker", "S1", 2, 2]);
    expect(rows.find((cells) => cells[1] === "Team Manager")?.slice(-1)).toEqual([1]);
  });

  it("names them in the deleted and changed posts when a named list is asked for", () => {
    const reduction = reduce(true);
    expect(reduction.deletedPosts[0]?.postHolders).toEqual(["Ada Ashby", "Ben Brook"]);
    expect(reduction.changedPosts[0]?.postHolders).toEqual(["Cara Cole"]);
    const changes = buildOutputSheets(reduction, [])[1];
    const rows = changes?.rows.map((cells) => cells.map((cell) => cell.value)) ?? [];
    expect(rows).toContainEqual(["", "Support Worker", "S1", 2, 2, "Ada Ashby, Ben Brook"]);
    // Unchanged posts are in no list: their post-holder is not named anywhere.
    expect(textOf(buildOutputSheets(reduction, []))).not.toContain("Dan Dale");
  });
});

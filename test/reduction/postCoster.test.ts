// PostCoster (issue 6) remembers each SCP, costing point and (salary, FTE) it has costed, so that a
// million lines cost a few hundred costings. Costing a run's lines with one PostCoster must give
// exactly what costing each line alone with costPost gives, whatever the order of the lines.
import { describe, expect, it } from "vitest";
import {
  costPost,
  DEFAULT_REDUCTION_SETTINGS,
  parsePensionScheme,
  PostCoster,
  ratio,
  type ReductionSettings,
  type SheetGrid,
  validateWorkbook,
} from "../../src/core";

const header = ["Post number", "Job title", "Grade", "SCP", "FTE", "Surname", "Salary", "Cost"];
const current: SheetGrid = {
  name: "Current",
  rows: [
    header,
    [1, "Social Worker", "PO2", 25, 1, "Ashby", null, null],
    [2, "Social Worker", "PO2", 25, 0.5, "Birch", null, null],
    [3, "Social Worker", "PO2", 25, 0.5, "Carrow", null, null], // the same costing as the row above
    [4, "Team Manager", "PO6", null, 1, null, null, null], // costed at the grade's point
    [5, "Social workers 3", "PO2", null, 3, null, null, null], // three full-time posts
    [6, "Senior Practitioner", "PO4", 43, 2, "Dalton", null, null], // one person above 1.0 FTE
    [7, "Admin Officer", null, null, 0.6, "Elmore", 21000, null], // a salary given
    [8, "Waking Night Allowance", null, null, null, null, null, 52080], // an allowance
    [9, "Agency Worker", null, null, 1, null, null, 40000], // a stated cost
    [10, "Caretaker", "B", null, 1, null, null, null], // a grade costed per FTE
    [11, "Cook", "C", null, 1, null, null, null], // a grade with no pay
    [12, "Porter", "PO99", null, 1, null, null, null], // not in the grades table
    [13, "Driver", "PO2", 33, 1, null, null, null], // an SCP with no 2025/26 value
    [14, "Social Worker", "PO2", 25, -0.5, null, null, null], // a negative FTE
    [15, "Team Manager", "PO6", null, 1, "Fenwick", null, null],
  ],
};
const grades: SheetGrid = {
  name: "Grades",
  rows: [
    ["Grade", "SCP range", "Cost per FTE"],
    ["PO2", "24 - 27", null],
    ["PO4", "28 - 31", null],
    ["PO6", "38 - 41", null],
    ["B", null, 30000],
    ["C", null, null],
  ],
};

const SETTINGS: readonly ReductionSettings[] = [
  { ...DEFAULT_REDUCTION_SETTINGS, pension: parsePensionScheme("19.5%") },
  { ...DEFAULT_REDUCTION_SETTINGS, point: "mid", niMethod: "monthly" },
  { ...DEFAULT_REDUCTION_SETTINGS, point: "bottom", flatRate: ratio(3, 10), levy: false },
  { ...DEFAULT_REDUCTION_SETTINGS, payYear: 2014, taxYear: 2014, niCategory: "D" },
];

describe("PostCoster", () => {
  const validation = validateWorkbook([current, grades]);
  const lines = validation.current?.rows ?? [];

  it("reads the lines the test means to cost", () => {
    expect(lines.length).toBe(15);
  });

  it.each(SETTINGS.map((settings, index) => [index, settings] as const))(
    "costs every line as costPost does alone (settings %i), forwards and backwards",
    (_, settings) => {
      const alone = lines.map((line) => costPost(line, "current", validation.grades, settings));
      const coster = new PostCoster(validation.grades, settings);
      expect(lines.map((line) => coster.cost(line, "current"))).toEqual(alone);
      const backwards = new PostCoster(validation.grades, settings);
      expect([...lines].reverse().map((line) => backwards.cost(line, "current"))).toEqual([...alone].reverse());
      // Costing again from what it remembers gives the same again.
      expect(lines.map((line) => coster.cost(line, "current"))).toEqual(alone);
    },
  );

  it("keeps the figures of one person above 1.0 FTE apart from a line of several posts", () => {
    const coster = new PostCoster(validation.grades, SETTINGS[0] as ReductionSettings);
    const [posts, person] = [lines[4], lines[5]].map((line) =>
      line === undefined ? null : coster.cost(line, "current"),
    );
    expect(posts?.note).toMatch(/3 full-time posts/);
    expect(person?.note).not.toMatch(/full-time posts/);
  });
});

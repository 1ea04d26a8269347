// The parsing helpers, on values as HR writes them (hr-sheet-problems.md and issue 3). Each expected
// value is worked out by hand from the input beside it.
import { describe, expect, it } from "vitest";
import { findSheets } from "../../../src/core/establishment/findSheets";
import { type ColumnField, matchHeader, type Side } from "../../../src/core/establishment/matchHeader";
import { gradeKey, parseGradeText, type ScpRange } from "../../../src/core/establishment/parseGradeText";
import { type HrNumber, parseHrNumber } from "../../../src/core/establishment/parseHrNumber";
import { parseJobTitle } from "../../../src/core/establishment/parseJobTitle";
import { parsePostNumbers } from "../../../src/core/establishment/parsePostNumbers";
import { titleKey } from "../../../src/core/establishment/titleKey";
import { type TotalLabel, totalLabel } from "../../../src/core/establishment/totalLabel";
import type { CellValue } from "../../../src/core/pay/parseLocalScale";

const num = (value: number, decimals: number): HrNumber => ({ kind: "number", value, decimals });

describe("parseHrNumber", () => {
  it.each<[CellValue, HrNumber]>([
    ["1,154,200", num(1154200, 0)],
    ["£520,800", num(520800, 0)],
    ["£ 520,800 ", num(520800, 0)],
    ["(1.50)", num(-1.5, 2)], // brackets for a negative; 2 places written
    ["(£1,200)", num(-1200, 0)],
    [".81", num(0.81, 2)],
    ["1.00", num(1, 2)],
    ["0.5", num(0.5, 1)],
    [" 36 ", num(36, 0)],
    ["12%", num(0.12, 2)], // 12 ÷ 100; a whole percent is 2 places of the fraction
    ["12.5%", num(0.125, 3)],
    [36, num(36, 0)],
    [0.81, num(0.81, 2)], // a stored number counts its places
    [1.5, num(1.5, 1)],
    [0.1 + 0.2, num(0.1 + 0.2, 1)], // float noise 0.30000000000000004 is still 1 place
    ["-", { kind: "nil" }],
    ["–", { kind: "nil" }], // en dash
    [" - ", { kind: "nil" }],
    [null, { kind: "blank" }],
    [undefined, { kind: "blank" }],
    ["", { kind: "blank" }],
    ["   ", { kind: "blank" }],
    ["tbc", { kind: "text", text: "tbc" }],
    ["4.31 ft", { kind: "text", text: "4.31 ft" }],
    ["1,2345", { kind: "text", text: "1,2345" }], // not a thousands separator
    [true, { kind: "text", text: "true" }],
  ])("%j → %j", (input, expected) => {
    expect(parseHrNumber(input)).toEqual(expected);
  });
});

describe("parsePostNumbers", () => {
  it.each<[CellValue, string[], string[], string[], string[]]>([
    // [cell, numbers, spaced, placeholders, odd]
    ["500 25144", ["50025144"], ["500 25144"], [], []],
    [
      "50025136/50099820/ 50099851/50025137",
      ["50025136", "50099820", "50099851", "50025137"],
      [" 50099851"], // the space after the / is as written
      [],
      [],
    ],
    ["50025348/50025140/tbc", ["50025348", "50025140"], [], ["tbc"], []],
    ["n/a", [], [], ["n/a"], []], // one placeholder, not "n" and "a"
    ["TBC", [], [], ["TBC"], []],
    [50025136, ["50025136"], [], [], []],
    ["50025136", ["50025136"], [], [], []],
    ["see note", [], [], [], ["see note"]],
    [null, [], [], [], []],
  ])("%j", (input, numbers, spaced, placeholders, odd) => {
    expect(parsePostNumbers(input)).toEqual({ numbers, spaced, placeholders, odd });
  });
});

describe("parseJobTitle", () => {
  it.each<[string, string, boolean, number | null]>([
    ["* Childcare Social Worker", "Childcare Social Worker", true, null],
    ["*Team Manager", "Team Manager", true, null],
    ["Support Worker x 4", "Support Worker", false, 4],
    ["Deputy Leaving Care Manager x 3", "Deputy Leaving Care Manager", false, 3],
    ["Senior Practitioners x5", "Senior Practitioners", false, 5],
    ["Support Worker (x4)", "Support Worker", false, 4],
    ["Social Worker (2 posts)", "Social Worker", false, 2],
    ["* Leaving Care Workers x 3", "Leaving Care Workers", true, 3],
    ["  Social   Worker  ", "Social Worker", false, null],
    ["Level 3 Practitioner", "Level 3 Practitioner", false, null],
  ])("%j → %j, starred %s, count %s", (input, title, starred, count) => {
    expect(parseJobTitle(input)).toEqual({ title, starred, count });
  });
});

describe("parseGradeText and gradeKey", () => {
  const range = (lowest: number, highest: number, label: string | null = null): ScpRange => ({
    lowest,
    highest,
    label,
  });

  it.each<[string, string, ScpRange[]]>([
    ["43", "43", [range(43, 43)]],
    ["42-45", "42-45", [range(42, 45)]],
    ["42 – 45", "42-45", [range(42, 45)]],
    [
      "SCP 33 – 36 (Level 1) SCP 37 – 39 (Level 2)",
      "33-36 (LEVEL 1) SCP 37-39 (LEVEL 2)",
      [range(33, 36, "Level 1"), range(37, 39, "Level 2")],
    ],
    ["Grade: 32 - 35", "32-35", [range(32, 35)]],
    ["47 to 50", "47-50", [range(47, 50)]],
    ["Band B", "B", []],
    [
      "Social Work Grade – Principal Practitioner (SCP 42-45)",
      "SOCIAL WORK GRADE-PRINCIPAL PRACTITIONER (SCP 42-45)",
      [range(42, 45)],
    ],
    ["SCP 43", "43", [range(43, 43)]],
    ["PO1", "PO1", []],
  ])("%j: key %j", (text, key, ranges) => {
    expect(parseGradeText(text)).toEqual({ text, key, ranges });
    expect(gradeKey(text)).toBe(key);
  });

  it("collapses spaces in the text it keeps", () => {
    expect(parseGradeText("  42  –  45 ")).toEqual({ text: "42 – 45", key: "42-45", ranges: [range(42, 45)] });
  });

  it("reads a number cell as its text", () => {
    expect(parseGradeText(8)).toEqual({ text: "8", key: "8", ranges: [range(8, 8)] });
  });

  it.each<CellValue>([null, undefined, "", "   ", true])("%j is no grade", (value) => {
    expect(parseGradeText(value)).toBeNull();
  });

  it.each([
    ["Band 8", "8"],
    ["band  8", "8"],
    ["Grade 8", "8"],
    ["Pay band 4", "4"],
    ["po1", "PO1"],
    ["10 - 11", "10-11"],
  ])("gradeKey(%j) = %j", (text, key) => {
    expect(gradeKey(text)).toBe(key);
  });
});

describe("matchHeader", () => {
  it.each<[string, ColumnField, Side | null, boolean]>([
    // post number
    ["Post number", "postNumber", null, false],
    ["Post no", "postNumber", null, false],
    ["Post No.", "postNumber", null, false],
    ["Post ref", "postNumber", null, false],
    ["Position", "postNumber", null, false],
    // job title
    ["Job title", "title", null, false],
    ["Post title", "title", null, false],
    ["Role", "title", null, false],
    ["  JOB   TITLE ", "title", null, false],
    // section
    ["Service", "section", null, false],
    ["Team", "section", null, false],
    ["Unit", "section", null, false],
    // grade
    ["Grade", "grade", null, false],
    ["Band", "grade", null, false],
    ["Pay grade", "grade", null, false],
    // SCP
    ["SCP", "scp", null, false],
    ["Spinal point", "scp", null, false],
    ["Point", "scp", null, false],
    // FTE
    ["FTE", "fte", null, false],
    ["WTE", "fte", null, false],
    ["Full time equivalent", "fte", null, false],
    ["Full-Time Equivalent", "fte", null, false],
    ["Contracted FTE", "fte", null, false],
    ["2013/14 F.T.E.", "fte", null, false],
    // weekly hours
    ["Hours", "hours", null, false],
    ["Contracted hours", "hours", null, false],
    // post-holder
    ["Name", "postHolder", null, false],
    ["Surname", "postHolder", null, false],
    ["Employee", "postHolder", null, false],
    ["Initial", "initial", null, false],
    // status, pension, dates, pay
    ["Status", "status", null, false],
    ["Scheme", "pension", null, false],
    ["Start date", "startDate", null, false],
    ["End date", "endDate", null, false],
    ["Salary", "salary", null, false],
    ["Cost", "cost", null, false],
    ["£", "cost", null, false],
    ["Cost per FTE", "costPerFte", null, false],
    ["Salary with on costs", "costPerFte", null, false],
    // counts and summaries
    ["No. of Posts", "posts", null, false],
    ["Numbers in Post", "posts", null, true],
    ["FTE including Vacancies", "fte", null, true],
    // sides
    ["Number of Proposed FTE", "fte", "proposed", false],
    ["Existing Job Title", "title", "current", false],
    ["Current Band", "grade", "current", false],
    ["New structure FTE", "fte", "proposed", false],
  ])("%j → %s (side %s, summary %s)", (text, field, side, summary) => {
    expect(matchHeader(text)).toEqual({ field, side, summary });
  });

  it.each([
    "Post Adoption Support Worker",
    "Matching Proposals",
    "Social Worker",
    "Proposed",
    "Current",
    "",
    "2013/14",
  ])("%j is not a heading", (text) => {
    expect(matchHeader(text)).toBeNull();
  });
});

describe("findSheets", () => {
  it("Current / Proposed / Grades", () => {
    expect(findSheets(["Current", "Proposed", "Grades"])).toEqual({
      current: "Current",
      proposed: "Proposed",
      grades: "Grades",
    });
  });

  it("Existing structure / New structure / Pay grades, in any order", () => {
    expect(findSheets(["Pay grades", "New structure", "Existing structure"])).toEqual({
      current: "Existing structure",
      proposed: "New structure",
      grades: "Pay grades",
    });
  });

  it("a sheet named for grades is the grades table, even with a side word", () => {
    expect(findSheets(["Current grades", "Current", "Proposed"])).toEqual({
      current: "Current",
      proposed: "Proposed",
      grades: "Current grades",
    });
  });

  it("names the user gives win, and are not taken for another role", () => {
    expect(findSheets(["Current", "Proposed", "Sheet1", "Sheet2"], { current: "Sheet1", proposed: "Sheet2" })).toEqual({
      current: "Sheet1",
      proposed: "Sheet2",
      grades: null,
    });
    expect(findSheets(["Current", "Proposed"], { current: "Proposed" })).toEqual({
      current: "Proposed",
      proposed: null,
      grades: null,
    });
  });

  it("null for a role no sheet is named for", () => {
    expect(findSheets(["Sheet1", "Summary"])).toEqual({ current: null, proposed: null, grades: null });
    expect(findSheets([])).toEqual({ current: null, proposed: null, grades: null });
  });
});

describe("titleKey", () => {
  it.each([
    ["Childcare Social worker", "Childcare Social Worker"], // case (#6)
    ["Support Workers", "Support Worker"], // plural
    ["Senior Practitioners", "senior practitioner"],
    ["Personal Advisor", "Personal Adviser"], // spelling (#14)
    ["Personal Advisors", "Personal Adviser"],
    ["Waking Nights Staff", "Waking Night Staff"], // (#14)
    ["Social  Worker ", "Social Worker"], // spacing
    ["Childcare Social Worker", "Child Care Social Worker"],
    ["ABSO & Business Support", "ABSO and Business Support"],
    ["Practitioner -Mental Health", "Practitioner - Mental Health"], // (#6)
  ])("%j is the same title as %j", (a, b) => {
    expect(titleKey(a)).toBe(titleKey(b));
  });

  it.each([
    ["Team Manager", "Team Leader"],
    ["Social Worker", "Senior Social Worker"],
    ["Business Support", "Busines Support"],
  ])("%j is not the same title as %j", (a, b) => {
    expect(titleKey(a)).not.toBe(titleKey(b));
  });
});

describe("totalLabel", () => {
  it.each<[string, TotalLabel | null]>([
    ["Total", "total"],
    ["Totals", "total"],
    ["TOTAL", "total"],
    ["Total:", "total"],
    ["Total fte", "total"],
    ["Grand Total", "total"],
    ["Sub-total", "subtotal"],
    ["Subtotal", "subtotal"],
    ["Sub total", "subtotal"],
    ["  Sub-Total  ", "subtotal"],
    ["Total savings", null],
    ["Total budget", null],
    ["Totally", null],
    ["Social Worker", null],
    ["", null],
  ])("%j → %s", (text, kind) => {
    expect(totalLabel(text)).toBe(kind);
  });
});

// One describe per code of PROBLEM_CATALOGUE, each on a small hand-made grid. Expected cells are read
// off the grid written next to them (rows[0] is spreadsheet row 1, so "C4" is rows[3][2]) and every
// figure in an expectation is worked out by hand in a comment, never copied from the code's output.
import { describe, expect, it } from "vitest";
import { buildReduction } from "../../../src/core/reduction/buildReduction";
import { DEFAULT_REDUCTION_SETTINGS } from "../../../src/core/reduction/ReductionSettings";
import type { Problem } from "../../../src/core/establishment/Problem";
import { PROBLEM_CATALOGUE, type ProblemCode, type Severity } from "../../../src/core/establishment/problemCatalogue";
import type { GridCell, GridInput, SheetGrid } from "../../../src/core/establishment/SheetGrid";
import {
  type ValidateOptions,
  validateWorkbook,
  type WorkbookValidation,
} from "../../../src/core/establishment/validateWorkbook";

type Rows = readonly (readonly GridInput[])[];

interface Scenario {
  readonly code: ProblemCode;
  readonly name: string;
  readonly grids: readonly SheetGrid[];
  readonly options: ValidateOptions;
}

interface Located {
  readonly code: ProblemCode;
  readonly severity: Severity;
  readonly sheet: string;
  readonly cell: string | null;
}

// Every scenario below is kept here, so that the last test can run them all again and check that
// together they raise every code of the catalogue.
const SCENARIOS: Scenario[] = [];

function scenario(
  code: ProblemCode,
  name: string,
  grids: readonly SheetGrid[],
  options: ValidateOptions = {},
): Scenario {
  const made = { code, name, grids, options };
  SCENARIOS.push(made);
  return made;
}

const current = (rows: Rows): SheetGrid => ({ name: "Current", rows });
const proposed = (rows: Rows): SheetGrid => ({ name: "Proposed", rows });
const grades = (rows: Rows): SheetGrid => ({ name: "Grades", rows });
const struck = (value: GridCell["value"]): GridCell => ({ value, struck: true });
const struckRow = (...values: GridCell["value"][]): GridCell[] => values.map(struck);

function validate(s: Scenario): WorkbookValidation {
  return validateWorkbook(s.grids, s.options);
}

function located(problems: readonly Problem[], code: ProblemCode): Located[] {
  return problems
    .filter((problem) => problem.code === code)
    .map(({ severity, sheet, cell }) => ({ code, severity, sheet, cell }));
}

function found(s: Scenario, code: ProblemCode = s.code): Located[] {
  return located(validate(s).problems, code);
}

const at = (code: ProblemCode, severity: Severity, sheet: string, cell: string): Located => ({
  code,
  severity,
  sheet,
  cell,
});

describe("no-header-row", () => {
  const noHeadings = scenario("no-header-row", "establishment with a title and posts but no headings", [
    current([
      ["Leaving Care establishment"], // A1: a title, not headings
      [],
      ["Social Worker", 1, "PO1"], // figures, so not headings either
      ["Team Manager", 1, "PO3"],
    ]),
  ]);
  const gradesNoHeadings = scenario("no-header-row", "grades table with no headings", [
    grades([
      ["PO1", "29-32"],
      ["PO2", "33-36"],
    ]),
  ]);

  it("reports the establishment at A1 and reads no posts", () => {
    const result = validate(noHeadings);
    expect(located(result.problems, "no-header-row")).toEqual([at("no-header-row", "error", "Current", "A1")]);
    expect(result.current?.rows).toEqual([]);
  });

  it("reports a grades table with no headings at A1", () => {
    expect(found(gradesNoHeadings)).toEqual([at("no-header-row", "error", "Grades", "A1")]);
  });
});

describe("missing-column", () => {
  const noTitle = scenario("missing-column", "no job title column", [
    current([
      ["Staff list"],
      [],
      ["Post number", "FTE", "Grade"], // row 3: the header, with no title column
      ["50025136", 1, "PO1"],
    ]),
  ]);
  const noFte = scenario("missing-column", "no FTE or hours column", [
    current([
      ["Job title", "Grade"], // row 1: no FTE, hours, posts or cost
      ["Social Worker", "PO1"],
    ]),
  ]);
  const noPay = scenario("missing-column", "no grade, SCP, salary or cost column", [
    current([
      ["Job title", "FTE"],
      ["Social Worker", 1],
    ]),
  ]);
  const gradesNoGrade = scenario("missing-column", "grades table with no grade column", [
    grades([
      ["SCP range", "Salary"],
      ["29-32", 30000],
    ]),
  ]);

  it("an establishment with no title column: error at the header row's first cell", () => {
    expect(found(noTitle)).toEqual([at("missing-column", "error", "Current", "A3")]);
  });

  it("an establishment with no FTE or hours column: error", () => {
    expect(found(noFte)).toEqual([at("missing-column", "error", "Current", "A1")]);
  });

  it("an establishment with no pay column: a warning, since the posts can still be counted", () => {
    expect(found(noPay)).toEqual([at("missing-column", "warning", "Current", "A1")]);
  });

  it("a grades table with no grade column", () => {
    expect(found(gradesNoGrade)).toEqual([at("missing-column", "error", "Grades", "A1")]);
  });

  it("a grades table with no grade column is located at its header row, not A1", () => {
    const problems = validateWorkbook([
      grades([
        ["Pay grades"],
        [],
        ["SCP range", "Salary"], // row 3: the header
        ["29-32", 30000],
      ]),
    ]).problems;
    expect(located(problems, "missing-column")).toEqual([at("missing-column", "error", "Grades", "A3")]);
  });
});

describe("blank-required-cell", () => {
  const blanks = scenario("blank-required-cell", "blank title and blank FTE", [
    current([
      ["Post number", "Job title", "FTE", "Grade"],
      ["50025136", null, 1, "PO1"], // B2: figures but no title
      ["50025137", "Social Worker", null, "PO1"], // C3: a numbered post with no FTE (unknown, not 0)
    ]),
  ]);
  const gradesPayNoGrade = scenario("blank-required-cell", "grades row with pay and no grade", [
    grades([
      ["Grade", "Salary"],
      [null, 30000], // A2: a salary for no grade
    ]),
  ]);

  it("a post row with no title, and a numbered post with no FTE", () => {
    expect(found(blanks)).toEqual([
      at("blank-required-cell", "error", "Current", "B2"),
      at("blank-required-cell", "error", "Current", "C3"),
    ]);
  });

  it("a grades row with a salary and no grade", () => {
    expect(found(gradesPayNoGrade)).toEqual([at("blank-required-cell", "error", "Grades", "A2")]);
  });
});

describe("not-a-number", () => {
  const text = scenario("not-a-number", "text in FTE and hours", [
    current([
      ["Job title", "Weekly hours", "FTE", "Grade"],
      ["Social Worker", 37, "4.31 ft", "PO1"], // C2: the typo from hr-sheet-problems.md #6
      ["Support Worker", "full time", null, "SO1"], // B3: hours in words
    ]),
  ]);
  const gradesSalary = scenario("not-a-number", "grades salary as words", [
    grades([
      ["Grade", "Salary"],
      ["PO1", "about 30k"], // B2
    ]),
  ]);

  it("text in an FTE cell and in an hours cell", () => {
    const problems = validate(text).problems;
    expect(located(problems, "not-a-number")).toEqual([
      at("not-a-number", "error", "Current", "C2"),
      at("not-a-number", "error", "Current", "B3"),
    ]);
    // An unreadable figure is reported once: not also as blank.
    expect(located(problems, "blank-required-cell")).toEqual([]);
  });

  it("text in a grades table's salary", () => {
    expect(found(gradesSalary)).toEqual([at("not-a-number", "error", "Grades", "B2")]);
  });
});

describe("not-a-date", () => {
  const dates = scenario("not-a-date", "words and an impossible date", [
    current([
      ["Job title", "FTE", "Grade", "Start date", "End date"],
      ["Social Worker", 1, "PO1", "next spring", "31/02/2013"], // D2 words; E2 has no 31 February
      ["Team Manager", 1, "PO3", "01/09/2012", 41364], // a UK date and a date serial: fine
    ]),
  ]);

  it("reports each cell that is not a date", () => {
    expect(found(dates)).toEqual([
      at("not-a-date", "error", "Current", "D2"),
      at("not-a-date", "error", "Current", "E2"),
    ]);
  });

  it("reads a UK date and a serial as Excel serials", () => {
    const row = validate(dates).current?.rows[1];
    // 1 Sep 2012: 40,909 is 1 Jan 2012, + 244 days (Jan 31 + Feb 29 + Mar 31 + Apr 30 + May 31 +
    // Jun 30 + Jul 31 + Aug 31 = 244) = 41,153.
    expect(row?.startDate).toBe(41153);
    expect(row?.endDate).toBe(41364);
  });
});

describe("fte-out-of-range", () => {
  const outOfRange = scenario("fte-out-of-range", "over 1, negative, hours over a week", [
    current([
      ["Post number", "Job title", "Name", "Hours", "FTE", "Grade"],
      ["50025136", "Social Worker", "Smith J", null, 1.5, "PO1"], // E2: 1.5 FTE for one person
      ["50025137", "Social Worker", "Jones K", null, "(0.50)", "PO1"], // E3: −0.50
      ["50025138", "Team Manager", null, 74, null, "PO3"], // D4: 74 h / 37 h = 2.00 FTE for one post
      [null, "Support Worker x 4", null, null, 4, "SO1"], // 4 FTE for 4 posts: fine
    ]),
  ]);

  it("reports FTE above one post, a negative FTE and hours above a full week", () => {
    expect(found(outOfRange)).toEqual([
      at("fte-out-of-range", "error", "Current", "E2"),
      at("fte-out-of-range", "error", "Current", "E3"),
      at("fte-out-of-range", "error", "Current", "D4"),
    ]);
  });
});

describe("amount-out-of-range", () => {
  // Issue 7 fuzzer: a phone number in the salary column read as £442,079,460,000, and an FTE that
  // would make millions of posts. Both are reported, neither is used.
  const huge = scenario("amount-out-of-range", "a salary above £1 billion, an FTE above 10,000", [
    current([
      ["Job title", "FTE", "Salary", "Grade"],
      ["Social Worker", 1, "+44 20 7946 0000", "PO1"], // C2: £442,079,460,000
      ["Support Worker", 1e7, 25000, "SO1"], // B3: 10,000,000 FTE on one line
      ["Team Manager", 1, 0.005000000000000005, "PO3"], // C4: half a penny and a bit: 1p, no problem
    ]),
  ]);

  it("reports a salary too large to be a post's and an FTE too large for a line", () => {
    expect(found(huge)).toEqual([at("amount-out-of-range", "error", "Current", "C2")]);
    expect(found(huge, "fte-out-of-range")).toEqual([at("fte-out-of-range", "error", "Current", "B3")]);
  });
});

describe("hours-fte-mismatch", () => {
  const mismatch = scenario("hours-fte-mismatch", "30 hours written as 0.50 FTE", [
    current([
      ["Job title", "Hours", "FTE", "Grade"],
      ["Social Worker", 30, 0.81, "PO1"], // 30 h / 37 h = 0.8108 → 0.81: agrees
      ["Support Worker", 30, 0.5, "SO1"], // C3: 30 h / 37 h = 0.81, not 0.50
      ["Team Manager", 32, 0.86, "PO3"], // 32 h / 37 h = 0.8649 → 0.86: agrees
    ]),
  ]);
  const barnetWeek = [
    current([
      ["Job title", "Hours", "FTE", "Grade"],
      ["Personal Adviser", 36, 0.97, "SO1"], // 36 h / 37 h = 0.973 → 0.97; 36 h / 36 h = 1.00
    ]),
  ];
  const barnet = scenario("hours-fte-mismatch", "36 hours as 0.97 FTE in a 36-hour week", barnetWeek, {
    standardHours: 36,
  });

  it("warns at the FTE cell when hours ÷ 37 is not the FTE", () => {
    expect(found(mismatch)).toEqual([at("hours-fte-mismatch", "warning", "Current", "C3")]);
  });

  it("uses the standard week it is given (Barnet: 36 hours)", () => {
    expect(found(barnet)).toEqual([at("hours-fte-mismatch", "warning", "Current", "C2")]);
    expect(located(validateWorkbook(barnetWeek).problems, "hours-fte-mismatch")).toEqual([]);
  });

  it("warns when 30 hours is written as FTE 1", () => {
    const problems = validateWorkbook([
      current([
        ["Job title", "Hours", "FTE", "Grade"],
        ["Social Worker", 30, 1, "PO1"], // C2: 30 h / 37 h = 0.81, not 1.00
      ]),
    ]).problems;
    expect(located(problems, "hours-fte-mismatch")).toEqual([at("hours-fte-mismatch", "warning", "Current", "C2")]);
  });
});

describe("fte-in-count-column", () => {
  const count = scenario("fte-in-count-column", "No. of Posts = 2.6", [
    current([
      ["Job title", "No. of Posts", "Grade"], // Barnet §5.4: no FTE column
      ["Social Worker", 2.6, "PO1"], // B2: 2.6 is part of a post, so FTE
      ["Team Manager", 1, "PO3"], // a whole number: a count or FTE, either way fine
    ]),
  ]);

  it("warns at the count cell and reads the figure as FTE", () => {
    const result = validate(count);
    expect(located(result.problems, "fte-in-count-column")).toEqual([
      at("fte-in-count-column", "warning", "Current", "B2"),
    ]);
    expect(result.current?.rows[0]).toMatchObject({ fte: 2.6, fteFrom: "posts" });
  });
});

describe("duplicate-post-number", () => {
  const duplicates = scenario("duplicate-post-number", "one number on two rows", [
    current([
      ["Post number", "Job title", "FTE", "Grade"],
      ["50025136", "Social Worker", 1, "PO1"],
      ["50025140/50025141", "Support Worker x 2", 2, "SO1"],
      ["500 25136", "Senior Practitioner", 1, "PO2"], // 50025136 again, written with a space
      ["50025141", "Support Worker", 1, "SO1"], // 50025141 is also in A3
    ]),
  ]);

  it("reports the later row, at its post-number cell, after stripping spaces and splitting on /", () => {
    expect(found(duplicates)).toEqual([
      at("duplicate-post-number", "error", "Current", "A4"),
      at("duplicate-post-number", "error", "Current", "A5"),
    ]);
  });
});

describe("post-number-format", () => {
  const formats = scenario("post-number-format", "spaces, tbc and n/a", [
    current([
      ["Post number", "Job title", "FTE", "Grade"],
      ["500 25144", "Support Worker", 1, "SO1"], // A2: a space inside
      ["50025348/50025140/tbc", "Support Worker x 3", 3, "SO1"], // A3: a placeholder
      ["n/a", "Team Manager", 1, "PO3"], // A4: a placeholder
      [50025150, "Social Worker", 1, "PO1"], // a number cell: fine
    ]),
  ]);

  it("warns at each post-number cell written with a space or a placeholder", () => {
    expect(found(formats)).toEqual([
      at("post-number-format", "warning", "Current", "A2"),
      at("post-number-format", "warning", "Current", "A3"),
      at("post-number-format", "warning", "Current", "A4"),
    ]);
  });

  it("reads the numbers without the space or the placeholder", () => {
    const rows = validate(formats).current?.rows ?? [];
    expect(rows.map((row) => row.postNumbers)).toEqual([["50025144"], ["50025348", "50025140"], [], ["50025150"]]);
  });
});

describe("count-in-title", () => {
  const counts = scenario("count-in-title", "x 4 and x 3 in titles", [
    current([
      ["Post number", "Job title", "FTE", "Grade"],
      [null, "Support Worker x 4", 4, "SO1"], // B2
      [null, "Deputy Leaving Care Manager x 3", 3, "PO2"], // B3
    ]),
  ]);

  it("warns at each title cell and takes the count out of the title", () => {
    const result = validate(counts);
    expect(located(result.problems, "count-in-title")).toEqual([
      at("count-in-title", "warning", "Current", "B2"),
      at("count-in-title", "warning", "Current", "B3"),
    ]);
    expect(result.current?.rows.map((row) => [row.title, row.posts])).toEqual([
      ["Support Worker", 4],
      ["Deputy Leaving Care Manager", 3],
    ]);
  });
});

describe("leaver-row", () => {
  const header = ["Job title", "Name", "FTE", "Grade"];
  const both = scenario("leaver-row", "struck and starred", [
    current([
      header,
      struckRow("* Childcare Social Worker", "Smith J", 1, "PO1"), // A2
      ["Team Manager", "Brown L", 1, "PO3"],
    ]),
  ]);
  const starOnly = scenario("leaver-row", "star only on a sheet that strikes others", [
    current([
      header,
      struckRow("* Childcare Social Worker", "Smith J", 1, "PO1"), // A2: both marks
      ["* Social Worker", "Jones K", 0.5, "PO1"], // A3: only the *, though the sheet strikes leavers
    ]),
  ]);
  const starNoStrikes = scenario("leaver-row", "star only on a sheet that strikes nobody", [
    current([header, ["* Social Worker", "Jones K", 0.5, "PO1"]]), // A2
  ]);
  const strikeOnly = scenario("leaver-row", "struck only", [
    current([header, [struck("Social Worker"), "Jones K", 0.5, "PO1"]]), // A2: one struck cell is enough
  ]);

  it("info for a row struck through and starred; the row is a leaver", () => {
    const result = validate(both);
    expect(located(result.problems, "leaver-row")).toEqual([at("leaver-row", "info", "Current", "A2")]);
    expect(result.current?.rows.map((row) => [row.title, row.leaver])).toEqual([
      ["Childcare Social Worker", true],
      ["Team Manager", false],
    ]);
  });

  it("warning for a * only on a sheet that strikes its other leavers", () => {
    expect(found(starOnly)).toEqual([
      at("leaver-row", "info", "Current", "A2"),
      at("leaver-row", "warning", "Current", "A3"),
    ]);
  });

  it("info for a * only when the sheet strikes nobody, and for a strike only", () => {
    expect(found(starNoStrikes)).toEqual([at("leaver-row", "info", "Current", "A2")]);
    expect(found(strikeOnly)).toEqual([at("leaver-row", "info", "Current", "A2")]);
  });
});

describe("vacant-with-post-holder", () => {
  const vacant = scenario("vacant-with-post-holder", "Vacant status with a name", [
    current([
      ["Job title", "Name", "Status", "FTE", "Grade"],
      ["Social Worker", "Smith J", "Vacant", 1, "PO1"], // B2: vacant, yet a name
      ["Social Worker", "Vacant", null, 1, "PO1"], // "Vacant" as the name: a vacancy, fine
      ["Team Manager", "Brown L", "Filled", 1, "PO3"],
    ]),
  ]);

  it("warns at the post-holder cell", () => {
    const result = validate(vacant);
    expect(located(result.problems, "vacant-with-post-holder")).toEqual([
      at("vacant-with-post-holder", "warning", "Current", "B2"),
    ]);
    expect(result.current?.rows.map((row) => [row.vacant, row.postHolder])).toEqual([
      [true, "Smith J"],
      [true, null],
      [false, "Brown L"],
    ]);
  });
});

describe("total-row", () => {
  const total = scenario("total-row", "a Total that foots", [
    current([
      ["Job title", "FTE", "Grade"],
      ["Social Worker", 1, "PO1"],
      ["Team Manager", 1, "PO3"],
      ["Total", 2], // A4: 1 + 1 = 2, foots
    ]),
  ]);
  const subtotals = scenario("total-row", "labels in the title column", [
    current([
      ["Team", "Job title", "FTE", "Grade"],
      ["Leaving Care", "Personal Adviser", 1, "SO1"],
      ["Leaving Care", "Personal Adviser", 0.5, "SO1"],
      [null, "Sub-total", 1.5], // B4: 1 + 0.5 = 1.5
      ["Placements", "Placements Officer", 1, "SO2"],
      [null, "Subtotal", 1], // B6
      [null, "Total fte", 2.5], // B7: subtotals 1.5 + 1 = 2.5
    ]),
  ]);

  it("info at the label, not read as a post, and no mismatch when it foots", () => {
    const result = validate(total);
    expect(located(result.problems, "total-row")).toEqual([at("total-row", "info", "Current", "A4")]);
    expect(located(result.problems, "total-mismatch")).toEqual([]);
    expect(result.current?.rows.map((row) => row.title)).toEqual(["Social Worker", "Team Manager"]);
  });

  it("finds subtotal and total labels in the title column", () => {
    const result = validate(subtotals);
    expect(located(result.problems, "total-row")).toEqual([
      at("total-row", "info", "Current", "B4"),
      at("total-row", "info", "Current", "B6"),
      at("total-row", "info", "Current", "B7"),
    ]);
    expect(located(result.problems, "total-mismatch")).toEqual([]);
    expect(result.current?.rows).toHaveLength(3);
  });
});

describe("footer-row", () => {
  const footer = scenario("footer-row", "a budget line below the total", [
    current([
      ["Job title", "FTE", "Grade"],
      ["Social Worker", 1, "PO1"],
      ["Team Manager", 1, "PO3"],
      ["Total", 2],
      ["Budget", 520800], // A5: below the total
    ]),
  ]);

  it("info at column A of the line, which is not read as a post", () => {
    const result = validate(footer);
    expect(located(result.problems, "footer-row")).toEqual([at("footer-row", "info", "Current", "A5")]);
    expect(result.current?.rows).toHaveLength(2);
  });
});

describe("total-mismatch", () => {
  const rounding = scenario("total-mismatch", "0.33 × 3 against 1.00", [
    current([
      ["Job title", "FTE", "Grade"],
      ["Support Worker", 0.33, "SO1"],
      ["Support Worker", 0.33, "SO1"],
      ["Support Worker", 0.33, "SO1"],
      // B5: 0.33 × 3 = 0.99 against 1.00, a difference of 0.01; three figures at 2 dp can be off by
      // up to 3 × 0.005 = 0.015, so this is rounding.
      ["Total", "1.00"],
    ]),
  ]);
  const beyond = scenario("total-mismatch", "2.00 off", [
    current([
      ["Job title", "FTE", "Grade"],
      ["Social Worker", 1, "PO1"],
      ["Social Worker", 0.5, "PO1"],
      ["Team Manager", 1, "PO3"],
      ["Total", "4.50"], // B5: 1 + 0.5 + 1 = 2.50 against 4.50, 2.00 off (Placements in #10)
    ]),
  ]);
  const counts = scenario("total-mismatch", "a count 1 off", [
    current([
      ["Job title", "No. of Posts", "Grade"],
      ["Social Worker", 1, "PO1"],
      ["Social Worker", 1, "PO1"],
      ["Team Manager", 1, "PO3"],
      ["Total", 4], // B5: 3 posts against 4; counts are exact, so 1 off is an error
    ]),
  ]);
  const money = scenario("total-mismatch", "£1 off over three costs", [
    current([
      ["Job title", "FTE", "Cost"],
      ["Social Worker", 1, 40000],
      ["Social Worker", 1, 40000],
      ["Team Manager", 1, 50000],
      // B5: 3 FTE foots. C5: 40,000 + 40,000 + 50,000 = 130,000 against 130,001: £1 off, within
      // the rounding of 3 amounts in whole pounds (3 × £0.50 = £1.50).
      ["Total", 3, 130001],
    ]),
  ]);

  it("info when the difference is within the rounding of the rows (0.01 on 3 rows at 2 dp)", () => {
    const problems = located(validate(rounding).problems, "total-mismatch");
    expect(problems).toEqual([at("total-mismatch", "info", "Current", "B5")]);
    const message = validate(rounding).problems.find((p) => p.code === "total-mismatch")?.message;
    expect(message).toContain("0.99");
    expect(message).toContain("+0.01");
  });

  it("error beyond rounding, with the difference", () => {
    const problem = validate(beyond).problems.find((p) => p.code === "total-mismatch");
    expect(found(beyond)).toEqual([at("total-mismatch", "error", "Current", "B5")]);
    expect(problem?.message).toContain("2.50");
    expect(problem?.message).toContain("+2.00");
  });

  it("exact for whole-number counts: 1 off is an error", () => {
    expect(found(counts)).toEqual([at("total-mismatch", "error", "Current", "B5")]);
  });

  it("money in whole pounds is rounded: £1 off over 3 rows is info", () => {
    expect(found(money)).toEqual([at("total-mismatch", "info", "Current", "C5")]);
  });
});

describe("summary-mismatch", () => {
  const summary = scenario("summary-mismatch", "a team summary that does not match its staff", [
    current([
      ["Job title", "Name", "FTE", "Grade"],
      ["Social Worker", "Smith J", 1, "PO1"],
      ["Social Worker", "Jones K", 0.5, "PO1"],
      ["Team Manager", "Brown L", 1, "PO3"],
      [],
      ["Post", "Numbers in Post", "FTE including Vacancies"],
      ["Social Worker", 3, 2.5], // B7: 2 social workers listed, not 3
      ["Team Manager", 1, 0.5], // C8: 0.50 FTE including vacancies is less than the 1.00 listed
      ["Totals", 4, 3], // B9: 3 staff listed, not 4 (the total itself foots: 3 + 1 = 4, 2.5 + 0.5 = 3)
    ]),
  ]);
  const unlisted = scenario("summary-mismatch", "a listed title with no summary line", [
    current([
      ["Job title", "Name", "FTE", "Grade"],
      ["Social Worker", "Smith J", 1, "PO1"],
      ["Social Worker", "Jones K", 1, "PO1"],
      ["Family Support Worker", "Brown L", 1, "SO1"], // A4: no line below
      [],
      ["Post", "Numbers in Post", "FTE including Vacancies"],
      ["Social Worker", 2, 2],
      ["Totals", 2, 2], // B8: 3 listed
    ]),
  ]);

  it("warns at the count, the FTE and the total that disagree with the staff above", () => {
    const result = validate(summary);
    expect(located(result.problems, "summary-mismatch")).toEqual([
      at("summary-mismatch", "warning", "Current", "B7"),
      at("summary-mismatch", "warning", "Current", "C8"),
      at("summary-mismatch", "warning", "Current", "B9"),
    ]);
    expect(located(result.problems, "total-mismatch")).toEqual([]);
    // The summary's lines are not posts.
    expect(result.current?.rows).toHaveLength(3);
  });

  it("warns at the first row of a title the summary has no line for", () => {
    expect(found(unlisted)).toEqual([
      at("summary-mismatch", "warning", "Current", "A4"),
      at("summary-mismatch", "warning", "Current", "B8"),
    ]);
  });

  it("does not count a leaver as in post", () => {
    const problems = validateWorkbook([
      current([
        ["Job title", "Name", "FTE", "Grade"],
        ["Social Worker", "Smith J", 1, "PO1"],
        struckRow("* Social Worker", "Jones K", 1, "PO1"),
        [],
        ["Post", "Numbers in Post", "FTE including Vacancies"],
        ["Social Worker", 1, 2], // 1 in post (Jones K has left), 2 FTE including the vacancy
        ["Totals", 1, 2],
      ]),
    ]).problems;
    expect(located(problems, "summary-mismatch")).toEqual([]);
  });

  it("does not count a vacancy row as in post", () => {
    const problems = validateWorkbook([
      current([
        ["Job title", "Name", "FTE", "Grade"],
        ["Social Worker", "Smith J", 1, "PO1"],
        ["Social Worker", "Vacant", 1, "PO1"], // a vacancy row: not in post
        [],
        ["Post", "Numbers in Post", "FTE including Vacancies"],
        ["Social Worker", 1, 2], // 1 in post; 1 + 1 = 2 FTE including the vacancy
        ["Totals", 1, 2],
      ]),
    ]).problems;
    expect(located(problems, "summary-mismatch")).toEqual([]);
  });
});

const GRADES_TABLE = grades([
  ["Grade", "SCP range"],
  ["SO1", "23 - 25"],
  ["PO1", "29 - 32"],
  ["PO3", "37-40"],
]);

describe("unknown-grade", () => {
  const unknown = scenario("unknown-grade", "PO9 not in the table", [
    current([
      ["Job title", "FTE", "Grade"],
      ["Social Worker", 1, "PO1"],
      ["Team Manager", 1, "PO9"], // C3
      ["Personal Adviser", 1, "so1"], // case does not matter
    ]),
    GRADES_TABLE,
  ]);

  it("errors at the grade cell", () => {
    expect(found(unknown)).toEqual([at("unknown-grade", "error", "Current", "C3")]);
  });
});

describe("missing-grade", () => {
  const missing = scenario("missing-grade", "a costed post with no grade", [
    current([
      ["Job title", "FTE", "Grade"],
      ["Social Worker", 1], // C2: 1 FTE to cost, no grade
      ["Post Adoption Support Worker", "-"], // nil FTE: not costed, so no grade is needed
    ]),
    GRADES_TABLE,
  ]);

  it("warns at the grade cell of a post with FTE", () => {
    expect(found(missing)).toEqual([at("missing-grade", "warning", "Current", "C2")]);
  });
});

describe("grade-not-costable", () => {
  const notCostable = scenario("grade-not-costable", "a band with no pay", [
    grades([
      ["Level", "Grade", "SCP range", "Salary"],
      ["B", "Band B", null, null], // B2: no SCP range, salary or cost per FTE
      ["C", "Band C", "29-32", null],
      ["D", "Band D", null, "£35,000"],
    ]),
  ]);

  it("warns at the grade cell", () => {
    expect(found(notCostable)).toEqual([at("grade-not-costable", "warning", "Grades", "B2")]);
  });
});

describe("duplicate-grade", () => {
  const duplicate = scenario("duplicate-grade", "Band 8 and 8", [
    grades([
      ["Grade", "Salary"],
      ["Band 8", 30000],
      ["PO1", 35000],
      ["8", 31000], // A4: "Band 8" and "8" are one grade
    ]),
  ]);

  it("errors at the later row's grade cell", () => {
    expect(found(duplicate)).toEqual([at("duplicate-grade", "error", "Grades", "A4")]);
  });
});

describe("scp-outside-grade", () => {
  const outside = scenario("scp-outside-grade", "SCP 35 on PO1 (29–32)", [
    current([
      ["Job title", "Grade", "SCP", "FTE"],
      ["Social Worker", "PO1", 31, 1], // 29 ≤ 31 ≤ 32: inside
      ["Senior Social Worker", "PO1", 35, 1], // C3: 35 > 32
    ]),
    GRADES_TABLE,
  ]);
  const reversed = scenario("scp-outside-grade", "a range written top first", [
    grades([
      ["Grade", "SCP range"],
      ["PO2", "36 - 33"], // B2: runs downwards
    ]),
  ]);

  it("errors at the SCP cell of the establishment", () => {
    expect(found(outside)).toEqual([at("scp-outside-grade", "error", "Current", "C3")]);
  });

  it("errors at a grades table range written highest first", () => {
    expect(found(reversed)).toEqual([at("scp-outside-grade", "error", "Grades", "B2")]);
  });
});

describe("unknown-scp", () => {
  // The 2025/26 national spine (src/core/data/njc-pay-spine.json) runs from SCP 2 to SCP 43.
  const offSpine = scenario(
    "unknown-scp",
    "SCP 60 and a point that is not a point",
    [
      current([
        ["Job title", "Grade", "SCP", "FTE"],
        ["Social Worker", null, 43, 1], // the top of the spine: fine
        ["Director", null, 60, 1], // C3: above 43
        ["Team Manager", null, "n/k", 1], // C4: not a spinal column point at all
      ]),
    ],
    { payYear: 2025 },
  );

  it("errors at each SCP cell the 2025/26 spine does not hold", () => {
    expect(found(offSpine)).toEqual([
      at("unknown-scp", "error", "Current", "C3"),
      at("unknown-scp", "error", "Current", "C4"),
    ]);
  });

  it("checks the latest pay year (2025/26) when none is given", () => {
    const problems = validateWorkbook(offSpine.grids).problems;
    expect(located(problems, "unknown-scp").map((p) => p.cell)).toEqual(["C3", "C4"]);
  });
});

describe("person-over-one-fte", () => {
  const person = scenario("person-over-one-fte", "Smith J on two rows at 0.6", [
    current([
      ["Job title", "Surname", "Initial", "FTE", "Grade"],
      ["Social Worker", "Smith", "J", 0.6, "PO1"], // A2: Smith J 0.6 + 0.6 = 1.2 > 1
      ["Family Support Worker", "Smith", "J", 0.6, "SO1"],
      ["Social Worker", "Jones", "K", 0.5, "PO1"], // Jones K 0.5 + 0.5 = 1.0: fine
      ["Family Support Worker", "Jones", "K", 0.5, "SO1"],
    ]),
  ]);

  it("warns at the person's first row", () => {
    expect(found(person)).toEqual([at("person-over-one-fte", "warning", "Current", "A2")]);
  });
});

describe("formula-error", () => {
  const errors = scenario("formula-error", "#REF! as a GridCell and #N/A as text", [
    current([
      ["Job title", "FTE", "Grade"],
      ["Social Worker", { value: null, error: "#REF!" }, "PO1"], // B2: an error cell
      ["Team Manager", 1, "#N/A"], // C3: Range.values gives errors as their text
    ]),
  ]);
  const gradesError = scenario("formula-error", "#DIV/0! in a grades table", [
    grades([
      ["Grade", "Salary"],
      ["PO1", "#DIV/0!"], // B2
    ]),
  ]);

  it("errors at each cell holding an error value, in either form", () => {
    const problems = validate(errors).problems;
    expect(located(problems, "formula-error")).toEqual([
      at("formula-error", "error", "Current", "B2"),
      at("formula-error", "error", "Current", "C3"),
    ]);
    // An error in a figure is reported once, not also as text that is not a number.
    expect(located(problems, "not-a-number")).toEqual([]);
  });

  it("errors in a grades table", () => {
    expect(found(gradesError)).toEqual([at("formula-error", "error", "Grades", "B2")]);
  });

  it("an error in the title cell is reported once, as formula-error", () => {
    const problems = validateWorkbook([
      current([
        ["Job title", "FTE", "Grade"],
        [{ value: null, error: "#REF!" }, 1, "PO1"], // A2
      ]),
    ]).problems;
    expect(problems.filter((p) => p.cell === "A2").map((p) => p.code)).toEqual(["formula-error"]);
  });
});

describe("inconsistent-title", () => {
  const within = scenario("inconsistent-title", "two spellings in one sheet", [
    current([
      ["Job title", "FTE", "Grade"],
      ["Childcare Social Worker", 1, "PO1"],
      ["Childcare Social worker", 1, "PO1"], // A3: the odd one out (#6)
      ["Childcare Social Worker", 1, "PO1"],
    ]),
  ]);
  const across = scenario("inconsistent-title", "Advisor in one sheet, Adviser in the other", [
    current([
      ["Job title", "FTE", "Grade"],
      ["Personal Advisor", 1, "SO1"],
    ]),
    proposed([
      ["Job title", "FTE", "Grade"],
      ["Personal Adviser", 1, "SO1"], // A2: reported once per spelling
      ["Personal Adviser", 1, "SO1"],
    ]),
  ]);

  it("warning within a sheet, at the less usual spelling", () => {
    expect(found(within)).toEqual([at("inconsistent-title", "warning", "Current", "A3")]);
  });

  it("info across sheets, on the proposed sheet", () => {
    expect(found(across)).toEqual([at("inconsistent-title", "info", "Proposed", "A2")]);
  });
});

describe("allowance-line", () => {
  const allowances = scenario("allowance-line", "costs with no FTE", [
    current([
      ["Job title", "FTE", "Grade", "Cost"],
      ["Social Worker", 1, "PO1", 40000],
      ["Waking Night Allowance", null, null, 97703], // D3
      ["Sat/Sun Enhancement", null, null, "£235,825"], // D4
    ]),
  ]);

  it("info at the cost cell; the line is carried as an allowance with its cost", () => {
    const result = validate(allowances);
    expect(located(result.problems, "allowance-line")).toEqual([
      at("allowance-line", "info", "Current", "D3"),
      at("allowance-line", "info", "Current", "D4"),
    ]);
    // £97,703 = 9,770,300p; £235,825 = 23,582,500p.
    expect(result.current?.rows.map((row) => [row.kind, row.fte, row.cost])).toEqual([
      ["post", 1, 4000000],
      ["allowance", null, 9770300],
      ["allowance", null, 23582500],
    ]);
    // An allowance has no grade to check.
    expect(located(result.problems, "missing-grade")).toEqual([]);
  });
});

describe("empty-post-row", () => {
  const empty = scenario("empty-post-row", "a withdrawn role with a band and no FTE", [
    current([
      ["Job title", "FTE", "Grade"],
      ["Advanced Practitioners", null, "10"], // A2: #17
      ["Social Worker", 1, "PO1"],
    ]),
  ]);

  it("warns at the title cell and keeps the row, its FTE unknown", () => {
    const result = validate(empty);
    expect(located(result.problems, "empty-post-row")).toEqual([at("empty-post-row", "warning", "Current", "A2")]);
    expect(result.current?.rows.map((row) => [row.title, row.fte])).toEqual([
      ["Advanced Practitioners", null],
      ["Social Worker", 1],
    ]);
  });
});

describe("post-number-reused", () => {
  const reused = scenario("post-number-reused", "a number with a new title, another with a new grade", [
    current([
      ["Post number", "Job title", "FTE", "Grade"],
      ["50025136", "Social Worker", 1, "PO1"],
      ["50025137", "Team Manager", 1, "PO3"],
      ["50025138", "Social Worker", 1, "PO1"],
    ]),
    proposed([
      ["Post number", "Job title", "FTE", "Grade"],
      ["50025136", "Practice Manager", 1, "PO3"], // A2: another title
      ["50025137", "Team Manager", 1, "PO4"], // A3: another grade
      ["50025138", "Social Workers", 1, "PO1"], // the same job (plural only)
    ]),
  ]);

  it("warns on the proposed sheet at the post-number cell", () => {
    expect(found(reused)).toEqual([
      at("post-number-reused", "warning", "Proposed", "A2"),
      at("post-number-reused", "warning", "Proposed", "A3"),
    ]);
  });
});

describe("not-costed", () => {
  const uncosted = scenario("not-costed", "a grade the grades table cannot pay", [
    current([
      ["Job title", "FTE", "Grade"],
      ["Social Worker", 1, "PO1"], // A2: PO1 has no SCP range, salary or cost per FTE
    ]),
    {
      name: "Grades",
      rows: [
        ["Grade", "Level"],
        ["PO1", "B"],
      ],
    },
  ]);

  it("is raised by the reduction at the line's title cell", () => {
    expect(located(reduce(uncosted).problems, "not-costed")).toEqual([at("not-costed", "warning", "Current", "A2")]);
  });
});

// The reduction adds not-costed to the validation's problems (issue 4).
function reduce(s: Scenario): { problems: readonly Problem[] } {
  return buildReduction(validate(s), new Map(), DEFAULT_REDUCTION_SETTINGS, { builtOn: "", version: "" });
}

describe("the catalogue", () => {
  it("every scenario raises its own code, and together they raise every code", () => {
    const seen = new Set<string>();
    for (const s of SCENARIOS) {
      const result = reduce(s);
      const codes = result.problems.map((problem) => problem.code);
      expect(codes, `${s.code}: ${s.name}`).toContain(s.code);
      for (const problem of result.problems) {
        seen.add(problem.code);
        // Every problem is located, and its row is the row of its cell.
        expect(problem.sheet).not.toBe("");
        expect(problem.cell).toMatch(/^[A-Z]+\d+$/);
        expect(problem.row).toBe(Number(/\d+$/.exec(problem.cell ?? "")?.[0]));
        expect(problem.message).not.toBe("");
        expect(problem.hint).not.toBe("");
      }
    }
    expect([...seen].sort()).toEqual(Object.keys(PROBLEM_CATALOGUE).sort());
  });

  it("has one describe (scenario) per code", () => {
    expect([...new Set(SCENARIOS.map((s) => s.code))].sort()).toEqual(Object.keys(PROBLEM_CATALOGUE).sort());
  });
});

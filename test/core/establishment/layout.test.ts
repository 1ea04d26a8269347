// How the reader finds its way round a sheet: where the header is, column order, blocks under
// headings, two-row headers, subtotal and total scopes, FTE from hours, blanks, and that reading
// leaves the grid as it was. Grids are hand-made; rows[0] is spreadsheet row 1.
import { describe, expect, it } from "vitest";
import { CostingError } from "../../../src/core/errors/CostingError";
import type { Problem } from "../../../src/core/establishment/Problem";
import type { ProblemCode } from "../../../src/core/establishment/problemCatalogue";
import { readEstablishmentSheet } from "../../../src/core/establishment/readEstablishmentSheet";
import type { GridInput, SheetGrid } from "../../../src/core/establishment/SheetGrid";
import { validateWorkbook } from "../../../src/core/establishment/validateWorkbook";

type Rows = readonly (readonly GridInput[])[];
const current = (rows: Rows): SheetGrid => ({ name: "Current", rows });

const cellsOf = (problems: readonly Problem[], code: ProblemCode): (string | null)[] =>
  problems.filter((problem) => problem.code === code).map((problem) => problem.cell);

// Blank rows up to (not including) 0-based row `index`, after a title in A1.
function titleThenBlanks(index: number): GridInput[][] {
  const rows: GridInput[][] = [["Leaving Care establishment 2012"]];
  while (rows.length < index) rows.push([]);
  return rows;
}

describe("the header row", () => {
  it("is found on row 5 after a title and blank rows", () => {
    const read = readEstablishmentSheet(
      current([...titleThenBlanks(4), ["Job title", "FTE", "Grade"], ["Personal Adviser", 1, "SO1"]]),
      "current",
    );
    expect(read.problems).toEqual([]);
    expect(read.establishment.rows.map((row) => [row.row, row.titleCell, row.title, row.fte])).toEqual([
      [6, "A6", "Personal Adviser", 1],
    ]);
  });

  it("is found on row 30, the last row searched", () => {
    const read = readEstablishmentSheet(
      current([...titleThenBlanks(29), ["Job title", "FTE", "Grade"], ["Personal Adviser", 1, "SO1"]]),
      "current",
    );
    expect(cellsOf(read.problems, "no-header-row")).toEqual([]);
    expect(read.establishment.rows.map((row) => row.row)).toEqual([31]);
  });

  it("is not found on row 31: no-header-row at A1", () => {
    const read = readEstablishmentSheet(
      current([...titleThenBlanks(30), ["Job title", "FTE", "Grade"], ["Personal Adviser", 1, "SO1"]]),
      "current",
    );
    expect(read.problems.map((p) => [p.code, p.cell])).toEqual([["no-header-row", "A1"]]);
    expect(read.establishment.rows).toEqual([]);
  });

  it("takes columns in any order", () => {
    const read = readEstablishmentSheet(
      current([
        ["Grade", "FTE", "Post number", "Name", "Job title"],
        ["PO1", 0.5, "50025136", "Smith J", "Social Worker"],
      ]),
      "current",
    );
    expect(read.problems).toEqual([]);
    expect(read.establishment.rows[0]).toMatchObject({
      title: "Social Worker",
      titleCell: "E2",
      fte: 0.5,
      postNumbers: ["50025136"],
      postHolder: "Smith J",
      columns: { grade: 0, fte: 1, postNumber: 2, postHolder: 3, title: 4 }, // A–E
    });
    expect(read.establishment.rows[0]?.grade?.key).toBe("PO1");
  });

  it("is not confused by a vacant post row with no figures", () => {
    const read = readEstablishmentSheet(
      current([
        ["Job title", "Name", "Status", "FTE", "Grade"],
        ["Social Worker", "Smith J", "Filled", 1, "PO1"],
        ["Team Manager", null, "Vacant", null, "PO3"], // row 3: FTE not given yet
        ["Social Worker", "Jones K", "Filled", 1, "PO1"],
      ]),
      "current",
    );
    expect(cellsOf(read.problems, "missing-column")).toEqual([]);
    expect(
      read.establishment.rows.filter((row) => row.title === "Social Worker").map((row) => [row.row, row.fte]),
    ).toEqual([
      [2, 1],
      [4, 1],
    ]);
  });
});

describe("blocks", () => {
  it("reads two blocks on one sheet, each under a heading that becomes its section", () => {
    const read = readEstablishmentSheet(
      current([
        ["Leaving Care Team"], // heading
        ["Job title", "FTE", "Grade"],
        ["Personal Adviser", 1, "SO1"],
        ["Personal Adviser", 0.5, "SO1"],
        [],
        ["Placements Team"], // heading
        ["Post title", "WTE", "Band"], // its own header
        ["Placements Officer", 1, "SO2"],
      ]),
      "current",
    );
    expect(read.problems).toEqual([]);
    expect(read.establishment.rows.map((row) => [row.row, row.section, row.title, row.fte])).toEqual([
      [3, "Leaving Care Team", "Personal Adviser", 1],
      [4, "Leaving Care Team", "Personal Adviser", 0.5],
      [8, "Placements Team", "Placements Officer", 1],
    ]);
  });

  it("a section column beats the heading", () => {
    const read = readEstablishmentSheet(
      current([
        ["Children's Services"],
        ["Team", "Job title", "FTE", "Grade"],
        ["Leaving Care", "Personal Adviser", 1, "SO1"],
        [null, "Placements Officer", 1, "SO2"],
      ]),
      "current",
    );
    expect(read.establishment.rows.map((row) => row.section)).toEqual(["Leaving Care", "Children's Services"]);
  });

  it("an error value alone on a row is not a heading", () => {
    const read = readEstablishmentSheet(
      current([
        ["Job title", "FTE", "Grade"],
        ["#N/A"], // A2: a broken lookup
        ["Social Worker", 1, "PO1"],
      ]),
      "current",
    );
    expect(read.problems.map((p) => [p.code, p.cell])).toEqual([["formula-error", "A2"]]);
    expect(read.establishment.rows[0]?.section).toBeNull();
  });
});

describe("a two-row header", () => {
  // Leicester §7: group labels over the headings, and the title column has no heading.
  const sideBySide = current([
    [null, "Proposed", null, "Current", null],
    [null, "FTE", "Band", "FTE", "Band"],
    ["Child Care Practitioner", 2, "8", 3, "8"],
    ["Team Leader", 1, "5", 1, "6"],
    ["Advanced Practitioners", null, null, 2, "10"], // withdrawn: figures on the current side only
  ]);

  it("reads the proposed side, the unheaded first column as the title", () => {
    const read = readEstablishmentSheet(sideBySide, "proposed");
    expect(read.problems).toEqual([]);
    expect(read.establishment.rows.map((row) => [row.titleCell, row.title, row.fte, row.grade?.key])).toEqual([
      ["A3", "Child Care Practitioner", 2, "8"],
      ["A4", "Team Leader", 1, "5"],
    ]);
    expect(read.establishment.rows[0]?.columns).toMatchObject({ title: 0, fte: 1, grade: 2 }); // A, B, C
  });

  it("reads the current side of the same grid", () => {
    const read = readEstablishmentSheet(sideBySide, "current");
    expect(read.problems).toEqual([]);
    expect(read.establishment.rows.map((row) => [row.title, row.fte, row.grade?.key])).toEqual([
      ["Child Care Practitioner", 3, "8"],
      ["Team Leader", 1, "6"],
      ["Advanced Practitioners", 2, "10"],
    ]);
    expect(read.establishment.rows[0]?.columns).toMatchObject({ title: 0, fte: 3, grade: 4 }); // A, D, E
  });
});

describe("subtotals and totals", () => {
  it("checks a subtotal against the rows since the last subtotal, and the total against the subtotals", () => {
    const problems = validateWorkbook([
      current([
        ["Job title", "FTE", "Grade"],
        ["Social Worker", 1, "PO1"],
        ["Social Worker", 1, "PO1"],
        ["Subtotal", 3], // B4: the rows add to 1 + 1 = 2, not 3
        ["Team Manager", 1, "PO3"],
        ["Subtotal", 1], // B6: 1
        ["Total", 4], // B7: the subtotals as stated add to 3 + 1 = 4 (the rows to 3)
      ]),
    ]).problems;
    expect(cellsOf(problems, "total-row")).toEqual(["A4", "A6", "A7"]);
    expect(cellsOf(problems, "total-mismatch")).toEqual(["B4"]);
    expect(problems.find((p) => p.cell === "A7")?.message).toContain("2 subtotals");
  });

  it("a total with no subtotals is checked against all the rows above it", () => {
    const problems = validateWorkbook([
      current([
        ["Job title", "FTE", "Grade"],
        ["Social Worker", 1, "PO1"],
        ["Social Worker", 1, "PO1"],
        ["Team Manager", 1, "PO3"],
        ["Total", 4], // B5: 1 + 1 + 1 = 3, not 4
      ]),
    ]).problems;
    expect(cellsOf(problems, "total-mismatch")).toEqual(["B5"]);
  });

  it("a second table starts a new scope", () => {
    const problems = validateWorkbook([
      current([
        ["Leaving Care"],
        ["Job title", "FTE", "Grade"],
        ["Personal Adviser", 1, "SO1"],
        ["Total", 1], // 1
        ["Placements"],
        ["Job title", "FTE", "Grade"],
        ["Placements Officer", 1, "SO2"],
        ["Placements Officer", 1, "SO2"],
        ["Total", 2], // 1 + 1 = 2: the first table's row is not in this total
      ]),
    ]).problems;
    expect(cellsOf(problems, "total-mismatch")).toEqual([]);
    expect(cellsOf(problems, "footer-row")).toEqual([]);
  });

  it("a total after subtotals also counts the rows after the last subtotal", () => {
    const problems = validateWorkbook([
      current([
        ["Job title", "FTE", "Grade"],
        ["Social Worker", 1, "PO1"],
        ["Social Worker", 1, "PO1"],
        ["Subtotal", 2], // 1 + 1
        ["Team Manager", 1, "PO3"], // under no subtotal
        ["Total", 3], // subtotal 2 + Team Manager 1 = 3
      ]),
    ]).problems;
    expect(cellsOf(problems, "total-mismatch")).toEqual([]);
  });
});

describe("FTE from hours", () => {
  const hoursOnly = [
    current([
      ["Job title", "Hours", "Grade"],
      ["Personal Adviser", 36, "SO1"],
      ["Support Worker", 18, "SO1"],
    ]),
  ];

  it("divides by a 37-hour week by default", () => {
    const rows = validateWorkbook(hoursOnly).current?.rows ?? [];
    expect(rows.map((row) => row.fteFrom)).toEqual(["hours", "hours"]);
    expect(rows.map((row) => row.weeklyHours)).toEqual([36, 18]);
    expect(rows[0]?.fte).toBeCloseTo(36 / 37, 12); // 0.973
    expect(rows[1]?.fte).toBeCloseTo(18 / 37, 12); // 0.486
  });

  it("divides by the standard week it is given (Barnet: 36)", () => {
    const rows = validateWorkbook(hoursOnly, { standardHours: 36 }).current?.rows ?? [];
    expect(rows[0]?.fte).toBeCloseTo(1, 12); // 36 / 36
    expect(rows[1]?.fte).toBeCloseTo(0.5, 12); // 18 / 36
  });
});

describe("blank, nil and zero", () => {
  it("a blank FTE stays unknown (null); - and 0 are nil", () => {
    const result = validateWorkbook([
      current([
        ["Post number", "Job title", "FTE", "Grade"],
        ["50025136", "Social Worker", null, "PO1"], // C2: blank, unknown
        ["50025137", "Social Worker", "-", "PO1"], // nil
        ["50025138", "Social Worker", 0, "PO1"], // nil
      ]),
    ]);
    expect(result.current?.rows.map((row) => [row.fte, row.fteFrom])).toEqual([
      [null, null],
      [0, "fte"],
      [0, "fte"],
    ]);
    expect(result.problems.map((p) => [p.code, p.cell])).toEqual([["blank-required-cell", "C2"]]);
  });

  it("a blank is not counted as 0 toward a total: the total is the rows that have figures", () => {
    const problems = validateWorkbook([
      current([
        ["Post number", "Job title", "FTE", "Grade"],
        ["50025136", "Social Worker", 1, "PO1"],
        ["50025137", "Social Worker", null, "PO1"], // unknown
        ["50025138", "Social Worker", "-", "PO1"],
        [null, "Total", 1], // B5 label; C5: 1 + 0 = 1 from the rows with figures
      ]),
    ]).problems;
    expect(cellsOf(problems, "total-mismatch")).toEqual([]);
    expect(cellsOf(problems, "total-row")).toEqual(["B5"]);
  });
});

type Frozen = { readonly [key: string]: unknown } | readonly unknown[];

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value as Frozen)) deepFreeze(inner);
  }
  return value;
}

describe("the source grid", () => {
  it("is not changed by reading and validating", () => {
    const grids: SheetGrid[] = [
      {
        name: "Current",
        rows: [
          ["Leaving Care Team"],
          [],
          ["Post number", "Job title", "Name", "Hours", "FTE", "Grade", "SCP"],
          ["500 25144", { value: "* Childcare Social Worker", struck: true }, "Smith J", 30, 0.81, "PO1", 30],
          ["50025136/tbc", "Support Worker x 2", null, null, 2, "SO1", { value: null, error: "#REF!" }],
          ["50025137", "Team Manager", "Vacant", null, "#N/A", "PO9", 60],
          [null, "Total", null, null, 3.81],
          [],
          ["Post", "Numbers in Post", "FTE including Vacancies"],
          ["Support Worker", 0, 2],
          ["Totals", 0, 2],
        ],
      },
      {
        name: "Proposed",
        rows: [
          [null, "Proposed", null, "Current", null],
          [null, "FTE", "Band", "FTE", "Band"],
          ["Childcare Social worker", 1, "PO1", 1, "PO1"],
          ["Waking Night Allowance", null, null, null, null, 97703],
        ],
      },
      {
        name: "Grades",
        rows: [
          ["Grade", "SCP range", "Cost per FTE"],
          ["PO1", "29 - 32", null],
          ["SO1", null, "£35,000"],
          ["Band 8", "36 - 33", null],
        ],
      },
    ];
    const before = JSON.stringify(grids);
    deepFreeze(grids);
    expect(Object.isFrozen(grids[0]?.rows[3]?.[1])).toBe(true);
    const result = validateWorkbook(grids, { standardHours: 36 });
    readEstablishmentSheet(grids[0]!, "current");
    expect(result.problems.length).toBeGreaterThan(0);
    expect(JSON.stringify(grids)).toBe(before);
  });
});

describe("misuse", () => {
  const grids = [
    current([
      ["Job title", "FTE", "Grade"],
      ["Social Worker", 1, "PO1"],
    ]),
  ];

  it("throws a CostingError for a named sheet that does not exist", () => {
    expect(() => validateWorkbook(grids, { sheets: { current: "Staff" } })).toThrow(CostingError);
    expect(() => validateWorkbook(grids, { sheets: { grades: "Pay grades" } })).toThrow(/no sheet "Pay grades"/);
  });

  it.each([0, -37, Number.NaN, 200])("throws a CostingError for a standard week of %s hours", (standardHours) => {
    expect(() => validateWorkbook(grids, { standardHours })).toThrow(CostingError);
  });

  it("accepts a named sheet that exists, whatever it is called", () => {
    const result = validateWorkbook([{ name: "Staff", rows: grids[0]!.rows }], { sheets: { current: "Staff" } });
    expect(result.roles.current).toBe("Staff");
    expect(result.current?.rows.map((row) => row.title)).toEqual(["Social Worker"]);
  });
});

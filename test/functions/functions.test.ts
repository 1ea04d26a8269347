import { describe, expect, it } from "vitest";
import { ExcelErrorValue } from "../../src/functions/ExcelErrorValue";
import { CUSTOM_FUNCTIONS } from "../../src/functions/customFunctions";

// Calls each function exactly as Excel does: positional arguments, null for every omitted one.
function call(name: string, ...args: unknown[]): number {
  const fn = CUSTOM_FUNCTIONS[name];
  if (fn === undefined) throw new Error(`no function ${name}`);
  const padded = [...args];
  while (padded.length < fn.length) padded.push(null);
  return fn(...padded);
}

function excelError(name: string, ...args: unknown[]): ExcelErrorValue {
  try {
    call(name, ...args);
  } catch (error) {
    if (error instanceof ExcelErrorValue) return error;
    throw error;
  }
  throw new Error(`${name} returned a value`);
}

describe("SCPSALARY", () => {
  it("looks up the national spine", () => {
    expect(call("SCPSALARY", 43, "2025/26")).toBe(Math.round(52805 * 1.032));
    expect(call("SCPSALARY", "SCP 32", 2012)).toBe(27052);
  });
  it("uses the user's scale (Barnet 2012 Outer London rates, seed 000 §5.2)", () => {
    const scale = [
      [32, 28800],
      [35, 30988],
    ];
    expect(call("SCPSALARY", 35, null, scale)).toBe(30988);
  });
  it("is #N/A, naming what is known, for an unknown point or year", () => {
    expect(excelError("SCPSALARY", 33, "2025/26").code).toBe("#N/A");
    expect(excelError("SCPSALARY", 20, "2026/27").message).toMatch(/2012\/13 to 2025\/26/);
  });
  it("treats an empty cell (0 on desktop, null on the web) as an omitted year", () => {
    expect(call("SCPSALARY", 43, 0)).toBe(call("SCPSALARY", 43, null));
  });
});

describe("GRADESALARY", () => {
  const grades = [
    ["Grade", "Lowest", "Highest"],
    ["PO1", 32, 35],
  ];
  it.each([
    [null, 29236],
    ["top", 29236],
    ["bottom", 27052],
    ["mid", 28636],
  ])("point %s of PO1 in 2012/13 is £%i (national SCP 35, 32, 34)", (point, salary) => {
    expect(call("GRADESALARY", "po1", grades, point, "2012/13")).toBe(salary);
  });
  it("is #N/A for a grade not in the table, naming those that are", () => {
    expect(excelError("GRADESALARY", "PO2", grades).message).toMatch(/PO1/);
  });
  it("is #VALUE! for a point other than top, bottom or mid", () => {
    expect(excelError("GRADESALARY", "PO1", grades, "highest").code).toBe("#VALUE!");
  });
});

describe("EMPLOYERNI", () => {
  it.each([
    [25000, "2018/19", null, (25000 - 8424) * 0.138],
    [28800, 2012, "D", 0.104 * (28800 - 7488) - 0.034 * (7488 - 5564)],
    [25000, "2025-26", "a", (25000 - 5000) * 0.15],
  ])("EMPLOYERNI(%s, %s, %s) = %f", (pay, year, category, expected) => {
    expect(call("EMPLOYERNI", pay, year, category)).toBeCloseTo(expected, 2);
  });
  it.each([
    [[30000, 2016, "D"], "#N/A"],
    [[30000, 2025, "Z"], "#N/A"],
    [[30000, 2030], "#N/A"],
    [["lots"], "#VALUE!"],
    [[-5], "#NUM!"],
  ])("EMPLOYERNI(%j) is %s", (args, code) => {
    expect(excelError("EMPLOYERNI", ...args).code).toBe(code);
  });
});

describe("ONCOST and POSTCOST", () => {
  it("ONCOST(30000, 19.5%, 2025/26) = NI + pension + levy", () => {
    expect(call("ONCOST", 30000, 0.195, "2025/26")).toBe((30000 - 5000) * 0.15 + 30000 * 0.195 + 30000 * 0.005);
  });
  it("POSTCOST(30000, 0.5, 19.5%, 2025) costs the half-time post on its actual pay", () => {
    expect(call("POSTCOST", 30000, 0.5, 0.195, 2025)).toBe(
      15000 + (15000 - 5000) * 0.15 + 15000 * 0.195 + 15000 * 0.005,
    );
  });
  it("ONCOST with levy FALSE leaves the levy out", () => {
    expect(call("ONCOST", 30000, null, 2025, null, null, false)).toBe((30000 - 5000) * 0.15);
  });
  it("reads 'TPS' as the Teachers' Pension Scheme rate", () => {
    expect(call("ONCOST", 40000, "TPS", 2024, null, null, false)).toBeCloseTo(
      (40000 - 9100) * 0.138 + 40000 * 0.2868,
      2,
    );
  });
  it("Barnet 2012: POSTCOST(28800, 1, 24.72%, 2012/13, D) = £38,070 to the £5 the report rounds to", () => {
    expect(Math.round(call("POSTCOST", 28800, 1, 0.2472, "2012/13", "D") / 5) * 5).toBe(38070);
  });
  it("a pension rate of 19.5 is #NUM! saying write 19.5% or 0.195", () => {
    const error = excelError("ONCOST", 30000, 19.5);
    expect(error.code).toBe("#NUM!");
    expect(error.message).toMatch("write 19.5% or 0.195");
  });
  it.each([
    [["abc"], "#VALUE!"],
    [[30000, "lots"], "#VALUE!"],
    [[[[1, 2]]], "#VALUE!"],
    [[NaN], "#NUM!"],
    [[Infinity], "#NUM!"],
    [[30000, null, null, -1], "#NUM!"],
    [[30000, null, null, null, "X"], "#N/A"],
    [[30000, null, null, null, null, "maybe"], "#VALUE!"],
  ])("ONCOST(%j) is %s", (args, code) => {
    expect(excelError("ONCOST", ...args).code).toBe(code);
  });
});

describe("FTE, FTESAVING, PARTYEAR", () => {
  it("FTE from weekly hours", () => {
    expect(call("FTE", 18.5)).toBe(0.5);
    expect(call("FTE", 30, 36)).toBeCloseTo(30 / 36, 12);
    expect(call("FTE", 18.5, 0)).toBe(0.5); // an empty standard-hours cell means the default 37
    expect(excelError("FTE", -1).code).toBe("#NUM!");
  });
  it("FTESAVING: (current − proposed) × cost, Leicester's 61.80 FTE", () => {
    expect(call("FTESAVING", 448.38, 386.58, 30000)).toBe(61.8 * 30000);
    expect(call("FTESAVING", 1, 1.5, 30000)).toBe(-15000);
  });
  it("PARTYEAR by days of the financial year", () => {
    // 1 Sep 2012 (serial 41153) to 31 Mar 2013: 212 of 365 days
    expect(call("PARTYEAR", 30000, 41153)).toBe(Math.round((30000 * 212 * 100) / 365) / 100);
    expect(call("PARTYEAR", 36500, "2025-04-01", "2025-04-10")).toBe(1000);
    expect(excelError("PARTYEAR", 36500, "soon").code).toBe("#VALUE!");
  });
});

describe("every function, every kind of argument Excel can pass", () => {
  const kinds: unknown[] = [0, -1, 1e308, NaN, "", "text", true, false, null, [[1, 2]], [[null]], { type: "Entity" }];
  it.each(Object.keys(CUSTOM_FUNCTIONS))("%s returns a finite number or raises an Excel error", (name) => {
    const fn = CUSTOM_FUNCTIONS[name]!;
    for (const kind of kinds) {
      for (let position = 0; position < fn.length; position += 1) {
        const args: unknown[] = [30000, 0.5, 0.2, 2025, 2025].slice(0, fn.length);
        while (args.length < fn.length) args.push(null);
        args[position] = kind;
        try {
          expect(Number.isFinite(fn(...args))).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(ExcelErrorValue);
        }
      }
    }
  });
});

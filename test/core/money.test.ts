import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyRatio, formatPounds, poundsToPence, ratio, ratioFromNumber } from "../../src/core";

describe("ratioFromNumber", () => {
  it.each([
    [0.138, 69, 500],
    [0.1505, 301, 2000],
    [0.2472, 309, 1250],
    [0.5, 1, 2],
    [3, 3, 1],
  ])("reads %s as exactly %i/%i", (value, num, den) => {
    expect(ratioFromNumber(value)).toEqual({ num, den });
  });

  it("reads 30/37 to Excel's 15 significant digits", () => {
    expect(ratioFromNumber(30 / 37)).toEqual(ratio(810810810810811, 1e15));
  });

  it.each([NaN, Infinity, -Infinity, 1e300])("refuses %s", (value) => {
    expect(() => ratioFromNumber(value)).toThrow();
  });
});

describe("applyRatio", () => {
  it("rounds a halfpenny up for money and down for NI (SSCR 2001 reg. 12(1))", () => {
    expect(applyRatio(1, ratio(1, 2), "half-up")).toBe(1);
    expect(applyRatio(1, ratio(1, 2), "half-down")).toBe(0);
    expect(applyRatio(3, ratio(1, 2), "half-down")).toBe(1);
  });

  it("rounds negative amounts symmetrically", () => {
    expect(applyRatio(-1, ratio(1, 2), "half-up")).toBe(-1);
    expect(applyRatio(-1, ratio(1, 2), "half-down")).toBe(0);
  });

  it("stays exact beyond 2^53 (falls back to BigInt)", () => {
    // £10m × 30/37 FTE = £8,108,108.108108… → £8,108,108.11
    expect(applyRatio(1_000_000_000, ratioFromNumber(30 / 37), "half-up")).toBe(810_810_811);
  });

  it("agrees with exact integer arithmetic for any amount and rate", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 1e6 }), (pence, ppm) => {
        const exact = (BigInt(pence) * BigInt(ppm) * 2n + 1_000_000n) / 2_000_000n; // half-up
        expect(applyRatio(pence, ratio(ppm, 1_000_000), "half-up")).toBe(Number(exact));
      }),
    );
  });
});

describe("pounds and pence", () => {
  it.each([
    [28800, 2_880_000],
    [0.125, 13],
    [38070.39, 3_807_039],
    [0.1 + 0.2, 30],
  ])("poundsToPence(%s) = %i", (pounds, pence) => {
    expect(poundsToPence(pounds)).toBe(pence);
  });

  it.each([
    [3_807_039, "£38,070.39"],
    [2_880_000, "£28,800"],
    [-150, "(£1.50)"],
    [5, "£0.05"],
  ])("formatPounds(%i) = %s", (pence, text) => {
    expect(formatPounds(pence)).toBe(text);
  });
});

describe("ratioFromNumber's fast path", () => {
  // The 15-significant-digit reading, written out the slow way, as the reference.
  function reference(value: number): { num: number; den: number } | null {
    if (Number.isSafeInteger(value)) return { num: value, den: 1 };
    const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(value.toPrecision(15));
    if (match === null) return null;
    const [, sign = "", whole = "0", fraction = "", exponent = "0"] = match;
    let digits = (whole + fraction).replace(/^0+(?=\d)/, "");
    let scale = fraction.length - Number(exponent);
    while (scale > 0 && digits.length > 1 && digits.endsWith("0")) {
      digits = digits.slice(0, -1);
      scale -= 1;
    }
    let num = Number(sign + digits);
    while (scale < 0) {
      num *= 10;
      scale += 1;
    }
    if (scale > 15 || !Number.isSafeInteger(num)) return null;
    let [a, b] = [Math.abs(num), 10 ** scale];
    while (b !== 0) [a, b] = [b, a % b];
    return { num: num / a, den: 10 ** scale / a };
  }

  it("reads every number as the 15-digit decimal it stands for", () => {
    const decimals = fc
      .tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 9 }))
      .map(([n, places]) => n / 10 ** places);
    fc.assert(
      fc.property(fc.oneof(decimals, fc.double({ noNaN: true, noDefaultInfinity: true })), (value) => {
        let ours: unknown;
        try {
          ours = ratioFromNumber(value);
        } catch {
          ours = null;
        }
        expect(ours).toEqual(reference(value));
      }),
      { numRuns: 5000 },
    );
  });
});

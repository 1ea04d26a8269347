import { afterEach, describe, expect, it } from "vitest";
import { employerNi, fte, onCost, scpSalary } from "../../src/functions/functions";
import { BUILT_IN_DEFAULTS, functionDefaults, useSettingsSource } from "../../src/functions/workbookDefaults";
import { DEFAULT_PANE_SETTINGS } from "../../src/host/PaneSettings";

const stored = (changes: Record<string, unknown>): string => JSON.stringify({ ...DEFAULT_PANE_SETTINGS, ...changes });

afterEach(() => useSettingsSource(null));

describe("omitted arguments take the workbook's settings", () => {
  it("uses the built-in defaults when the workbook has none", () => {
    useSettingsSource(() => null);
    expect(functionDefaults()).toBe(BUILT_IN_DEFAULTS);
    // 2025/26 defaults (README): 15% × (30,000 − 5,000) + 0.5% levy = 3,750 + 150
    expect(onCost(30000)).toBe(3900);
  });

  it("costs at the pension rate, tax year and standard week the pane saved", () => {
    useSettingsSource(() => stored({ pension: "19.5%", taxYear: "2025/26", standardHours: 36 }));
    // NI 3,750 + pension 19.5% × 30,000 = 5,850 + levy 150
    expect(onCost(30000)).toBe(9750);
    expect(fte(18)).toBe(0.5); // 18 of a 36-hour week
  });

  it("lets a typed argument win over the setting", () => {
    useSettingsSource(() => stored({ pension: "19.5%", standardHours: 36 }));
    expect(onCost(30000, 0, "2025/26")).toBe(3900); // pension 0 typed: none
    expect(fte(18.5, 37)).toBe(0.5);
  });

  it("uses the saved tax year and category for EMPLOYERNI, and pay year for SCPSALARY", () => {
    useSettingsSource(() => stored({ taxYear: "2012/13", niCategory: "D", payYear: "2012/13" }));
    // 2012/13 category D: 10.4% × (28,800 − 7,488) − 3.4% × (7,488 − 5,564) (README, Barnet §5.2)
    expect(employerNi(28800)).toBeCloseTo(0.104 * (28800 - 7488) - 0.034 * (7488 - 5564), 2);
    expect(scpSalary(32)).toBe(scpSalary(32, "2012/13"));
  });

  it("returns #VALUE! with the reason when a saved setting cannot be used", () => {
    useSettingsSource(() => stored({ pension: "19.5" }));
    let thrown: unknown;
    try {
      onCost(30000);
    } catch (error: unknown) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: "#VALUE!" });
    expect(() => onCost(30000)).toThrow(/workbook's costing settings cannot be used: Pension rate 19\.5/);
  });
});

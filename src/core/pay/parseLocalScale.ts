import { CostingError } from "../errors/CostingError";
import { poundsToPence } from "../money/pence";
import { normaliseScp } from "./normaliseScp";
import type { PayTable, SpinePoint } from "./PayTable";

/** A cell value as a host hands it over: Excel's `Range.values` or a parsed .xlsx cell. */
export type CellValue = number | string | boolean | null | undefined;

function isBlank(value: CellValue): boolean {
  return value === null || value === undefined || value === "" || value === 0;
}

function readMoney(value: CellValue): number | null {
  if (typeof value === "number") return value;
  if (typeof value !== "string") return null;
  const cleaned = value.replace(/[£,\s]/g, "");
  return /^\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : null;
}

/**
 * Reads a local pay scale from a two-column range (SCP, full-time annual salary): London spines,
 * local points above 43, a council's own grades. Blank rows are skipped and a heading row (text in
 * the salary column of the first row) is allowed.
 *
 * @example
 * parseLocalScale([["SCP", "Salary"], [32, 28800], [35, "£30,988"]]).points.get("35")?.salary //=> 3098800
 */
export function parseLocalScale(rows: readonly (readonly CellValue[])[]): PayTable {
  const points = new Map<string, SpinePoint>();
  rows.forEach((row, index) => {
    const [scpCell, salaryCell] = row;
    if (isBlank(scpCell) && isBlank(salaryCell)) return;
    const salary = readMoney(salaryCell);
    const isHeading = typeof salaryCell === "string" && typeof scpCell === "string" && !/\d/.test(scpCell);
    if (index === 0 && salary === null && isHeading) return;
    const where = `row ${String(index + 1)} of the scale`;
    if (row.length < 2) {
      throw new CostingError("invalid-value", "The scale must have two columns: SCP, then annual salary.");
    }
    if (typeof scpCell !== "number" && typeof scpCell !== "string") {
      throw new CostingError("invalid-value", `The SCP in ${where} is blank: give a point for every salary.`);
    }
    if (salary === null || salary <= 0) {
      throw new CostingError(
        "invalid-value",
        `The salary in ${where} (${String(salaryCell)}) is not an amount: write a full-time annual salary such as 28800.`,
      );
    }
    const scp = normaliseScp(scpCell);
    if (points.has(scp)) {
      throw new CostingError(
        "invalid-value",
        `SCP ${scp} appears twice in the scale (${where}): keep one salary per point.`,
      );
    }
    points.set(scp, { scp, salary: poundsToPence(salary), status: "local", sources: [] });
  });
  if (points.size === 0) {
    throw new CostingError("invalid-value", "The scale is empty: give rows of SCP and annual salary.");
  }
  return { name: "local scale", payYear: null, rule: "Supplied by the user", sources: [], points };
}

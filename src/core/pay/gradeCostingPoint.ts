import { CostingError } from "../errors/CostingError";
import type { GradeRange } from "./GradeTable";

/**
 * Which point of a grade a post is costed at when the sheet gives no actual SCP. Top of grade is the
 * prudent default for budgets (every post-holder will reach it); bottom suits new starters.
 */
export type CostingPoint = "top" | "bottom" | "mid";

/**
 * Reads a costing point as typed: "top", "bottom" or "mid" (any case; "middle" too).
 *
 * @example
 * parseCostingPoint("Bottom") //=> "bottom"
 */
export function parseCostingPoint(text: string): CostingPoint {
  const key = text.trim().toLowerCase();
  if (key === "top" || key === "bottom" || key === "mid") return key;
  if (key === "middle") return "mid";
  throw new CostingError("invalid-value", `"${text}" is not a costing point: write "top", "bottom" or "mid".`);
}

/**
 * The spinal column point a grade is costed at. "mid" is the middle point of the grade; with an
 * even number of points it takes the upper of the two middle points, erring towards the higher cost
 * as a budget should.
 *
 * @example
 * gradeCostingPoint({ grade: "PO1", lowest: "32", highest: "35" }, "mid") //=> "34"
 */
export function gradeCostingPoint(grade: GradeRange, point: CostingPoint): string {
  if (point === "top") return grade.highest;
  if (point === "bottom") return grade.lowest;
  const low = Number(grade.lowest);
  const high = Number(grade.highest);
  if (!Number.isInteger(low) || !Number.isInteger(high)) {
    throw new CostingError(
      "invalid-value",
      `Grade ${grade.grade} runs between local points ${grade.lowest} and ${grade.highest}: the mid point needs numbered points; use "top" or "bottom".`,
    );
  }
  return String(Math.ceil((low + high) / 2));
}

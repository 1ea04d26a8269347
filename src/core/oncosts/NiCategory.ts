import { CostingError } from "../errors/CostingError";

/**
 * HMRC National Insurance category letters the product costs:
 * - `A`: standard (the default).
 * - `D`: contracted-out salary-related scheme such as the LGPS, until 5 April 2016: employer rebate
 *   on LEL–ST, reduced rate ST–UAP, full rate above the UAP.
 * - `M`: employee under 21 (from 6 April 2015): 0% up to the upper secondary threshold.
 * - `H`: apprentice under 25 (from 6 April 2016): 0% up to the apprentice upper secondary threshold.
 */
export type NiCategory = "A" | "D" | "M" | "H";

/**
 * Reads a category letter as typed (any case, spaces ignored).
 *
 * @example
 * parseNiCategory(" d ") //=> "D"
 */
export function parseNiCategory(text: string): NiCategory {
  const letter = text.trim().toUpperCase();
  if (letter === "A" || letter === "D" || letter === "M" || letter === "H") return letter;
  throw new CostingError(
    "not-available",
    `NI category "${text}" is not one the add-in costs: use A (standard), D (contracted-out, to 2015/16), M (under 21) or H (apprentice under 25).`,
  );
}

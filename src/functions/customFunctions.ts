import { employerNi, fte, fteSaving, gradeSalary, onCost, partYear, postCost, scpSalary } from "./functions";

/** A custom function as a host calls it: positional arguments, null for each omitted one. */
export type CustomFunction = (...args: unknown[]) => number;

// Excel calls a function with whatever the cells hold; each function checks its own arguments
// (through readArgument), so widening the declared parameter types here is safe.
const callable = (fn: (...args: never[]) => number): CustomFunction => fn as unknown as CustomFunction;

/**
 * Every custom function by the name users type in Excel, for hosts that call them outside Excel
 * (the CLI's `estab fn`). The names match the ids in the generated functions.json.
 *
 * @example
 * CUSTOM_FUNCTIONS["FTE"]?.(18.5, null) //=> 0.5
 */
export const CUSTOM_FUNCTIONS: Readonly<Record<string, CustomFunction>> = {
  SCPSALARY: callable(scpSalary),
  GRADESALARY: callable(gradeSalary),
  EMPLOYERNI: callable(employerNi),
  ONCOST: callable(onCost),
  POSTCOST: callable(postCost),
  FTE: callable(fte),
  FTESAVING: callable(fteSaving),
  PARTYEAR: callable(partYear),
};

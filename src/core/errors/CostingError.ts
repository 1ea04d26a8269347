/**
 * The three ways a costing request can be unusable, named after the Excel error each becomes at the
 * edge: `invalid-value` → `#VALUE!` (wrong kind of argument), `not-available` → `#N/A` (a year, point
 * or grade the tables do not hold), `invalid-number` → `#NUM!` (a number out of its valid range).
 */
export type CostingErrorKind = "invalid-value" | "not-available" | "invalid-number";

/**
 * Thrown by the core when a caller asks for something it cannot answer (misuse, not bad HR data:
 * bad HR data becomes validation problems instead). The message says what was given and what to
 * write instead; adapters map {@link CostingError.kind} to an Excel error or an exit code.
 *
 * @example
 * throw new CostingError("invalid-number", "Pension rate 19.5 is above 100%: write 19.5% or 0.195.");
 */
export class CostingError extends Error {
  /** Which Excel error this becomes at the edge. */
  readonly kind: CostingErrorKind;

  constructor(kind: CostingErrorKind, message: string) {
    super(message);
    this.name = "CostingError";
    this.kind = kind;
  }
}

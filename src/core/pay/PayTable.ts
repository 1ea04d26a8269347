import type { Pence } from "../money/pence";

/**
 * How sure we are of a spine value (from the reference data's status codes):
 * `quoted` in a source, `derived` from the documented awards, `not-found` in any source (unknown),
 * `conflict` between sources (unknown until resolved), or `local` (supplied by the user).
 */
export type SpineStatus = "quoted" | "derived" | "not-found" | "conflict" | "local";

/** One spinal column point in one pay year. */
export interface SpinePoint {
  /** The point as written on the scale: "32", or a local point such as "W33". */
  readonly scp: string;
  /** Full-time annual salary, or null when the value is not known. */
  readonly salary: Pence | null;
  readonly status: SpineStatus;
  /** Source ids behind the value. */
  readonly sources: readonly string[];
  /** Why the value is unknown or uncertain, when it is. */
  readonly note?: string;
  /** An unverified reconstruction (never used as a salary), in pounds. */
  readonly reconstruction?: number;
  /** The spread of values the anchoring source allows, in pounds. */
  readonly range?: readonly [number, number];
}

/** A pay scale: the national spine for one pay year, or a local scale supplied by the user. */
export interface PayTable {
  /** "NJC pay spine 2025/26" or "local scale". */
  readonly name: string;
  /** The pay year's start year, or null for a local scale. */
  readonly payYear: number | null;
  /** The rule that produced the year's values, with its sources. */
  readonly rule: string;
  readonly sources: readonly string[];
  /** Points keyed by their normalised name ("32", "W33"). */
  readonly points: ReadonlyMap<string, SpinePoint>;
}

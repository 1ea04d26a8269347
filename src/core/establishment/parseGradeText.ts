import type { CellValue } from "../pay/parseLocalScale";

/** A run of spinal column points in a grade, with its label (`Level 1`) when one is given. */
export interface ScpRange {
  readonly lowest: number;
  readonly highest: number;
  readonly label: string | null;
}

/** A grade as written, with the key it is matched on and the SCP ranges it names. */
export interface GradeText {
  readonly text: string;
  /** The key grades are matched on (see {@link gradeKey}). */
  readonly key: string;
  /** The SCP ranges the text names: `42-45`, `SCP 33 – 36 (Level 1) SCP 37 – 39 (Level 2)`, `43`. */
  readonly ranges: readonly ScpRange[];
}

/**
 * The key a grade is matched on: case, spacing, dash style and a leading `Grade`, `Band` or `SCP`
 * do not matter, so `Band 8`, `band 8` and `8` are one grade and `42 – 45` is `42-45`.
 *
 * @example
 * gradeKey("Band  8") //=> "8"
 * gradeKey("SCP 33 – 36") //=> "33-36"
 */
export function gradeKey(text: string): string {
  const known = KEYS.get(text);
  if (known !== undefined) return known;
  // A sheet repeats a few dozen grades over thousands of rows: remember their keys.
  if (KEYS.size >= KEY_CACHE_SIZE) KEYS.clear();
  const key = makeKey(text);
  KEYS.set(text, key);
  return key;
}

const KEY_CACHE_SIZE = 10_000;
const KEYS = new Map<string, string>();

function makeKey(text: string): string {
  return text
    .trim()
    .replace(/\s*(?:[-–—]|\bto\b)\s*/gi, "-")
    .replace(/\s+/g, " ")
    .replace(/^(?:grade|band|scp|pay band|pay grade)\s*:?\s*/i, "")
    .toUpperCase();
}

const RANGE = /(?:scp\s*)?(\d{1,3})\s*(?:[-–—]|\bto\b)\s*(?:scp\s*)?(\d{1,3})(?:\s*\(([^)]*)\))?/gi;

/**
 * Reads a grade cell as HR writes it (hr-sheet-problems.md #12): `43`, `42-45`, `42 – 45`,
 * `SCP 33 – 36 (Level 1) SCP 37 – 39 (Level 2)`, `Grade: 32 - 35`, `47 to 50`, `Band B`. Returns
 * null for a blank cell.
 *
 * @example
 * parseGradeText("SCP 33 – 36 (Level 1) SCP 37 – 39 (Level 2)")?.ranges.length //=> 2
 * parseGradeText("47 to 50")?.ranges //=> [{ lowest: 47, highest: 50, label: null }]
 */
export function parseGradeText(value: CellValue): GradeText | null {
  if (value === null || value === undefined || typeof value === "boolean") return null;
  const raw = String(value);
  const known = GRADES.get(raw);
  if (known !== undefined) return known;
  const parsed = parseGrade(raw);
  if (parsed !== null) {
    if (GRADES.size >= KEY_CACHE_SIZE) GRADES.clear();
    GRADES.set(raw, parsed);
  }
  return parsed;
}

// Parsed grades are frozen and shared: a sheet writes the same few grades on every row.
const GRADES = new Map<string, GradeText>();

function parseGrade(raw: string): GradeText | null {
  const text = raw.replace(/\s+/g, " ").trim();
  if (text === "") return null;
  const ranges: ScpRange[] = [];
  for (const match of text.matchAll(RANGE)) {
    const lowest = Number(match[1]);
    const highest = Number(match[2]);
    const label = match[3]?.trim() ?? null;
    ranges.push({ lowest, highest, label: label === "" ? null : label });
  }
  const single = /^(?:scp\s*)?(\d{1,3})$/i.exec(gradeKey(text));
  if (ranges.length === 0 && single?.[1] !== undefined) {
    const point = Number(single[1]);
    ranges.push({ lowest: point, highest: point, label: null });
  }
  return Object.freeze({ text, key: gradeKey(text), ranges: Object.freeze(ranges) });
}

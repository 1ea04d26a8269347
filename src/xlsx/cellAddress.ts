/** A block of cells, 1-based and inclusive. */
export interface CellRange {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** Excel's last column, XFD (Excel specifications and limits). */
export const MAX_COLUMNS = 16384;
/** Excel's last row (Excel specifications and limits). */
export const MAX_ROWS = 1048576;

/**
 * A column's letters from its 1-based number.
 *
 * @example
 * columnLetters(28) //=> "AB"
 */
export function columnLetters(column: number): string {
  let letters = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/**
 * An A1 range ("A1:K40", or one cell "B2") as a {@link CellRange}; throws if it is not one.
 *
 * @example
 * parseRange("A1:K40") //=> { top: 1, left: 1, bottom: 40, right: 11 }
 */
export function parseRange(range: string): CellRange {
  const match = /^\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$/.exec(range.trim().toUpperCase());
  if (match === null) throw new Error(`"${range}" is not a range such as A1:K40`);
  const column = (letters: string): number => [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
  const left = column(match[1] ?? "");
  const top = Number(match[2]);
  const right = match[3] === undefined ? left : column(match[3]);
  const bottom = match[4] === undefined ? top : Number(match[4]);
  if (top < 1 || left < 1 || bottom < top || right < left || bottom > MAX_ROWS || right > MAX_COLUMNS) {
    throw new Error(`"${range}" is not a range inside a sheet`);
  }
  return { top, left, bottom, right };
}

/**
 * A {@link CellRange} in A1 form.
 *
 * @example
 * formatRange({ top: 1, left: 1, bottom: 40, right: 11 }) //=> "A1:K40"
 */
export function formatRange(range: CellRange): string {
  const first = `${columnLetters(range.left)}${String(range.top)}`;
  const last = `${columnLetters(range.right)}${String(range.bottom)}`;
  return first === last ? first : `${first}:${last}`;
}

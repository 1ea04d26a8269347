/**
 * The column letters of a 0-based column index, as Excel writes them.
 *
 * @example
 * columnLetter(0) //=> "A"
 * columnLetter(27) //=> "AB"
 */
export function columnLetter(column: number): string {
  let letters = "";
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/**
 * The A1 reference of a 0-based row and column.
 *
 * @example
 * cellRef(9, 5) //=> "F10"
 */
export function cellRef(row: number, column: number): string {
  return `${columnLetter(column)}${String(row + 1)}`;
}

/**
 * The 0-based column of an A1 reference.
 *
 * @example
 * columnOfRef("AB12") //=> 27
 */
export function columnOfRef(ref: string): number {
  let column = 0;
  for (const letter of /^[A-Z]+/.exec(ref.toUpperCase())?.[0] ?? "A") column = column * 26 + letter.charCodeAt(0) - 64;
  return column - 1;
}

/**
 * The places a stored number is written to, read from its shortest exact form at 12 significant
 * digits so that float noise such as 0.30000000000000004 counts as 1 place, not 17. A total of
 * such figures inherits their rounding (see checkTotal).
 *
 * @example
 * decimalPlaces(0.81) //=> 2
 * decimalPlaces(0.1 + 0.2) //=> 1
 */
export function decimalPlaces(value: number): number {
  if (Number.isInteger(value)) return 0;
  let power = 1;
  for (let places = 1; places <= 9; places += 1) {
    power *= 10;
    if (Math.round(value * power) / power === value) return places;
  }
  const text = String(Number(value.toPrecision(12)));
  if (text.includes("e")) return 0;
  const point = text.indexOf(".");
  return point === -1 ? 0 : text.length - point - 1;
}

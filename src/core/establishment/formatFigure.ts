/**
 * Writes a figure for a message the way a finance officer reads it: thousands separated, to the
 * places it was written to, with a real minus sign, and a leading `+` when asked for (differences).
 *
 * @example
 * formatFigure(-49.7, 2) //=> "−49.70"
 * formatFigure(1, 0, { sign: true }) //=> "+1"
 */
export function formatFigure(value: number, decimals: number, options: { readonly sign?: boolean } = {}): string {
  const places = Math.min(Math.max(decimals, 0), 9);
  const text = Math.abs(value).toLocaleString("en-GB", {
    minimumFractionDigits: places,
    maximumFractionDigits: places,
  });
  const isZero = Number(Math.abs(value).toFixed(places)) === 0;
  if (value < 0 && !isZero) return `−${text}`;
  return options.sign === true && !isZero ? `+${text}` : text;
}

/** A total row's label: a subtotal sums the rows since the last subtotal, a total sums them all. */
export type TotalLabel = "subtotal" | "total";

// "Total", "Totals", "Sub-total", "Subtotal", "Grand total", "Total fte" (Barnet §5.4), "Total:".
// "Total savings" and "Total budget" are figures of their own, not totals of the rows.
const TOTAL = /^(grand\s+)?(sub\s*-?\s*)?totals?(\s+(fte|wte|posts?|cost|costs|establishment|hours|£))?\s*:?$/i;

/**
 * Recognises a total or subtotal label.
 *
 * @example
 * totalLabel("Sub-total") //=> "subtotal"
 * totalLabel("Total fte") //=> "total"
 * totalLabel("Total savings") //=> null
 */
export function totalLabel(text: string): TotalLabel | null {
  // Every row's first cells are asked; most are titles and numbers, and none of those start so.
  const first = /\S/.exec(text)?.[0].toLowerCase();
  if (first !== "t" && first !== "s" && first !== "g") return null;
  const match = TOTAL.exec(text.replace(/\s+/g, " ").trim());
  if (match === null) return null;
  return match[2] === undefined ? "total" : "subtotal";
}

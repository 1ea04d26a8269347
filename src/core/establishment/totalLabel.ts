/** A total row's label: a subtotal sums the rows since the last subtotal, a total sums them all. */
export type TotalLabel = "subtotal" | "total";

// "Total", "Totals", "Sub-total", "Subtotal", "Grand total", "Total fte" (Barnet §5.4), "Total:".
// "Total savings" and "Total budget" are figures of their own, not totals of the rows.
const TOTAL = /^(grand\s+)?(sub\s*-?\s*)?totals?(\s+(fte|wte|posts?|cost|costs|establishment|hours|£))?\s*:?$/i;
const START = /^\s*[gst]/i;
const TOTAL_WORD = /total/i;

/**
 * Recognises a total or subtotal label.
 *
 * @example
 * totalLabel("Sub-total") //=> "subtotal"
 * totalLabel("Total fte") //=> "total"
 * totalLabel("Total savings") //=> null
 */
export function totalLabel(text: string): TotalLabel | null {
  // Every row's first cells are asked, and most are titles: a label starts with t, s or g and says
  // "total", which two tests that allocate nothing tell before the text is rewritten.
  if (!START.test(text) || !TOTAL_WORD.test(text)) return null;
  const match = TOTAL.exec(text.replace(/\s+/g, " ").trim());
  if (match === null) return null;
  return match[2] === undefined ? "total" : "subtotal";
}

import type { Pence } from "./pence";

/**
 * Formats pence as pounds the way a committee report prints them: thousands separated by commas,
 * pence shown only when there are any, negatives in accountants' brackets.
 *
 * @example
 * formatPounds(3807039) //=> "£38,070.39"
 * formatPounds(2880000) //=> "£28,800"
 * formatPounds(-150) //=> "(£1.50)"
 */
export function formatPounds(pence: Pence): string {
  const negative = pence < 0;
  const abs = Math.abs(pence);
  const pounds = Math.floor(abs / 100);
  const rest = abs % 100;
  const grouped = String(pounds).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const text = `£${grouped}${rest === 0 ? "" : `.${String(rest).padStart(2, "0")}`}`;
  return negative ? `(${text})` : text;
}

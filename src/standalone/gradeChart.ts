import { type GradeFigures } from "../output/gradeSummary";
import { h, svg } from "../taskpane/dom";

const WIDTH = 300;
const LABEL = 62;
const VALUE = 60;
const BAR = 10;
const GAP = 8;
const CURRENT_FILL = "#8a8a8a";
const PROPOSED_FILL = "#0f6cbd";

let nextId = 0;

/**
 * The standalone page's chart of FTE and cost by grade, current against proposed: two panels of
 * horizontal bars (they fit a 320 px pane with the grade names readable), drawn as inline SVG so no
 * chart library or outside resource is needed. Screen readers get the SVG's title and description
 * and the same figures as a table.
 *
 * @example
 * container.append(gradeChart(summariseByGrade(reduction.table)));
 */
export function gradeChart(figures: readonly GradeFigures[]): HTMLElement {
  const id = `ec-chart-${String((nextId += 1))}`;
  const fte = (n: number): string => n.toFixed(2);
  const panels = [
    panel(`${id}-fte`, "FTE by grade", figures, (g) => [g.currentFte, g.proposedFte], fte),
    panel(`${id}-cost`, "Cost by grade", figures, (g) => [g.currentCost / 100, g.proposedCost / 100], compactPounds),
  ];
  const table = h(
    "table",
    { class: "ec-chart-table" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, "Grade"),
        h("th", { scope: "col" }, "Current FTE"),
        h("th", { scope: "col" }, "Proposed FTE"),
        h("th", { scope: "col" }, "Current cost"),
        h("th", { scope: "col" }, "Proposed cost"),
      ),
    ),
    h(
      "tbody",
      {},
      ...figures.map((g) =>
        h(
          "tr",
          {},
          h("th", { scope: "row" }, g.grade),
          h("td", {}, fte(g.currentFte)),
          h("td", {}, fte(g.proposedFte)),
          h("td", {}, compactPounds(g.currentCost / 100)),
          h("td", {}, compactPounds(g.proposedCost / 100)),
        ),
      ),
    ),
  );
  return h(
    "figure",
    { class: "ec-chart", "aria-labelledby": `${id}-caption` },
    h("figcaption", { id: `${id}-caption` }, "FTE and cost by grade, current and proposed"),
    h(
      "div",
      { class: "ec-legend", "aria-hidden": "true" },
      h("span", {}, h("span", { class: "ec-swatch ec-swatch-current" }), "Current"),
      h("span", {}, h("span", { class: "ec-swatch ec-swatch-proposed" }), "Proposed"),
    ),
    ...panels,
    h("details", {}, h("summary", {}, "The figures as a table"), table),
  );
}

function panel(
  id: string,
  title: string,
  figures: readonly GradeFigures[],
  values: (g: GradeFigures) => readonly [number, number],
  format: (n: number) => string,
): SVGSVGElement {
  const max = Math.max(0, ...figures.flatMap((g) => values(g)));
  const scale = max > 0 ? (WIDTH - LABEL - VALUE) / max : 0;
  const band = 2 * BAR + GAP;
  const top = 22;
  const height = top + figures.length * band + 4;
  const rows = figures.flatMap((g, i) => {
    const y = top + i * band;
    const [current, proposed] = values(g);
    const bar = (value: number, dy: number, fill: string, side: string) => [
      svg(
        "rect",
        {
          x: String(LABEL),
          y: String(y + dy),
          width: String(Math.max(value * scale, value > 0 ? 1 : 0)),
          height: String(BAR),
          fill,
        },
        svg("title", {}, `${side} ${g.grade}: ${format(value)}`),
      ),
      svg(
        "text",
        { x: String(LABEL + value * scale + 4), y: String(y + dy + BAR - 1), "font-size": "10", fill: "#424242" },
        format(value),
      ),
    ];
    return [
      svg(
        "text",
        { x: String(LABEL - 4), y: String(y + BAR + 4), "font-size": "11", "text-anchor": "end", fill: "#242424" },
        g.grade,
      ),
      ...bar(current, 0, CURRENT_FILL, "Current"),
      ...bar(proposed, BAR, PROPOSED_FILL, "Proposed"),
    ];
  });
  const total = (side: 0 | 1): number => figures.reduce((sum, g) => sum + values(g)[side], 0);
  return svg(
    "svg",
    {
      viewBox: `0 0 ${String(WIDTH)} ${String(height)}`,
      role: "img",
      "aria-labelledby": `${id}-title ${id}-desc`,
      class: "ec-chart-panel",
    },
    svg("title", { id: `${id}-title` }, title),
    svg(
      "desc",
      { id: `${id}-desc` },
      `${String(figures.length)} grades; current ${format(total(0))} in all, proposed ${format(total(1))}. The figures are in the table below.`,
    ),
    svg("text", { x: "0", y: "13", "font-size": "12", "font-weight": "600", fill: "#242424" }, title),
    svg("line", { x1: String(LABEL), y1: String(top - 2), x2: String(LABEL), y2: String(height), stroke: "#d1d1d1" }),
    ...rows,
  );
}

/**
 * Pounds in a few characters for a chart label: £1.15m, £521k, £800.
 *
 * @example
 * compactPounds(1154200) //=> "£1.15m"
 * compactPounds(520800) //=> "£521k"
 */
export function compactPounds(pounds: number): string {
  const sign = pounds < 0 ? "-" : "";
  const abs = Math.abs(pounds);
  if (abs >= 1_000_000) return `${sign}£${(abs / 1_000_000).toFixed(2)}m`;
  if (abs >= 1_000) return `${sign}£${String(Math.round(abs / 1_000))}k`;
  return `${sign}£${String(Math.round(abs))}`;
}

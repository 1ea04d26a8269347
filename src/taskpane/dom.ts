/** Attributes of an element made by {@link h}: strings set as attributes, booleans as present or absent. */
export type Attributes = Readonly<Record<string, string | boolean | undefined>>;

/** A child of an element made by {@link h}: an element, or text (set as text, never parsed as HTML). */
export type Child = Node | string | null | undefined | false;

/**
 * Makes an element with attributes and children. Text is added as text nodes only: workbook text
 * (job titles, sheet names) can hold anything, and must never be parsed as HTML.
 *
 * @example
 * h("button", { type: "button", class: "primary" }, "Validate").outerHTML //=> '<button type="button" class="primary">Validate</button>'
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: readonly Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  setAttributes(element, attributes);
  append(element, ...children);
  return element;
}

/**
 * Makes an SVG element (the chart) with attributes and children, text as text nodes only.
 *
 * @example
 * svg("rect", { x: "0", width: "10" })
 */
export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: readonly Child[]
): SVGElementTagNameMap[K] {
  const element = document.createElementNS("http://www.w3.org/2000/svg", tag);
  setAttributes(element, attributes);
  append(element, ...children);
  return element;
}

function setAttributes(element: Element, attributes: Attributes): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? "" : value);
  }
}

function append(element: Element, ...children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
}

/**
 * Replaces an element's children.
 *
 * @example
 * replaceChildren(list, h("li", {}, "one"))
 */
export function replaceChildren(element: Element, ...children: readonly Child[]): void {
  element.replaceChildren();
  append(element, ...children);
}

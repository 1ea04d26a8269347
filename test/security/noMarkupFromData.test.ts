// Issue 7: workbook text (job titles, sections, post-holders, grades, sheet names) reaches the page
// only as text. Nothing in the page's code parses a string as HTML or runs one as code, and no
// element gets an event-handler attribute. The code is read as syntax trees, so comments that
// mention an API (dom.ts's example of outerHTML) do not count. test/e2e/payload.e2e.test.ts proves
// the same in Chromium with real payloads.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { nodesOf, parsedSources, referencedName, where } from "./sourceFiles";

// Everything that runs in the task pane or the standalone page.
const PAGE_CODE = ["src/taskpane", "src/standalone", "src/host", "src/excel", "src/functions", "src/output"];

// Properties and methods that parse a string as markup.
const MARKUP_SINKS = new Set([
  "innerHTML",
  "outerHTML",
  "insertAdjacentHTML",
  "createContextualFragment",
  "parseFromString",
  "srcdoc",
  "setHTMLUnsafe",
]);

describe("the page's code", () => {
  const sources = parsedSources(PAGE_CODE);

  it("covers the task pane and the standalone page", () => {
    const paths = sources.map((s) => s.path);
    expect(paths).toContain(join("src", "taskpane", "Pane.ts"));
    expect(paths).toContain(join("src", "standalone", "standalone.ts"));
  });

  it("never parses a string as HTML (innerHTML, outerHTML, insertAdjacentHTML, document.write …)", () => {
    const found: string[] = [];
    for (const source of sources) {
      for (const node of nodesOf(source.tree)) {
        if (!ts.isPropertyAccessExpression(node) && !ts.isElementAccessExpression(node)) continue;
        const name = referencedName(node);
        if (name !== null && MARKUP_SINKS.has(name)) found.push(`${where(source, node)} ${name}`);
        if (
          (name === "write" || name === "writeln") &&
          ts.isPropertyAccessExpression(node) &&
          /(^|\.)document$/.test(node.expression.getText(source.tree))
        ) {
          found.push(`${where(source, node)} document.${name}`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it("never runs a string as code (eval, new Function, setTimeout with text)", () => {
    const found: string[] = [];
    for (const source of sources) {
      for (const node of nodesOf(source.tree)) {
        if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
          const callee = referencedName(node.expression);
          const first = node.arguments?.[0];
          if (callee === "eval" || callee === "Function") found.push(`${where(source, node)} ${callee}`);
          if (
            (callee === "setTimeout" || callee === "setInterval") &&
            first !== undefined &&
            !ts.isArrowFunction(first) &&
            !ts.isFunctionExpression(first) &&
            !ts.isIdentifier(first) &&
            !ts.isPropertyAccessExpression(first)
          ) {
            found.push(`${where(source, node)} ${callee} with ${first.getText(source.tree)}`);
          }
        }
      }
    }
    expect(found).toEqual([]);
  });

  it("never sets an event-handler attribute (setAttribute('on…'), h(…, { onclick }))", () => {
    const found: string[] = [];
    for (const source of sources) {
      for (const node of nodesOf(source.tree)) {
        if (!ts.isCallExpression(node)) continue;
        const callee = referencedName(node.expression);
        const [first, second] = node.arguments;
        if (callee === "setAttribute" || callee === "setAttributeNS") {
          const name = callee === "setAttribute" ? first : second;
          if (name !== undefined && ts.isStringLiteralLike(name) && /^on/i.test(name.text)) {
            found.push(`${where(source, node)} setAttribute("${name.text}")`);
          }
        }
        // dom.ts's h() and svg() take attributes as an object literal.
        if ((callee === "h" || callee === "svg") && second !== undefined && ts.isObjectLiteralExpression(second)) {
          for (const property of second.properties) {
            const key = property.name === undefined ? "" : property.name.getText(source.tree).replace(/["']/g, "");
            if (/^on/i.test(key)) found.push(`${where(source, property)} ${callee}(…, { ${key} })`);
          }
        }
      }
    }
    expect(found).toEqual([]);
  });
});

describe("the pages' HTML", () => {
  const pages = [
    ...readdirSync("src", { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".html"))
      .map((file) => join("src", file)),
  ];

  it.each(pages)("%s has no inline script, event-handler attribute or javascript: URL", (page) => {
    const html = readFileSync(page, "utf8");
    const scripts = [...html.matchAll(/<script\b([^>]*)>/gi)].map((m) => m[1] ?? "");
    for (const attributes of scripts) expect(attributes, page).toMatch(/\bsrc=/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
  });
});

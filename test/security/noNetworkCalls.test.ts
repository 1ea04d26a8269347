// Issue 7, no telemetry: no source file opens a connection of its own. The only requests the add-in
// makes are two reads of files served beside the page (same origin, relative URLs, under the
// pages' CSP connect-src 'self'): the task pane's list of functions and the standalone page's
// sample workbook. Any other use of fetch, XMLHttpRequest, WebSocket, EventSource, sendBeacon or
// WebRTC anywhere under src/ fails here.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { nodesOf, parsedSources, referencedName, where } from "./sourceFiles";

const NETWORK_APIS = new Set([
  "fetch",
  "XMLHttpRequest",
  "WebSocket",
  "EventSource",
  "sendBeacon",
  "RTCPeerConnection",
  "importScripts",
  "WebTransport",
]);

// The same-origin reads described above, by file and call, exactly as written.
const SAME_ORIGIN_READS: readonly (readonly [string, string])[] = [
  [join("src", "taskpane", "taskpane.ts"), 'fetch("functions.json")'],
  [join("src", "standalone", "standalone.ts"), "fetch(SAMPLE.url)"],
];

describe("the source under src/", () => {
  const sources = parsedSources(["src"]);

  it("opens no connection except the two same-origin reads of files beside the page", () => {
    const found: string[] = [];
    for (const source of sources) {
      for (const node of nodesOf(source.tree)) {
        // Each use once: the expression that names the API, not also the identifier inside it.
        if (ts.isIdentifier(node) && ts.isPropertyAccessExpression(node.parent) && node.parent.name === node) continue;
        const name = referencedName(node);
        if (name === null || !NETWORK_APIS.has(name)) continue;
        if (!ts.isIdentifier(node) && !ts.isPropertyAccessExpression(node) && !ts.isElementAccessExpression(node)) {
          continue;
        }
        const call = ts.isCallExpression(node.parent) ? node.parent.getText(source.tree) : node.getText(source.tree);
        if (SAME_ORIGIN_READS.some(([path, text]) => path === source.path && text === call)) continue;
        found.push(`${where(source, node)} ${call}`);
      }
    }
    expect(found).toEqual([]);
  });

  it("reads the standalone sample by a relative URL on the page's own server", () => {
    const standalone = readFileSync(join("src", "standalone", "standalone.ts"), "utf8");
    const url = /const SAMPLE = \{ url: "([^"]+)"/.exec(standalone)?.[1];
    expect(url).toBeDefined();
    expect(url).not.toMatch(/^[a-z][a-z0-9+.-]*:|^\/\//i);
  });
});

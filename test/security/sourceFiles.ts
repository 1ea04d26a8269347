// The shipped source as syntax trees, for the static security tests: they look at code, never at
// comments or strings that merely mention an API.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

/** A source file parsed once. */
export interface ParsedSource {
  readonly path: string;
  readonly tree: ts.SourceFile;
}

function filesUnder(directory: string, extension: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return filesUnder(path, extension);
    return entry.name.endsWith(extension) ? [path] : [];
  });
}

/**
 * Every TypeScript file under the given directories, parsed.
 *
 * @example
 * parsedSources(["src/taskpane"]).map((s) => s.path) //=> ["src/taskpane/Pane.ts", …]
 */
export function parsedSources(directories: readonly string[]): ParsedSource[] {
  return directories
    .flatMap((directory) => filesUnder(directory, ".ts"))
    .sort()
    .map((path) => ({
      path,
      tree: ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true),
    }));
}

/**
 * Every node of a tree, depth first.
 *
 * @example
 * [...nodesOf(tree)].filter(ts.isCallExpression).length
 */
export function* nodesOf(node: ts.Node): Generator<ts.Node> {
  yield node;
  for (const child of node.getChildren()) yield* nodesOf(child);
}

/**
 * Where a node is, as path:line, for a failure message.
 *
 * @example
 * where(source, node) //=> "src/taskpane/Pane.ts:120"
 */
export function where(source: ParsedSource, node: ts.Node): string {
  const { line } = source.tree.getLineAndCharacterOfPosition(node.getStart(source.tree));
  return `${source.path}:${String(line + 1)}`;
}

/**
 * The name a node refers to: an identifier's text, a property access's or string-keyed element
 * access's property name, else null.
 *
 * @example
 * referencedName(parse("el.innerHTML")) //=> "innerHTML"
 */
export function referencedName(node: ts.Node): string | null {
  if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) {
    return node.argumentExpression.text;
  }
  return null;
}

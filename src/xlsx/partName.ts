// Pure: no Node, no DOM. Part names of an OPC package (ECMA-376 Part 2): how a relationship's
// target names a part, and where a part's relationships are kept.

/**
 * The part a relationship's target names, resolved against the part that holds the relationship
 * (ECMA-376 Part 2, 9.3: a reference relative to the source part's folder, or absolute from the
 * package root when it starts with "/"), without a leading "/". Percent-encoding is kept: the
 * package's `find` matches a name with it undone too.
 *
 * @example
 * resolvePartName("xl/workbook.xml", "worksheets/sheet1.xml") //=> "xl/worksheets/sheet1.xml"
 * resolvePartName("xl/workbook.xml", "/xl/styles.xml") //=> "xl/styles.xml"
 */
export function resolvePartName(source: string, target: string): string {
  const folder = source.slice(0, source.lastIndexOf("/") + 1);
  const resolved: string[] = [];
  for (const segment of (target.startsWith("/") ? target : folder + target).split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") resolved.pop();
    else resolved.push(segment);
  }
  return resolved.join("/");
}

/**
 * The relationships part of a part ("xl/workbook.xml" → "xl/_rels/workbook.xml.rels"; ECMA-376
 * Part 2, 9.3.3); the package's own relationships are those of "" ("_rels/.rels").
 *
 * @example
 * relsPartOf("xl/worksheets/sheet1.xml") //=> "xl/worksheets/_rels/sheet1.xml.rels"
 */
export function relsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

// Pure: no Node, no DOM.

/**
 * The namespace of the relationship types of Office documents (ECMA-376 Part 1, 15.2), which a
 * workbook also declares for its `r:id` attributes.
 *
 * @example
 * RELATIONSHIPS_NAMESPACE //=> "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
 */
export const RELATIONSHIPS_NAMESPACE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** The kinds of relationship the package reader and writer follow or write. */
export type RelationshipKind =
  "officeDocument" | "worksheet" | "chartsheet" | "sharedStrings" | "styles" | "table" | "drawing" | "chart";

/**
 * The relationship type the writer gives a relationship of this kind (transitional, as Excel
 * saves an ordinary .xlsx).
 *
 * @example
 * relationshipType("worksheet") //=> "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
 */
export function relationshipType(kind: RelationshipKind): string {
  return `${RELATIONSHIPS_NAMESPACE}/${kind}`;
}

/**
 * Whether a relationship type read from a package is of this kind, in the transitional namespace
 * or Strict Open XML's (`http://purl.oclc.org/ooxml/officeDocument/relationships/…`): the kind is
 * the type's last segment in both.
 *
 * @example
 * isRelationshipType("http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet", "worksheet") //=> true
 */
export function isRelationshipType(type: string, kind: RelationshipKind): boolean {
  return type.endsWith(`/${kind}`);
}

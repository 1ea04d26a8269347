import { XmlTag } from "./XmlTag";
import { decodeXmlText, escapeXmlAttribute } from "./xmlText";

// Pure: no Node, no DOM. Just enough XML reading to find elements in a package part
// (workbook.xml, its rels, the content types, styles.xml) and edit them in place, leaving every
// other byte of the part as it was. Not a parser: tags are read by XmlTag, the one tag scanner of
// the package reader and writer, so comments, CDATA sections and ">" inside attribute values are
// skipped as the sheet reader skips them.

/** A start tag found in a part's XML. */
export interface StartTag {
  /** Namespace prefix as written ("" for none), e.g. "x" for `<x:sheet …>`. */
  readonly prefix: string;
  /** The local name. */
  readonly name: string;
  /** Index of `<` and index just after `>`. */
  readonly start: number;
  readonly end: number;
  readonly selfClosing: boolean;
  /** Attribute values, decoded ({@link decodeXmlText}), by qualified name. */
  readonly attributes: ReadonlyMap<string, string>;
  /** The tag exactly as written. */
  readonly source: string;
}

/**
 * Every start (or empty-element) tag with local name `name`, any prefix, starting between `from`
 * and `to`.
 *
 * @example
 * findStartTags('<sheets><sheet name="A"/></sheets>', "sheet")[0]?.attributes.get("name") //=> "A"
 */
export function findStartTags(xml: string, name: string, from = 0, to = xml.length): StartTag[] {
  const tags: StartTag[] = [];
  eachStartTag(xml, name, from, to, (tag) => {
    tags.push(tag);
    return true;
  });
  return tags;
}

/**
 * The first start tag named `name` (local name, any prefix), or undefined. Stops at the first, so
 * it is cheap on a large part when the element comes early.
 *
 * @example
 * findStartTag("<a><b/></a>", "b")?.start //=> 3
 */
export function findStartTag(xml: string, name: string, from = 0, to = xml.length): StartTag | undefined {
  let found: StartTag | undefined;
  eachStartTag(xml, name, from, to, (tag) => {
    found = tag;
    return false;
  });
  return found;
}

/**
 * The index of the end tag that closes `tag` (or `tag.end` for an empty element), matching nested
 * elements of the same qualified name.
 *
 * @example
 * const xml = "<a><a/></a>"; findEndTag(xml, findStartTag(xml, "a")!) //=> 7
 */
export function findEndTag(xml: string, tag: StartTag): number {
  if (tag.selfClosing) return tag.end;
  const qualified = tag.prefix === "" ? tag.name : `${tag.prefix}:${tag.name}`;
  const cursor = new XmlTag();
  let depth = 1;
  for (let at = xml.indexOf("<", tag.end); at !== -1; at = xml.indexOf("<", cursor.end)) {
    if (!cursor.read(xml, at)) break;
    if ((cursor.kind !== "open" && cursor.kind !== "close") || !isQualified(cursor, qualified)) continue;
    depth += cursor.kind === "open" ? 1 : -1;
    if (depth === 0) return cursor.start;
  }
  throw new Error(`<${qualified}> is not closed`);
}

/**
 * The tag with attribute `name` set to `value` (escaped), replacing it where present.
 *
 * @example
 * withAttribute('<workbookView activeTab="0"/>', "activeTab", "3") //=> '<workbookView activeTab="3"/>'
 */
export function withAttribute(source: string, name: string, value: string): string {
  const escaped = escapeXmlAttribute(value);
  const at = attributeAt(source, name);
  if (at !== undefined) return `${source.slice(0, at.valueStart - 1)}"${escaped}"${source.slice(at.valueEnd + 1)}`;
  const close = source.endsWith("/>") ? source.length - 2 : source.length - 1;
  return `${source.slice(0, close).trimEnd()} ${name}="${escaped}"${source.slice(close)}`;
}

/**
 * The namespace prefix bound to `uri` on the tag (`xmlns:r="…"` → "r"), "" for the default
 * namespace, or undefined when the tag does not declare it.
 *
 * @example
 * prefixFor(findStartTag('<workbook xmlns:r="urn:r">', "workbook")!, "urn:r") //=> "r"
 */
export function prefixFor(tag: StartTag, uri: string): string | undefined {
  for (const [name, value] of tag.attributes) {
    if (value !== uri) continue;
    if (name === "xmlns") return "";
    if (name.startsWith("xmlns:")) return name.slice(6);
  }
  return undefined;
}

// Calls `found` with each start tag named `name` from `from` until `to`, or until it returns false.
function eachStartTag(xml: string, name: string, from: number, to: number, found: (tag: StartTag) => boolean): void {
  const cursor = new XmlTag();
  for (let at = xml.indexOf("<", from); at !== -1 && at < to; at = xml.indexOf("<", cursor.end)) {
    if (!cursor.read(xml, at)) return;
    if ((cursor.kind !== "open" && cursor.kind !== "empty") || !cursor.isNamed(name)) continue;
    const attributes = new Map<string, string>();
    while (cursor.nextAttribute()) {
      attributes.set(cursor.attributeName, decodeXmlText(cursor.value));
    }
    const tag: StartTag = {
      prefix: cursor.prefix,
      name,
      start: cursor.start,
      end: cursor.end,
      selfClosing: cursor.kind === "empty",
      attributes,
      source: xml.slice(cursor.start, cursor.end),
    };
    if (!found(tag)) return;
  }
}

function isQualified(cursor: XmlTag, qualified: string): boolean {
  return (
    cursor.nameEnd - cursor.nameStart === qualified.length && cursor.source.startsWith(qualified, cursor.nameStart)
  );
}

// Where the attribute with qualified name `name` is in a tag's source: its name's start and its
// value's bounds (inside the quotes).
function attributeAt(
  source: string,
  name: string,
): { nameStart: number; valueStart: number; valueEnd: number } | undefined {
  const cursor = new XmlTag();
  if (!cursor.read(source, 0)) return undefined;
  while (cursor.nextAttribute()) {
    if (cursor.attributeName === name) {
      return { nameStart: cursor.attributeNameStart, valueStart: cursor.valueStart, valueEnd: cursor.valueEnd };
    }
  }
  return undefined;
}

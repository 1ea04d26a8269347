// Pure: no Node, no DOM, so the standalone page can use the .xlsx reader and writer too. The one
// tag scanner of both: the sheet scanners use it as a cursor, xmlTags.ts builds on it to edit parts.

/** What a tag read by {@link XmlTag} is. */
export type XmlTagKind = "open" | "close" | "empty" | "text" | "other";

const GREATER_THAN = 0x3e;
const SLASH = 0x2f;
const COLON = 0x3a;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const BANG = 0x21;
const QUESTION = 0x3f;
const SPACE = 0x20;

/**
 * A reusable cursor over one XML tag in a string: where it starts and ends, its kind, its name
 * (with the local name after any namespace prefix) and its attributes, read in place without
 * building objects, because a large sheet has millions of tags. The XML is trusted to be
 * well-formed only as far as each tag goes; callers check the structure they need.
 *
 * `text` is the kind of a CDATA section (its content is between `textStart` and `textEnd`);
 * `other` covers comments, processing instructions and declarations.
 *
 * @example
 * const tag = new XmlTag();
 * tag.read('<x:c r="B2" t="s">', 0); //=> true
 * tag.kind; //=> "open"
 * tag.isNamed("c"); //=> true
 * tag.attribute("r"); //=> "B2"
 */
export class XmlTag {
  /** The string the tag was read from. */
  source = "";
  /** What the tag is. */
  kind: XmlTagKind = "other";
  /** Where the tag is: the index of its `<`, and the index just after its `>`. */
  start = 0;
  end = 0;
  /**
   * Where its name is: the qualified name's first character, the local name's (after any
   * `prefix:`), and the index just after the name.
   */
  nameStart = 0;
  localStart = 0;
  nameEnd = 0;
  /** For a CDATA section, where its content starts and ends. */
  textStart = 0;
  textEnd = 0;
  /**
   * After {@link nextAttribute}, where the attribute is: its qualified name's first character, its
   * local name's, the index just after its name, and its raw (undecoded) value's start and end.
   */
  attributeNameStart = 0;
  attributeLocalStart = 0;
  attributeNameEnd = 0;
  valueStart = 0;
  valueEnd = 0;
  /**
   * After {@link readContent}: where the element's text starts and ends when it is in one piece;
   * when it is not, `contentRaw` holds it, else null.
   */
  contentStart = 0;
  contentEnd = 0;
  contentRaw: string | null = null;
  private attributesEnd = 0;
  private attributeCursor = 0;

  /**
   * Reads the tag whose `<` is at `start`. Returns false, changing nothing a caller relies on,
   * when `source` ends before the tag does (the caller waits for more text).
   */
  read(source: string, start: number): boolean {
    const length = source.length;
    let i = start + 1;
    if (i >= length) return false;
    const first = source.charCodeAt(i);
    if (first === BANG || first === QUESTION) return this.readSpecial(source, start);
    let kind: XmlTagKind = "open";
    if (first === SLASH) {
      kind = "close";
      i++;
    }
    const nameStart = i;
    let localStart = i;
    while (i < length) {
      const c = source.charCodeAt(i);
      if (c === GREATER_THAN || c === SLASH || c <= SPACE) break;
      if (c === COLON) localStart = i + 1;
      i++;
    }
    const nameEnd = i;
    // Attribute values may hold ">" (XML only requires "<" and "&" to be escaped in them).
    let quote = 0;
    while (i < length) {
      const c = source.charCodeAt(i);
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === GREATER_THAN) {
        break;
      } else if (c === QUOTE || c === APOSTROPHE) {
        quote = c;
      }
      i++;
    }
    if (i >= length) return false;
    if (kind === "open" && i > nameEnd && source.charCodeAt(i - 1) === SLASH) kind = "empty";
    this.source = source;
    this.start = start;
    this.end = i + 1;
    this.kind = kind;
    this.nameStart = nameStart;
    this.localStart = localStart;
    this.nameEnd = nameEnd;
    this.attributesEnd = kind === "empty" ? i - 1 : i;
    this.attributeCursor = nameEnd;
    return true;
  }

  /** The local name (after any prefix) is `name`. */
  isNamed(name: string): boolean {
    return this.nameEnd - this.localStart === name.length && this.source.startsWith(name, this.localStart);
  }

  /** The qualified name, prefix included, as written. */
  get name(): string {
    return this.source.slice(this.nameStart, this.nameEnd);
  }

  /** The namespace prefix as written, without its colon; "" when the name has none. */
  get prefix(): string {
    return this.localStart === this.nameStart ? "" : this.source.slice(this.nameStart, this.localStart - 1);
  }

  /**
   * Moves to the next attribute, setting `attributeNameStart` … `valueEnd`; false after the last.
   * Namespace declarations are attributes like any other.
   */
  nextAttribute(): boolean {
    const source = this.source;
    const end = this.attributesEnd;
    let i = this.attributeCursor;
    while (i < end && source.charCodeAt(i) <= SPACE) i++;
    if (i >= end) return false;
    const nameStart = i;
    let localStart = i;
    while (i < end) {
      const c = source.charCodeAt(i);
      if (c === EQUALS || c <= SPACE) break;
      if (c === COLON) localStart = i + 1;
      i++;
    }
    const nameEnd = i;
    while (i < end && source.charCodeAt(i) !== QUOTE && source.charCodeAt(i) !== APOSTROPHE) i++;
    if (i >= end) {
      this.attributeCursor = end;
      return false;
    }
    const quote = source.charCodeAt(i);
    const valueStart = i + 1;
    let valueEnd = source.indexOf(quote === QUOTE ? '"' : "'", valueStart);
    if (valueEnd === -1 || valueEnd > end) valueEnd = end;
    this.attributeNameStart = nameStart;
    this.attributeLocalStart = localStart;
    this.attributeNameEnd = nameEnd;
    this.valueStart = valueStart;
    this.valueEnd = valueEnd;
    this.attributeCursor = valueEnd + 1;
    return true;
  }

  /** The current attribute's local name (after any prefix) is `name`. */
  attributeIsNamed(name: string): boolean {
    return (
      this.attributeNameEnd - this.attributeLocalStart === name.length &&
      this.source.startsWith(name, this.attributeLocalStart)
    );
  }

  /** The current attribute's name has a namespace prefix. */
  get attributeHasPrefix(): boolean {
    return this.attributeLocalStart !== this.attributeNameStart;
  }

  /** The current attribute's qualified name, prefix included, as written. */
  get attributeName(): string {
    return this.source.slice(this.attributeNameStart, this.attributeNameEnd);
  }

  /** The current attribute's raw value. */
  get value(): string {
    return this.source.slice(this.valueStart, this.valueEnd);
  }

  /**
   * The raw (undecoded) value of the attribute with this qualified name, or undefined.
   *
   * @example
   * tag.attribute("r:id") //=> "rId1"
   */
  attribute(name: string): string | undefined {
    this.attributeCursor = this.nameEnd;
    while (this.nextAttribute()) {
      if (
        this.attributeNameEnd - this.attributeNameStart === name.length &&
        this.source.startsWith(name, this.attributeNameStart)
      ) {
        return this.value;
      }
    }
    return undefined;
  }

  /** Starts {@link nextAttribute} again from the first attribute. */
  rewindAttributes(): void {
    this.attributeCursor = this.nameEnd;
  }

  /**
   * Reads the character data of the element whose open tag was just read, up to its close tag,
   * which the cursor then describes. The text is between `contentStart` and `contentEnd`, or, when
   * comments or CDATA sections broke it up, in `contentRaw` (CDATA escaped, so that
   * `decodeXmlText` gives it back as written). Child elements, which the text elements of a sheet
   * do not have, are skipped. Returns false when `limit` comes first.
   */
  readContent(limit: number): boolean {
    const source = this.source;
    const start = this.end;
    let at = source.indexOf("<", start);
    if (at === -1 || at >= limit) return false;
    if (source.charCodeAt(at + 1) === SLASH) {
      if (!this.read(source, at) || this.end > limit) return false;
      this.contentStart = start;
      this.contentEnd = at;
      this.contentRaw = null;
      return true;
    }
    let raw = source.slice(start, at);
    let depth = 0;
    for (;;) {
      if (!this.read(source, at) || this.end > limit) return false;
      if (this.kind === "close") {
        if (depth === 0) break;
        depth--;
      } else if (this.kind === "open") {
        depth++;
      }
      if (this.kind === "text") raw += source.slice(this.textStart, this.textEnd).replace(/&/g, "&amp;");
      const next = source.indexOf("<", this.end);
      if (next === -1 || next >= limit) return false;
      raw += source.slice(this.end, next);
      at = next;
    }
    this.contentStart = this.contentEnd = start;
    this.contentRaw = raw;
    return true;
  }

  /** After {@link readContent}: the element's raw (undecoded) text. */
  get content(): string {
    return this.contentRaw ?? this.source.slice(this.contentStart, this.contentEnd);
  }

  // Comments, CDATA sections, processing instructions and declarations.
  private readSpecial(source: string, start: number): boolean {
    let end: number;
    let kind: XmlTagKind = "other";
    if (source.startsWith("<!--", start)) {
      end = source.indexOf("-->", start + 4);
      if (end !== -1) end += 3;
    } else if (source.startsWith("<![CDATA[", start)) {
      end = source.indexOf("]]>", start + 9);
      if (end !== -1) {
        this.textStart = start + 9;
        this.textEnd = end;
        end += 3;
        kind = "text";
      }
    } else if (source.startsWith("<?", start)) {
      end = source.indexOf("?>", start + 2);
      if (end !== -1) end += 2;
    } else {
      // <!DOCTYPE …> and the like; an internal subset ("[…]") may hold ">".
      const bracket = source.indexOf("[", start);
      const close = source.indexOf(">", start);
      if (bracket !== -1 && close !== -1 && bracket < close) {
        const subsetEnd = source.indexOf("]", bracket);
        end = subsetEnd === -1 ? -1 : source.indexOf(">", subsetEnd);
      } else {
        end = close;
      }
      if (end !== -1) end += 1;
    }
    if (end === -1) return false;
    this.source = source;
    this.start = start;
    this.end = end;
    this.kind = kind;
    this.nameStart = this.localStart = this.nameEnd = start + 1;
    this.attributesEnd = this.attributeCursor = start + 1;
    return true;
  }
}

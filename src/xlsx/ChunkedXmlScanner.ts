import { PackageFault } from "./PackageFault";
import { XmlTag } from "./XmlTag";

// Pure: no Node, no DOM, so the standalone page can use the .xlsx reader too.

/**
 * The most XML one unit (a row, a shared string) may take before it is refused: a real row is at
 * most a few hundred kilobytes (16,384 cells; text up to 32,767 characters a cell is usually
 * shared). Without a limit a part with no closing tag would be gathered whole.
 */
const MAX_PENDING_CHARS = 32_000_000;

/**
 * The base of the streaming part readers: text arrives in chunks (cut anywhere, even inside a
 * tag), `scan` consumes the complete units at the front of `source` and leaves `position` at the
 * first it cannot finish yet. A unit waiting for a distant close tag calls {@link waitFor}, and
 * later chunks are only searched for that tag, not joined and scanned again each time, so a long
 * unit costs its length once.
 *
 * @example
 * class Counter extends ChunkedXmlScanner {
 *   count = 0;
 *   protected scan(): void { … this.position = …; }
 * }
 */
export abstract class ChunkedXmlScanner {
  /** The unconsumed text; `scan` starts at `position`. */
  protected source = "";
  /** Where the next unit starts in `source`. */
  protected position = 0;
  /** The root element's namespace prefix with its colon ("x:"), or "" when it has none. */
  protected prefix = "";
  /** The root element's local name, once read. */
  protected rootName: string | null = null;
  /** A cursor for subclasses' use. */
  protected readonly tag = new XmlTag();
  private needleName = "";
  private needle = "";
  private waitingFor: string | null = null;
  private waitingTail = "";
  private readonly waitingChunks: string[] = [];
  private waitingLength = 0;

  /** @param part what this reads, for messages: `sheet "Current"`, `xl/sharedStrings.xml` */
  protected constructor(protected readonly part: string) {}

  /** Consumes the next chunk of the part's text. */
  feed(text: string): void {
    if (this.waitingFor !== null) {
      const needle = this.waitingFor;
      const probe = this.waitingTail + text;
      this.waitingChunks.push(text);
      this.waitingLength += text.length;
      if (probe.indexOf(needle) === -1) {
        this.waitingTail = probe.slice(-(needle.length - 1));
        this.checkPending(this.waitingLength);
        return;
      }
      this.waitingFor = null;
      text = this.waitingChunks.join("");
      this.waitingChunks.length = 0;
      this.waitingLength = 0;
    }
    this.source = this.position < this.source.length ? this.source.slice(this.position) + text : text;
    this.position = 0;
    if (this.rootName === null && !this.readRoot()) return;
    this.scan();
    this.checkPending(this.source.length - this.position);
  }

  /** Consumes the rest after the last chunk; the part must have had a root element. */
  protected endOfText(): void {
    if (this.rootName === null) throw new PackageFault("unreadable", `${this.part} has no XML in it`);
    if (this.waitingFor !== null) {
      throw new PackageFault("unreadable", `${this.part} ends before ${this.waitingFor}: it is cut short`);
    }
  }

  /** Consumes the complete units from `position` on. */
  protected abstract scan(): void;

  /**
   * Moves {@link tag} to the next start or empty-element tag named `name`, with the root's prefix,
   * from `at` in `source`. False when the text so far holds no more: `position` is then where to
   * look again once more text has come (a tag, or the name, may be cut at the end).
   */
  protected nextStartTag(name: string, at: number): boolean {
    const source = this.source;
    const tag = this.tag;
    if (name !== this.needleName) {
      this.needleName = name;
      this.needle = `<${this.prefix}${name}`;
    }
    const needle = this.needle;
    for (let from = at; ; from = tag.end) {
      const start = source.indexOf(needle, from);
      if (start === -1) {
        this.position = Math.max(from, source.length - needle.length);
        return false;
      }
      if (!tag.read(source, start)) {
        this.position = start;
        return false;
      }
      if (tag.kind !== "close" && tag.isNamed(name)) return true;
    }
  }

  /**
   * Stops scanning until `needle` has arrived: call it and return from `scan` with `position`
   * at the start of the unit that needs it.
   */
  protected waitFor(needle: string): void {
    this.waitingFor = needle;
    this.waitingTail = this.source.slice(-(needle.length - 1));
  }

  private checkPending(length: number): void {
    if (length > MAX_PENDING_CHARS) {
      throw new PackageFault(
        "too-large",
        `${this.part} has one element of over ${String(MAX_PENDING_CHARS / 1e6)} million characters`,
      );
    }
  }

  // The first element after the XML declaration, comments and any DOCTYPE.
  private readRoot(): boolean {
    const source = this.source;
    const tag = this.tag;
    for (let at = source.indexOf("<", this.position); at !== -1; at = source.indexOf("<", tag.end)) {
      if (!tag.read(source, at)) {
        this.position = at;
        return false;
      }
      if (tag.kind !== "open" && tag.kind !== "empty") continue;
      this.rootName = source.slice(tag.localStart, tag.nameEnd);
      this.prefix = source.slice(tag.nameStart, tag.localStart);
      this.position = tag.kind === "empty" ? source.length : tag.end;
      return true;
    }
    this.position = source.length;
    return false;
  }
}

import { ChunkedXmlScanner } from "./ChunkedXmlScanner";
import type { GridBudget } from "./GridBudget";
import { PackageFault } from "./PackageFault";
import { StringItemReader } from "./StringItemReader";

// Pure: no Node, no DOM, so the standalone page can use the .xlsx reader too.

/** The shared-string table: each string's text and strike code (see `StringItemReader`). */
export interface SharedStrings {
  readonly texts: readonly string[];
  readonly strikes: readonly number[];
}

/**
 * Reads `xl/sharedStrings.xml` (ECMA-376 Part 1 §18.4.9 `<sst>`) chunk by chunk into its table of
 * strings, in order; `<si>` number n is what a cell with `t="s"` and value n shows.
 *
 * @example
 * const scanner = new SharedStringsScanner("xl/sharedStrings.xml", budget);
 * scanner.feed('<sst><si><t>Team Manager</t></si></sst>');
 * scanner.finish().texts //=> ["Team Manager"]
 */
export class SharedStringsScanner extends ChunkedXmlScanner {
  private readonly texts: string[] = [];
  private readonly strikes: number[] = [];
  private readonly item = new StringItemReader();

  /**
   * @param part the part's name, for messages
   * @param budget counts one cell per string
   */
  constructor(
    part: string,
    private readonly budget: GridBudget,
  ) {
    super(part);
  }

  /** The table, once the last chunk has been fed. */
  finish(): SharedStrings {
    this.endOfText();
    return { texts: this.texts, strikes: this.strikes };
  }

  protected scan(): void {
    const source = this.source;
    const tag = this.tag;
    let at = this.position;
    while (this.nextStartTag("si", at)) {
      if (tag.kind === "empty") {
        this.add("", 0);
        at = tag.end;
        continue;
      }
      const close = `</${tag.name}>`;
      const end = source.indexOf(close, tag.end);
      if (end === -1) {
        this.position = tag.start;
        this.waitFor(close);
        return;
      }
      try {
        this.item.read(source, tag.end, end);
      } catch (error) {
        throw error instanceof PackageFault
          ? new PackageFault(error.reason, `${this.part}, string ${String(this.texts.length)}: ${error.detail}`)
          : error;
      }
      this.add(this.item.text, this.item.strike);
      at = end + close.length;
    }
  }

  private add(text: string, strike: number): void {
    if (!this.budget.take(1)) throw this.budget.exceeded(`${this.part}, string ${String(this.texts.length)}`);
    this.texts.push(text);
    this.strikes.push(strike);
  }
}

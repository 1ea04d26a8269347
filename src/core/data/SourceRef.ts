/** A published source behind a figure: the id used in the reference data, a title and a URL. */
export interface SourceRef {
  readonly id: string;
  readonly title: string;
  readonly url: string;
}

/** A table of rates the product used for a figure, with where its values come from. */
export interface TableUsed {
  /** What the table is, e.g. "Employer NI 2025/26" or "NJC pay spine 2025/26". */
  readonly table: string;
  /** The source ids (see the reference data) behind the values used. */
  readonly sources: readonly string[];
  /** Caveats a reader of the figure should know, e.g. an assumed rounding. */
  readonly note?: string;
}

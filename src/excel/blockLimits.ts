/**
 * How large one request or response may grow when the adapter reads or writes a sheet in row
 * blocks. Excel on the web rejects any request or response over 5 MB
 * (`RequestPayloadSizeLimitExceeded` / `ResponsePayloadSizeLimitExceeded`); the budget stays well
 * under that because the adapter can only estimate the size Office.js puts on the wire.
 */
export interface BlockLimits {
  /** Target size of one request or response, in bytes of JSON. */
  readonly bytes: number;
  /** Most cells in one block read, whatever their size. */
  readonly cells: number;
  /** Most cells in one block written, whatever their size. */
  readonly writeCells: number;
  /** Bytes per cell assumed for a sheet's first block, before any has been measured. */
  readonly firstBytesPerCell: number;
}

/**
 * The limits used unless a caller (a test) gives others: 4 MB a block, 50,000 cells a block read
 * and 1,000,000 cells a block written.
 *
 * @example
 * DEFAULT_BLOCK_LIMITS.bytes //=> 4000000
 */
export const DEFAULT_BLOCK_LIMITS: BlockLimits = {
  bytes: 4_000_000,
  // A read's size is known only once it has come back, and a range read is capped at 5,000,000
  // cells ("Resource limits and performance optimization for Office Add-ins", Excel add-ins), so
  // reads are also capped in cells.
  cells: 50_000,
  // A write's size is known before it is sent (the adapter measures the arrays it queues), and the
  // same page sets no cell limit on writes short of the 33,554,000 cells of OperationCellsExceedLimit
  // ("Error handling with the application-specific JavaScript APIs"), so the byte budget is what
  // binds; this cap only stops a block of near-empty cells growing without end.
  writeCells: 1_000_000,
  // A value, its type and its strike-through come to 60–80 bytes for typical HR text; a sheet of
  // long notes needs more, and its first block is the one read before anything is measured.
  firstBytesPerCell: 160,
};

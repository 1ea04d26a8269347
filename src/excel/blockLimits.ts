/**
 * How large one request or response may grow when the adapter reads or writes a sheet in row
 * blocks. Excel on the web rejects any request or response over 5 MB
 * (`RequestPayloadSizeLimitExceeded` / `ResponsePayloadSizeLimitExceeded`); the budget stays well
 * under that because the adapter can only estimate the size Office.js puts on the wire.
 */
export interface BlockLimits {
  /** Target size of one request or response, in bytes of JSON. */
  readonly bytes: number;
  /** Most cells in one block, whatever their size. */
  readonly cells: number;
  /** Bytes per cell assumed for a sheet's first block, before any has been measured. */
  readonly firstBytesPerCell: number;
}

/**
 * The limits used unless a caller (a test) gives others: 4 MB and 50,000 cells a block.
 *
 * @example
 * DEFAULT_BLOCK_LIMITS.bytes //=> 4000000
 */
export const DEFAULT_BLOCK_LIMITS: BlockLimits = {
  bytes: 4_000_000,
  cells: 50_000,
  // A value, its type and its strike-through come to 60–80 bytes for typical HR text; a sheet of
  // long notes needs more, and its first block is the one read before anything is measured.
  firstBytesPerCell: 160,
};

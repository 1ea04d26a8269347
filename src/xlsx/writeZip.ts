import type { ZipEntryHeader } from "./readZipEntries";

// Pure: no Node, no DOM, so the standalone page can write packages too.

/** One entry to write: its headers and its data as it is to be stored (already compressed). */
export interface ZipOutputEntry extends ZipEntryHeader {
  /** The stored data in chunks, their lengths adding up to compressedSize. */
  readonly data: readonly Uint8Array[];
}

const LIMIT_32 = 0xffffffff;
// Bit 3: sizes and CRC in a data descriptor after the data. Every size is known here, so they go in
// the local header and there is no descriptor (APPNOTE.TXT 4.4.4).
const DATA_DESCRIPTOR = 1 << 3;

/**
 * Lays out a zip archive (APPNOTE.TXT 4.3.6): each entry's local header and data, then the
 * central directory and its end record, with no extra fields or comments. Returns the archive as
 * chunks (the entries' data are not copied). Refuses an archive that would need ZIP64 (4 GB, or
 * 65,535 entries): an .xlsx that large is beyond Excel too.
 *
 * @example
 * const bytes = concat(writeZip([{ nameBytes, method: 0, data: [content], … }]))
 */
export function writeZip(entries: readonly ZipOutputEntry[]): Uint8Array[] {
  if (entries.length > 0xffff) throw new Error(`the copy would hold ${String(entries.length)} parts, over 65,535`);
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const stored = entry.data.reduce((sum, chunk) => sum + chunk.length, 0);
    if (stored !== entry.compressedSize) throw new Error("an entry's data does not match its size");
    if (entry.size > LIMIT_32 || entry.compressedSize > LIMIT_32 || offset > LIMIT_32) {
      throw new Error("the copy would be larger than 4 GB, which a workbook cannot be");
    }
    const flags = entry.flags & ~DATA_DESCRIPTOR;
    const local = new Uint8Array(30 + entry.nameBytes.length);
    const l = new DataView(local.buffer);
    l.setUint32(0, 0x04034b50, true);
    l.setUint16(4, entry.versionNeeded, true);
    l.setUint16(6, flags, true);
    l.setUint16(8, entry.method, true);
    l.setUint16(10, entry.dosTime, true);
    l.setUint16(12, entry.dosDate, true);
    l.setUint32(14, entry.crc32, true);
    l.setUint32(18, entry.compressedSize, true);
    l.setUint32(22, entry.size, true);
    l.setUint16(26, entry.nameBytes.length, true);
    l.setUint16(28, 0, true);
    local.set(entry.nameBytes, 30);

    const header = new Uint8Array(46 + entry.nameBytes.length);
    const c = new DataView(header.buffer);
    c.setUint32(0, 0x02014b50, true);
    c.setUint16(4, 20, true); // made by: MS-DOS attributes, zip 2.0
    c.setUint16(6, entry.versionNeeded, true);
    c.setUint16(8, flags, true);
    c.setUint16(10, entry.method, true);
    c.setUint16(12, entry.dosTime, true);
    c.setUint16(14, entry.dosDate, true);
    c.setUint32(16, entry.crc32, true);
    c.setUint32(20, entry.compressedSize, true);
    c.setUint32(24, entry.size, true);
    c.setUint16(28, entry.nameBytes.length, true);
    c.setUint32(38, entry.externalAttributes, true);
    c.setUint32(42, offset, true);
    header.set(entry.nameBytes, 46);
    central.push(header);

    chunks.push(local, ...entry.data);
    offset += local.length + entry.compressedSize;
  }
  const directorySize = central.reduce((sum, chunk) => sum + chunk.length, 0);
  if (offset + directorySize > LIMIT_32)
    throw new Error("the copy would be larger than 4 GB, which a workbook cannot be");
  const end = new Uint8Array(22);
  const e = new DataView(end.buffer);
  e.setUint32(0, 0x06054b50, true);
  e.setUint16(8, entries.length, true);
  e.setUint16(10, entries.length, true);
  e.setUint32(12, directorySize, true);
  e.setUint32(16, offset, true);
  chunks.push(...central, end);
  return chunks;
}

import { PackageFault } from "./PackageFault";

// Pure: no Node, no DOM, so the standalone page can read and write packages too.

/**
 * The fields of an entry's zip headers (APPNOTE.TXT 4.3.7, 4.3.12) that a copy of the entry
 * writes back as they were.
 *
 * @example
 * const header: ZipEntryHeader = { ...entry };
 */
export interface ZipEntryHeader {
  /** The name's bytes as stored, written back unchanged. */
  readonly nameBytes: Uint8Array;
  /** General-purpose flags (APPNOTE.TXT 4.4.4): bit 0 encrypted, bit 3 data descriptor, bit 11 UTF-8. */
  readonly flags: number;
  /** 0 stored, 8 deflated; others are copied but cannot be read (4.4.5). */
  readonly method: number;
  /** The zip version needed to extract it (4.4.3): 20, or 45 for ZIP64. */
  readonly versionNeeded: number;
  /** Last modified, as MS-DOS time and date (4.4.6). */
  readonly dosTime: number;
  readonly dosDate: number;
  /** CRC-32 of the unpacked content (4.4.7). */
  readonly crc32: number;
  /** The size of the data as stored. */
  readonly compressedSize: number;
  /** The size it declares it unpacks to. */
  readonly size: number;
  /** Host file attributes (4.4.15), copied as they are. */
  readonly externalAttributes: number;
}

/** One entry of a zip archive as its central directory describes it, with its data as stored. */
export interface ZipEntry extends ZipEntryHeader {
  /** The entry's name as written (OPC part names are ASCII; decoded as UTF-8). */
  readonly name: string;
  /** The entry's data exactly as stored (compressed when method is 8). */
  readonly data: Uint8Array;
}

// The records' signatures (APPNOTE.TXT 4.3.7, 4.3.12, 4.3.14-4.3.16).
const SIGNATURE = {
  end: 0x06054b50,
  zip64Locator: 0x07064b50,
  zip64End: 0x06064b50,
  central: 0x02014b50,
  local: 0x04034b50,
} as const;

/**
 * Reads a zip archive's entries from its central directory (APPNOTE.TXT 4.3.12-4.3.16),
 * including ZIP64 sizes and offsets, without decompressing anything: each entry's data is a view
 * of `bytes`. Sizes are as declared: {@link openZipPackage} checks them before anything is
 * inflated.
 *
 * @throws {PackageFault} `unreadable`, with a plain reason, when the bytes are not a whole zip
 *   archive (cut short, damaged, encrypted)
 *
 * @example
 * readZipEntries(await readFile("book.xlsx")).map((entry) => entry.name) //=> ["[Content_Types].xml", …]
 */
export function readZipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  let count = view.getUint16(eocd + 10, true);
  let directorySize = view.getUint32(eocd + 12, true);
  let offset = view.getUint32(eocd + 16, true);
  const locator = eocd - 20;
  if (locator >= 0 && view.getUint32(locator, true) === SIGNATURE.zip64Locator) {
    const zip64 = safeNumber(view.getBigUint64(locator + 8, true));
    if (zip64 + 56 > view.byteLength || view.getUint32(zip64, true) !== SIGNATURE.zip64End) {
      throw new PackageFault("unreadable", "its ZIP64 end record is damaged");
    }
    count = safeNumber(view.getBigUint64(zip64 + 32, true));
    directorySize = safeNumber(view.getBigUint64(zip64 + 40, true));
    offset = safeNumber(view.getBigUint64(zip64 + 48, true));
  }
  if (offset + directorySize > view.byteLength)
    throw new PackageFault("unreadable", "its central directory is cut short");
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    if (offset + 46 > view.byteLength || view.getUint32(offset, true) !== SIGNATURE.central) {
      throw new PackageFault("unreadable", "its central directory is damaged");
    }
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    if (offset + 46 + nameLength + extraLength + commentLength > view.byteLength) {
      throw new PackageFault("unreadable", "its central directory is cut short");
    }
    const nameBytes = bytes.subarray(offset + 46, offset + 46 + nameLength);
    const fields = {
      size: view.getUint32(offset + 24, true),
      compressedSize: view.getUint32(offset + 20, true),
      localOffset: view.getUint32(offset + 42, true),
    };
    readZip64Extra(view, offset + 46 + nameLength, extraLength, fields);
    const flags = view.getUint16(offset + 8, true);
    if (flags & 1) throw new PackageFault("unreadable", "it is encrypted");
    const local = fields.localOffset;
    if (local + 30 > view.byteLength || view.getUint32(local, true) !== SIGNATURE.local) {
      throw new PackageFault("unreadable", `its entry ${decoder.decode(nameBytes)} is damaged`);
    }
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + fields.compressedSize > view.byteLength) {
      throw new PackageFault("unreadable", `its entry ${decoder.decode(nameBytes)} is cut short`);
    }
    entries.push({
      name: decoder.decode(nameBytes),
      nameBytes,
      flags,
      method: view.getUint16(offset + 10, true),
      versionNeeded: view.getUint16(offset + 6, true),
      dosTime: view.getUint16(offset + 12, true),
      dosDate: view.getUint16(offset + 14, true),
      crc32: view.getUint32(offset + 16, true),
      compressedSize: fields.compressedSize,
      size: fields.size,
      externalAttributes: view.getUint32(offset + 38, true),
      data: bytes.subarray(start, start + fields.compressedSize),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function findEndOfCentralDirectory(view: DataView): number {
  // The end record is 22 bytes plus a comment of at most 65,535 (APPNOTE.TXT 4.3.16).
  const last = view.byteLength - 22;
  for (let at = last; at >= 0 && at >= last - 0xffff; at -= 1) {
    if (view.getUint32(at, true) === SIGNATURE.end && at + 22 + view.getUint16(at + 20, true) <= view.byteLength)
      return at;
  }
  throw new PackageFault("unreadable", "it is not a zip archive, or it is cut short");
}

// ZIP64 extended information (APPNOTE.TXT 4.5.3): each 8-byte field is present only when the
// header's own field is 0xFFFFFFFF, in the order size, compressed size, local header offset.
function readZip64Extra(
  view: DataView,
  start: number,
  length: number,
  fields: { size: number; compressedSize: number; localOffset: number },
): void {
  const end = start + length;
  for (let at = start; at + 4 <= end;) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 0x0001) {
      let field = at + 4;
      const take = (): number => {
        if (field + 8 > at + 4 + size) throw new PackageFault("unreadable", "a ZIP64 field is damaged");
        const value = safeNumber(view.getBigUint64(field, true));
        field += 8;
        return value;
      };
      if (fields.size === 0xffffffff) fields.size = take();
      if (fields.compressedSize === 0xffffffff) fields.compressedSize = take();
      if (fields.localOffset === 0xffffffff) fields.localOffset = take();
      return;
    }
    at += 4 + size;
  }
}

function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new PackageFault("unreadable", "it is larger than can be read");
  return Number(value);
}

import { crc32, deflateRawSync } from "node:zlib";

// Zip archives written byte by byte (APPNOTE.TXT 4.3), so that a test's entry may declare any
// size and CRC-32 and hold any data: zip bombs, lying sizes, damage, ZIP64.

/** An entry to write: its data as stored, and what the directory is to declare. */
export interface RawEntry {
  readonly name: string;
  /** The data as stored (raw DEFLATE unless `method` is 0). */
  readonly data: Uint8Array;
  /** 8 deflated (the default) or 0 stored. */
  readonly method?: number;
  /** The size the directory declares it unpacks to (a zip bomb may lie). */
  readonly size: number;
  readonly crc: number;
}

/** An entry holding `content`, deflated, declaring its true size and CRC-32. */
export function deflatedEntry(name: string, content: string | Uint8Array): RawEntry {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  return { name, data: deflateRawSync(bytes), size: bytes.length, crc: crc32(bytes) };
}

/**
 * A zip archive written byte by byte (APPNOTE.TXT 4.3), so that an entry may declare any size
 * and CRC; with `zip64`, every size and offset is in ZIP64 extra fields and end records.
 */
export function rawZip(entries: readonly RawEntry[], { zip64 = false } = {}): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    // The fields a local header (from byte 4) and a central header (from byte 6) share, in order:
    // version needed, flags, method, time, date, CRC-32, sizes, name length (4.3.7, 4.3.12).
    const common = Buffer.alloc(24);
    common.writeUInt16LE(zip64 ? 45 : 20, 0);
    common.writeUInt16LE(0x0800, 2); // UTF-8 names
    common.writeUInt16LE(entry.method ?? 8, 4);
    common.writeUInt32LE(entry.crc >>> 0, 10);
    common.writeUInt32LE(zip64 ? 0xffffffff : entry.data.length, 14);
    common.writeUInt32LE(zip64 ? 0xffffffff : entry.size, 18);
    common.writeUInt16LE(name.length, 22);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    common.copy(local, 4);
    const extra = Buffer.alloc(zip64 ? 28 : 0);
    if (zip64) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(entry.size), 4);
      extra.writeBigUInt64LE(BigInt(entry.data.length), 12);
      extra.writeBigUInt64LE(BigInt(offset), 20);
    }
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(zip64 ? 45 : 20, 4);
    common.copy(header, 6);
    header.writeUInt16LE(extra.length, 30);
    header.writeUInt32LE(zip64 ? 0xffffffff : offset, 42);
    chunks.push(local, name, Buffer.from(entry.data));
    central.push(header, name, extra);
    offset += local.length + name.length + entry.data.length;
  }
  const directory = Buffer.concat(central);
  const tail: Buffer[] = [];
  if (zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeBigUInt64LE(BigInt(entries.length), 24);
    record.writeBigUInt64LE(BigInt(entries.length), 32);
    record.writeBigUInt64LE(BigInt(directory.length), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(record, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(zip64 ? 0xffff : entries.length, 8);
  end.writeUInt16LE(zip64 ? 0xffff : entries.length, 10);
  end.writeUInt32LE(zip64 ? 0xffffffff : directory.length, 12);
  end.writeUInt32LE(zip64 ? 0xffffffff : offset, 16);
  return Buffer.concat([...chunks, directory, ...tail, end]);
}

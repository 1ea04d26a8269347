import { PackageFault } from "./PackageFault";
import { readZipEntries, type ZipEntry } from "./readZipEntries";
import type { ZipCodec } from "./ZipCodec";

// Pure: no Node, no Buffer, so the standalone page can read and write packages too; inflating
// and CRC-32 come from the host's ZipCodec.

/**
 * What a package may unpack to before it is refused as too large (issue 7). A real sheet's XML
 * packs 6–20 to 1 (row and cell references change on every row) and 1,000,000 rows of ten columns
 * are about 300 MB of XML, so these leave room for real workbooks and stop zip bombs, which
 * deflate zeros about 1,000 to 1, before anything is unpacked.
 *
 * @example
 * ZIP_LIMITS.partBytes //=> 1_000_000_000
 */
export const ZIP_LIMITS = {
  /** One part (file inside the package). */
  partBytes: 1_000_000_000,
  /** Every part together. */
  totalBytes: 2_000_000_000,
  /** Unpacked ÷ packed size that no spreadsheet part reaches, for parts of `ratioFromBytes` up. */
  ratio: 100,
  /** Smaller parts are not held to `ratio`: unpacking them is quick whatever they hold. */
  ratioFromBytes: 50_000_000,
  /** A part read whole into one string (workbook, relationships, styles), within V8's limit. */
  wholeTextBytes: 256_000_000,
} as const;

// Stored (method 0) parts are handed over in pieces of this size, as the inflater hands over its
// output: a streaming reader keeps no more than a piece of text it has not consumed.
const STORED_CHUNK = 64 * 1024;

/**
 * An opened zip package (an .xlsx file) whose sizes have been checked. Parts are unpacked only
 * when read, and can be streamed, so a sheet's XML never sits in memory whole. Every read stops a
 * part that unpacks to more than it declared (only zip bombs need to lie about it) and checks
 * what it unpacked against the size and CRC-32 the archive gives, so a damaged part is never
 * taken for a good one.
 */
export interface ZipPackage {
  /** Every entry, in the archive's order, with its data as stored. */
  readonly entries: readonly ZipEntry[];
  /**
   * The stored name of the part at `path` (no leading "/" needed), matched as OPC matches part
   * names (ignoring case, percent-encoding undone), or null.
   */
  find(path: string): string | null;
  /** The whole part's bytes, unpacked. */
  readBytes(name: string): Promise<Uint8Array>;
  /**
   * The whole part as text (UTF-8, or UTF-16 when it starts with a byte order mark), refused as
   * too large when it declares more than `maxBytes` (by default `ZIP_LIMITS.wholeTextBytes`).
   */
  readText(name: string, maxBytes?: number): Promise<string>;
  /**
   * The part as text, chunk by chunk, in order; `onText` may throw to stop with that error, or
   * return false to stop early without one (the rest is then not unpacked or checked).
   */
  streamText(name: string, onText: (text: string) => boolean | void): Promise<void>;
}

/** Options of {@link openZipPackage}. */
export interface OpenZipOptions {
  /**
   * An archive this program wrote itself, read back to check it: its sizes are not held to
   * {@link ZIP_LIMITS} (an output sheet may be larger than any input part may be).
   */
  readonly trusted?: boolean;
}

/**
 * Opens a zip package from its central directory and checks, before unpacking anything, that no
 * part and not all of them together would unpack to more than {@link ZIP_LIMITS} allow, and that
 * no large part is packed tighter than any spreadsheet part packs.
 *
 * @throws {PackageFault} `unreadable` when it is not a whole zip archive, `too-large` over a limit
 *
 * @example
 * const zip = openZipPackage(bytes, nodeZipCodec());
 * await zip.readText(zip.find("xl/workbook.xml")!) //=> '<?xml …'
 */
export function openZipPackage(bytes: Uint8Array, codec: ZipCodec, options: OpenZipOptions = {}): ZipPackage {
  const entries = readZipEntries(bytes);
  if (options.trusted !== true) checkSizes(entries);
  const byName = new Map<string, ZipEntry>();
  const byLowerName = new Map<string, string>();
  for (const entry of entries) {
    byName.set(entry.name, entry);
    byLowerName.set(entry.name.toLowerCase(), entry.name);
  }
  const entryNamed = (name: string): ZipEntry => {
    const entry = byName.get(name);
    if (entry === undefined) throw new PackageFault("unreadable", `it has no part ${name}`);
    return entry;
  };
  const readBytes = async (name: string): Promise<Uint8Array> => {
    const entry = entryNamed(name);
    if (entry.method === 0) {
      await unpack(entry, codec, () => undefined);
      return entry.data;
    }
    const bytes = new Uint8Array(entry.size);
    let at = 0;
    await unpack(entry, codec, (chunk) => {
      bytes.set(chunk, at);
      at += chunk.length;
    });
    return bytes;
  };
  return {
    entries,
    find(path) {
      const wanted = path.replace(/^\/+/, "");
      if (byName.has(wanted)) return wanted;
      let decoded = wanted;
      try {
        decoded = decodeURIComponent(wanted);
      } catch {
        // A stray "%" is part of the name.
      }
      return byLowerName.get(wanted.toLowerCase()) ?? byLowerName.get(decoded.toLowerCase()) ?? null;
    },
    readBytes,
    async readText(name, maxBytes = ZIP_LIMITS.wholeTextBytes) {
      if (entryNamed(name).size > maxBytes) {
        throw new PackageFault("too-large", `${name} is over ${bytesText(maxBytes)}`);
      }
      const bytes = await readBytes(name);
      return new TextDecoder(encodingOf(bytes)).decode(bytes);
    },
    async streamText(name, onText) {
      // The encoding is known from the first chunk.
      const text: { decoder?: TextDecoder } = {};
      const finished = await unpack(entryNamed(name), codec, (chunk) => {
        text.decoder ??= new TextDecoder(encodingOf(chunk));
        const decoded = text.decoder.decode(chunk, { stream: true });
        return decoded === "" || onText(decoded) !== false;
      });
      const rest = finished ? (text.decoder?.decode() ?? "") : "";
      if (rest !== "") onText(rest);
    },
  };
}

function checkSizes(entries: readonly ZipEntry[]): void {
  let total = 0;
  for (const { name, size, compressedSize: packed } of entries) {
    if (size > ZIP_LIMITS.partBytes) {
      throw new PackageFault(
        "too-large",
        `${name} would unpack to ${bytesText(size)}, over the ${bytesText(ZIP_LIMITS.partBytes)} a part this reader accepts`,
      );
    }
    if (size >= ZIP_LIMITS.ratioFromBytes && size > ZIP_LIMITS.ratio * Math.max(packed, 1)) {
      throw new PackageFault(
        "too-large",
        `${name} would unpack from ${bytesText(packed)} to ${bytesText(size)}, ${Math.round(size / Math.max(packed, 1)).toLocaleString("en-GB")} times its packed size: no spreadsheet part packs that tightly, a zip bomb does`,
      );
    }
    total += size;
  }
  if (total > ZIP_LIMITS.totalBytes) {
    throw new PackageFault(
      "too-large",
      `its parts would unpack to ${bytesText(total)}, over the ${bytesText(ZIP_LIMITS.totalBytes)} this reader accepts`,
    );
  }
}

/**
 * Hands the entry's unpacked bytes to `onChunk` in order (stored data in pieces, so that a reader
 * never sees one 600 MB chunk), stopping it past its declared size, and checks the size and
 * CRC-32 at the end. Resolves false when `onChunk` stopped it early (nothing then is checked).
 */
async function unpack(
  entry: ZipEntry,
  codec: ZipCodec,
  onChunk: (chunk: Uint8Array) => boolean | void,
): Promise<boolean> {
  const { name, size } = entry;
  let unpacked = 0;
  let crc = 0;
  let stopped = false;
  const take = (chunk: Uint8Array): boolean => {
    unpacked += chunk.length;
    // The directory's size was checked before; a part that unpacks to more than it said is lying
    // about it, which only zip bombs need to do.
    if (unpacked > size)
      throw new PackageFault("too-large", `${name} unpacks to more than the ${bytesText(size)} it declares`);
    crc = codec.crc32(chunk, crc);
    stopped = onChunk(chunk) === false;
    return !stopped;
  };
  try {
    if (entry.method === 0) {
      for (let at = 0; at < entry.data.length && !stopped; at += STORED_CHUNK) {
        take(entry.data.subarray(at, at + STORED_CHUNK));
      }
    } else if (entry.method === 8) {
      await codec.inflate(entry.data, take);
    } else {
      throw new PackageFault(
        "unreadable",
        `${name} is packed with a method (${String(entry.method)}) zip readers rarely know`,
      );
    }
  } catch (error) {
    throw error instanceof PackageFault ? error : new PackageFault("unreadable", `${name}: ${oneLine(error)}`);
  }
  if (stopped) return false;
  if (unpacked !== size) {
    throw new PackageFault(
      "unreadable",
      `${name}: it unpacks to ${bytesText(unpacked)}, not the ${bytesText(size)} it declares`,
    );
  }
  if (crc !== entry.crc32) throw new PackageFault("unreadable", `${name}: its content does not match its checksum`);
  return true;
}

// XML 1.0 §4.3.3 and Appendix F: UTF-8 unless a byte order mark says UTF-16. TextDecoder drops
// the mark.
function encodingOf(first: Uint8Array): string {
  if (first[0] === 0xff && first[1] === 0xfe) return "utf-16le";
  if (first[0] === 0xfe && first[1] === 0xff) return "utf-16be";
  return "utf-8";
}

function bytesText(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(0)} KB`;
  return `${String(bytes)} bytes`;
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = (text.split("\n")[0] ?? "").trim();
  return line.length > 200 ? `${line.slice(0, 197)}...` : line || "no reason given";
}

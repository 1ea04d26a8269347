import zlib from "node:zlib";
import { crc32 } from "./crc32";
import type { Deflater, ZipCodec } from "./ZipCodec";

/**
 * Deflate level of the parts the writer adds. Measured on the costed posts of the 100k-posts-a-side
 * output (178 MB of XML, issue 6): level 1 gives 21.7 MB in 0.44 s of CPU, level 3 20.4 MB in
 * 0.82 s, level 6 (zlib's default) 17.7 MB in 1.6 s.
 */
const LEVEL = 1;
/**
 * Output piece of the inflater. zlib's default (16 KB) costs more in calls; 64 KB inflated the
 * 100k-posts-a-side workbook's 63 MB of XML in 0.14 s of CPU, and 1 MB pieces took twice the
 * memory for no time saved (each piece is a new Buffer).
 */
const INFLATE_CHUNK = 64 * 1024;

/**
 * The {@link ZipCodec} of Node: node:zlib's DEFLATE and INFLATE, run on libuv's thread pool so
 * that compressing one chunk overlaps building the next, and zlib's native CRC-32 where Node has
 * it (20.15 and later).
 *
 * @example
 * const grids = await readXlsxPackage(await readFile("in.xlsx"), "in.xlsx", nodeZipCodec());
 */
export function nodeZipCodec(level = LEVEL): ZipCodec {
  const nativeCrc = typeof zlib.crc32 === "function" ? zlib.crc32 : undefined;
  return {
    inflate: (data, onChunk) =>
      new Promise<void>((resolve, reject) => {
        const stream = zlib.createInflateRaw({ chunkSize: INFLATE_CHUNK });
        let settled = false;
        const settle = (error?: unknown): void => {
          if (settled) return;
          settled = true;
          stream.destroy();
          if (error === undefined) resolve();
          // What onChunk threw is passed on as it is (a PackageFault says which limit it hit).
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
          else reject(error);
        };
        stream.on("data", (chunk: Buffer) => {
          if (settled) return;
          try {
            if (onChunk(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)) === false) settle();
          } catch (error) {
            settle(error);
          }
        });
        stream.on("error", settle);
        stream.on("end", () => settle());
        stream.end(data);
      }),
    deflater: () => nodeDeflater(level),
    crc32: (data, previous) => (nativeCrc === undefined ? crc32(data, previous) : nativeCrc(data, previous)),
  };
}

function nodeDeflater(level: number): Deflater {
  // A few chunks may wait for the compressor (zlib streams pass these options on to their
  // Transform), so that building the next chunk of XML overlaps compressing this one; output in
  // large pieces, as each piece is a Buffer to allocate.
  const options: zlib.ZlibOptions & { writableHighWaterMark: number } = {
    level,
    memLevel: 9,
    chunkSize: 1 << 18,
    writableHighWaterMark: 8 << 20,
  };
  const stream = zlib.createDeflateRaw(options);
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  stream.on("data", (chunk: Buffer) => chunks.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
  stream.on("error", (error) => {
    failure = error;
  });
  const ended = new Promise<void>((resolve, reject) => {
    stream.on("end", resolve);
    stream.on("error", reject);
  });
  // Handled here so that a failure before end() is reported by write() or end(), not as unhandled.
  ended.catch(() => undefined);
  return {
    write: (chunk) => {
      if (failure !== null) return Promise.reject(failure);
      if (stream.write(chunk)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const onDrain = (): void => {
          stream.off("error", onError);
          resolve();
        };
        const onError = (error: Error): void => {
          stream.off("drain", onDrain);
          reject(error);
        };
        stream.once("drain", onDrain);
        stream.once("error", onError);
      });
    },
    end: async () => {
      stream.end();
      await ended;
      return chunks;
    },
  };
}

// CRC-32 as zip uses it (APPNOTE.TXT 4.4.7: polynomial 0xEDB88320, reflected, initial and final
// XOR 0xFFFFFFFF), slicing by four bytes. Hosts with a native CRC-32 (node:zlib) pass theirs in
// through the ZipCodec; this one is for hosts without (the browser).
const TABLES: Uint32Array[] = (() => {
  const tables = Array.from({ length: 4 }, () => new Uint32Array(256));
  const [t0, t1, t2, t3] = tables as [Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t0[n] = c >>> 0;
  }
  for (let n = 0; n < 256; n += 1) {
    const c0 = t0[n] ?? 0;
    const c1 = (t0[c0 & 0xff] ?? 0) ^ (c0 >>> 8);
    const c2 = (t0[c1 & 0xff] ?? 0) ^ (c1 >>> 8);
    t1[n] = c1 >>> 0;
    t2[n] = c2 >>> 0;
    t3[n] = ((t0[c2 & 0xff] ?? 0) ^ (c2 >>> 8)) >>> 0;
  }
  return tables;
})();

/**
 * The CRC-32 of `data`, continuing from `previous` (the CRC of the bytes before it, 0 to start).
 *
 * @example
 * crc32(new TextEncoder().encode("123456789")) //=> 0xcbf43926
 */
export function crc32(data: Uint8Array, previous = 0): number {
  const [t0, t1, t2, t3] = TABLES as [Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  let crc = ~previous >>> 0;
  let i = 0;
  const fours = data.length - (data.length % 4);
  for (; i < fours; i += 4) {
    crc ^= (data[i] ?? 0) | ((data[i + 1] ?? 0) << 8) | ((data[i + 2] ?? 0) << 16) | ((data[i + 3] ?? 0) << 24);
    crc =
      (t3[crc & 0xff] ?? 0) ^ (t2[(crc >>> 8) & 0xff] ?? 0) ^ (t1[(crc >>> 16) & 0xff] ?? 0) ^ (t0[crc >>> 24] ?? 0);
  }
  for (; i < data.length; i += 1) crc = (t0[(crc ^ (data[i] ?? 0)) & 0xff] ?? 0) ^ (crc >>> 8);
  return ~crc >>> 0;
}

import zlib from "node:zlib";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { nodeZipCodec } from "../../src/xlsx/nodeZipCodec";
import { openXlsxPackage } from "../../src/xlsx/openXlsxPackage";
import { openZipPackage, ZIP_LIMITS } from "../../src/xlsx/openZipPackage";
import { PackageFault } from "../../src/xlsx/PackageFault";
import { readZipEntries } from "../../src/xlsx/readZipEntries";
import { deflatedEntry, type RawEntry, rawZip } from "./zipFixtures";

// The one zip reader of the package reader and writer: its central directory (ZIP64 included),
// its size checks before anything is unpacked, and its checks on what it unpacks. The same
// guards seen from the command line, on real files, are in badFiles.test.ts.

const codec = nodeZipCodec();

async function fault(promise: Promise<unknown> | (() => unknown)): Promise<PackageFault> {
  const error: unknown =
    typeof promise === "function"
      ? (() => {
          try {
            promise();
            return null;
          } catch (e) {
            return e;
          }
        })()
      : await promise.then(
          () => null,
          (e: unknown) => e,
        );
  expect(error).toBeInstanceOf(PackageFault);
  return error as PackageFault;
}

const ROWS = Array.from({ length: 20_000 }, (_, i) => `<row r="${String(i)}"/>`).join("");

describe("readZipEntries", () => {
  it("refuses what is not a whole zip archive", async () => {
    const bytes = await new JSZip().file("a.xml", "<a/>").generateAsync({ type: "uint8array" });
    expect(() => readZipEntries(bytes.subarray(0, bytes.length - 10))).toThrow(/not a zip archive|cut short/);
    expect(() => readZipEntries(new TextEncoder().encode("not a zip"))).toThrow(/not a zip archive/);
    expect(() => readZipEntries(new Uint8Array(0))).toThrow(PackageFault);
    // Cut inside an entry's data: the directory is whole but the data it points at is not.
    const whole = rawZip([deflatedEntry("a.xml", ROWS)]);
    const cut = new Uint8Array([...whole.subarray(0, 100), ...whole.subarray(whole.length - 22 - 46 - 5)]);
    expect((await fault(() => readZipEntries(cut))).reason).toBe("unreadable");
  });

  it("reads ZIP64 end records and extra fields", async () => {
    const bytes = rawZip([deflatedEntry("xl/a.xml", ROWS), deflatedEntry("xl/b.xml", "<b/>")], { zip64: true });
    const entries = readZipEntries(bytes);
    expect(entries.map((entry) => [entry.name, entry.size])).toEqual([
      ["xl/a.xml", ROWS.length],
      ["xl/b.xml", 4],
    ]);
    const zip = openZipPackage(bytes, codec);
    expect(await zip.readText("xl/a.xml")).toBe(ROWS);
    expect(await zip.readText("xl/b.xml")).toBe("<b/>");
  });
});

describe("openZipPackage", () => {
  it("finds parts as OPC names them: ignoring case and percent-encoding, with or without a leading /", () => {
    const zip = openZipPackage(rawZip([deflatedEntry("xl/Work Book.xml", "<w/>")]), codec);
    expect(zip.find("xl/Work Book.xml")).toBe("xl/Work Book.xml");
    expect(zip.find("/XL/work%20book.XML")).toBe("xl/Work Book.xml");
    expect(zip.find("xl/missing.xml")).toBeNull();
    expect(zip.find("xl/100%.xml")).toBeNull();
  });

  it("reads stored and deflated parts, and UTF-16 text with a byte order mark", async () => {
    const utf16 = Buffer.from("\uFEFF<a>é</a>", "utf16le");
    const stored: RawEntry = { name: "s.xml", data: utf16, method: 0, size: utf16.length, crc: zlib.crc32(utf16) };
    const zip = openZipPackage(rawZip([stored, deflatedEntry("d.xml", "<d>£</d>")]), codec);
    expect(await zip.readText("s.xml")).toBe("<a>é</a>");
    expect(await zip.readText("d.xml")).toBe("<d>£</d>");
    expect(new TextDecoder().decode(await zip.readBytes("d.xml"))).toBe("<d>£</d>");
    const chunks: string[] = [];
    await zip.streamText("d.xml", (text) => void chunks.push(text));
    expect(chunks.join("")).toBe("<d>£</d>");
  });

  it("streams a part in pieces and stops when asked, unpacking no more", async () => {
    const zip = openZipPackage(rawZip([deflatedEntry("rows.xml", ROWS.repeat(10))]), codec);
    const pieces: string[] = [];
    await zip.streamText("rows.xml", (text) => {
      pieces.push(text);
      return pieces.join("").length < 1000;
    });
    expect(pieces).toHaveLength(1);
    expect(ROWS.startsWith(pieces[0] ?? "")).toBe(true);
    const all: string[] = [];
    await zip.streamText("rows.xml", (text) => void all.push(text));
    expect(all.length).toBeGreaterThan(1);
    expect(all.join("")).toBe(ROWS.repeat(10));
  });

  it("stops a part that unpacks to more than it declares, whichever way it is read", async () => {
    const lying = { ...deflatedEntry("bomb.xml", ROWS), size: 1000 };
    const zip = openZipPackage(rawZip([lying]), codec);
    for (const read of [
      () => zip.readBytes("bomb.xml"),
      () => zip.readText("bomb.xml"),
      () => zip.streamText("bomb.xml", () => undefined),
    ]) {
      const error = await fault(read());
      expect(error.reason).toBe("too-large");
      expect(error.detail).toBe("bomb.xml unpacks to more than the 1 KB it declares");
    }
  });

  it("refuses a part that unpacks to less than it declares, or not to its checksum, or cut short", async () => {
    const short = { ...deflatedEntry("short.xml", ROWS), size: ROWS.length + 1 };
    const wrong = { ...deflatedEntry("wrong.xml", ROWS), crc: 1234 };
    const good = deflatedEntry("cut.xml", ROWS);
    const cut = { ...good, data: good.data.subarray(0, good.data.length >> 1) };
    const bad = { ...good, name: "bad.xml", data: new Uint8Array(good.data.length).fill(0xff) };
    const zip = openZipPackage(rawZip([short, wrong, cut, bad]), codec);
    expect((await fault(zip.readText("short.xml"))).detail).toMatch(
      /^short\.xml: it unpacks to .* not the .* it declares/,
    );
    expect((await fault(zip.streamText("wrong.xml", () => undefined))).detail).toBe(
      "wrong.xml: its content does not match its checksum",
    );
    expect((await fault(zip.readBytes("cut.xml"))).detail).toMatch(/^cut\.xml: unexpected end of file/);
    const damaged = await fault(zip.readText("bad.xml"));
    expect(damaged.reason).toBe("unreadable");
    expect(damaged.detail).toMatch(/^bad\.xml: /);
    expect((await fault(zip.readText("none.xml"))).detail).toBe("it has no part none.xml");
  });

  it("refuses, before unpacking anything, a part over 1 GB, parts over 2 GB together, or one packed over 100 to 1", async () => {
    // Only the declared sizes are read: the data need not be there to be refused.
    const declares = (name: string, size: number, packed = 1000): RawEntry => ({
      name,
      data: new Uint8Array(packed),
      size,
      crc: 0,
    });
    const refused = async (entries: RawEntry[]): Promise<string> => {
      const error = await fault(() => openZipPackage(rawZip(entries), codec));
      expect(error.reason).toBe("too-large");
      return error.detail;
    };
    expect(await refused([declares("a.xml", 3e9, 30_000_000)])).toBe(
      "a.xml would unpack to 3.0 GB, over the 1.0 GB a part this reader accepts",
    );
    expect(await refused([declares("b.bin", 320e6, 320_000)])).toMatch(
      /^b\.bin would unpack from 320 KB to 320\.0 MB, 1,000 times its packed size/,
    );
    expect(await refused(Array.from({ length: 45 }, (_, i) => declares(`m${String(i)}.emf`, 48e6, 1_000_000)))).toBe(
      "its parts would unpack to 2.2 GB, over the 2.0 GB this reader accepts",
    );
    // A part under 50 MB may pack as tightly as it likes (a sheet of blank rows does).
    expect(() => openZipPackage(rawZip([declares("c.xml", ZIP_LIMITS.ratioFromBytes - 1, 10)]), codec)).not.toThrow();
    // The package writer opens a package through the same checks.
    await expect(openXlsxPackage(rawZip([declares("a.xml", 3e9, 30_000_000)]), codec)).rejects.toThrow(
      /^a\.xml would unpack to 3\.0 GB/,
    );
    // An archive the writer made itself is not held to the limits.
    expect(() => openZipPackage(rawZip([declares("a.xml", 3e9, 30_000_000)]), codec, { trusted: true })).not.toThrow();
  });

  it("refuses to read whole into a string a part over the text limit", async () => {
    const big: RawEntry = { name: "big.xml", data: new Uint8Array(3_000_000), size: 300e6, crc: 0 };
    const zip = openZipPackage(rawZip([big]), codec);
    expect((await fault(zip.readText("big.xml"))).detail).toBe("big.xml is over 256.0 MB");
  });
});

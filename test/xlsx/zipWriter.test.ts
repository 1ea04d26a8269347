import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import zlib from "node:zlib";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/runCli";
import { buildReduction, DEFAULT_REDUCTION_SETTINGS, validateWorkbook } from "../../src/core";
import { crc32 } from "../../src/xlsx/crc32";
import { nodeZipCodec } from "../../src/xlsx/nodeZipCodec";
import { readZipEntries } from "../../src/xlsx/readZipEntries";
import { writeReductionWorkbook } from "../../src/xlsx/writeReductionWorkbook";
import { writeZip } from "../../src/xlsx/writeZip";
import { readXlsxWorkbook } from "../../src/xlsx/readXlsxWorkbook";

const dir = mkdtempSync(join(tmpdir(), "estab-zip-writer-"));

describe("crc32", () => {
  it("gives zip's CRC-32, in one go or in pieces", () => {
    const bytes = new TextEncoder().encode("123456789");
    expect(crc32(bytes)).toBe(0xcbf43926);
    const random = new Uint8Array(100_003).map((_, i) => (i * 7919) % 251);
    expect(crc32(random)).toBe(zlib.crc32(random));
    expect(crc32(random.subarray(50_001), crc32(random.subarray(0, 50_001)))).toBe(zlib.crc32(random));
    expect(nodeZipCodec().crc32(random, 0)).toBe(zlib.crc32(random));
  });
});

describe("readZipEntries and writeZip", () => {
  it("copy stored, deflated and data-descriptor entries as stored, readable by JSZip", async () => {
    const archive = new JSZip();
    archive.file("[Content_Types].xml", "<Types/>", { compression: "STORE" });
    archive.file("xl/big.xml", "<row/>".repeat(10_000), { compression: "DEFLATE" });
    archive.file("naïve/ünïcode.xml", "<x>é</x>");
    archive.folder("empty");
    for (const streamFiles of [false, true]) {
      const bytes = await archive.generateAsync({ type: "uint8array", streamFiles, compression: "DEFLATE" });
      const entries = readZipEntries(bytes);
      expect(entries.map((entry) => entry.name)).toEqual([
        "[Content_Types].xml",
        "xl/",
        "xl/big.xml",
        "naïve/",
        "naïve/ünïcode.xml",
        "empty/",
      ]);
      expect(entries[0]?.method).toBe(0);
      expect(entries[2]?.method).toBe(8);
      const copy = writeZip(entries.map((entry) => ({ ...entry, data: [entry.data] })));
      const read = await JSZip.loadAsync(Buffer.concat(copy), { checkCRC32: true });
      expect(await read.file("xl/big.xml")?.async("string")).toBe("<row/>".repeat(10_000));
      expect(await read.file("naïve/ünïcode.xml")?.async("string")).toBe("<x>é</x>");
      expect(readZipEntries(Buffer.concat(copy)).map((entry) => entry.crc32)).toEqual(
        entries.map((entry) => entry.crc32),
      );
    }
  });
});

describe("writeReductionWorkbook when it cannot finish", () => {
  async function reduction() {
    const grids = await readXlsxWorkbook("samples/barnet-leaving-care-2012.xlsx");
    return buildReduction(validateWorkbook(grids, { standardHours: 36 }), new Map(), DEFAULT_REDUCTION_SETTINGS, {
      builtOn: "2026-01-01",
      version: "test",
    });
  }

  it("leaves no output and no temporary file when the last step fails", async () => {
    const folder = join(dir, "rename-fails");
    mkdirSync(folder);
    // The output names a folder: the copy is written to a temporary file, then cannot take its name.
    const output = join(folder, "out.xlsx");
    mkdirSync(output);
    await expect(
      writeReductionWorkbook("samples/barnet-leaving-care-2012.xlsx", output, await reduction()),
    ).rejects.toThrow();
    expect(readdirSync(folder)).toEqual(["out.xlsx"]);
    expect(readdirSync(output)).toEqual([]);
  });

  it("writes nothing from a damaged input", async () => {
    const input = join(dir, "damaged.xlsx");
    const bytes = readFileSync("samples/barnet-leaving-care-2012.xlsx");
    writeFileSync(input, bytes.subarray(0, bytes.length - 200));
    const output = join(dir, "damaged-out.xlsx");
    await expect(writeReductionWorkbook(input, output, await reduction())).rejects.toThrow(/cannot be copied/);
    expect(existsSync(output)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("exits 2 from estab reduce --out with the reason, and leaves nothing behind", async () => {
    const folder = join(dir, "cli");
    mkdirSync(folder);
    const output = join(folder, "taken.xlsx");
    mkdirSync(output);
    const err: string[] = [];
    const code = await runCli(["reduce", "samples/barnet-leaving-care-2012.xlsx", "--out", output], {
      out: () => undefined,
      err: (text) => err.push(text),
    });
    expect(code).toBe(2);
    expect(err.join("\n")).toMatch(/cannot write .*taken\.xlsx/);
    expect(readdirSync(folder)).toEqual(["taken.xlsx"]);
  });
});

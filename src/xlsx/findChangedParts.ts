import { openZipPackage, ZIP_LIMITS, type ZipPackage } from "./openZipPackage";
import type { ZipEntry } from "./readZipEntries";
import { XmlTag } from "./XmlTag";
import type { ZipCodec } from "./ZipCodec";

// Pure: no Node, no DOM.

// Attributes the writer may change on an original part's existing tags: element counts
// (addSheetsToPackage appends sheets, formats and fonts).
const CHANGEABLE = new Set(["count"]);

// Tags and text, each tag written as its name and attributes but the changeable ones; an empty
// element <x …/> counts as <x …></x>, so that a writer may open one.
function tokens(xml: string): string[] {
  const out: string[] = [];
  const tag = new XmlTag();
  let at = 0;
  while (at < xml.length) {
    const next = xml.indexOf("<", at);
    if (next !== at) {
      out.push(xml.slice(at, next === -1 ? xml.length : next));
      if (next === -1) break;
    }
    if (!tag.read(xml, next)) {
      out.push(xml.slice(next));
      break;
    }
    if (tag.kind === "open" || tag.kind === "empty") {
      let token = `<${tag.name}`;
      while (tag.nextAttribute()) {
        const name = tag.attributeName;
        if (!CHANGEABLE.has(name)) token += ` ${name}="${tag.value}"`;
      }
      out.push(`${token}>`);
      if (tag.kind === "empty") out.push(`</${tag.name}>`);
    } else {
      out.push(xml.slice(tag.start, tag.end));
    }
    at = tag.end;
  }
  return out;
}

// Whether every token of the original is in the copy, in order: the copy only added to it.
function onlyAdded(original: string, copy: string): boolean {
  const want = tokens(original);
  const have = tokens(copy);
  let i = 0;
  for (const token of have) if (i < want.length && token === want[i]) i += 1;
  return i === want.length;
}

/**
 * The original parts an edited copy of a package does not keep, each with the reason: missing, or
 * not byte for byte the same. Parts named in `edited` may differ only as the package writer edits
 * them: only by added elements and by their count attributes. Empty when the copy keeps everything, which is
 * what `estab reduce --out` requires before it writes (issue 7: never lose the user's data).
 *
 * @example
 * await findChangedParts(original, copy, ["xl/workbook.xml"], nodeZipCodec()) //=> []
 */
export async function findChangedParts(
  original: Uint8Array,
  copy: Uint8Array,
  edited: readonly string[],
  codec: ZipCodec,
): Promise<string[]> {
  const before = openZipPackage(original, codec);
  // The copy was written here, with output sheets that may be larger than an input part may be.
  const after = openZipPackage(copy, codec, { trusted: true });
  const copied = new Map(after.entries.map((entry) => [entry.name, entry]));
  const editable = new Set(edited);
  const problems: string[] = [];
  for (const entry of before.entries) {
    if (entry.name.endsWith("/") && entry.size === 0) continue;
    const kept = copied.get(entry.name);
    if (kept === undefined) {
      problems.push(`${entry.name} is missing`);
    } else if (!editable.has(entry.name)) {
      if (!(await sameContent(entry, before, kept, after, codec))) problems.push(`${entry.name} is not the same`);
    } else {
      const problem = editProblem(
        await before.readText(entry.name, ZIP_LIMITS.partBytes),
        await after.readText(kept.name, ZIP_LIMITS.partBytes),
      );
      if (problem !== null) problems.push(`${entry.name} ${problem}`);
    }
  }
  return problems;
}

// The same content: the same size and CRC-32 of the content, and either the same stored bytes (by
// length and CRC-32, native and fast) or, if stored differently, the same bytes once inflated.
async function sameContent(
  entry: ZipEntry,
  original: ZipPackage,
  kept: ZipEntry,
  copy: ZipPackage,
  codec: ZipCodec,
): Promise<boolean> {
  const sameStored = (a: Uint8Array, b: Uint8Array): boolean =>
    a.length === b.length && codec.crc32(a, 0) === codec.crc32(b, 0);
  return (
    kept.crc32 === entry.crc32 &&
    kept.size === entry.size &&
    ((kept.method === entry.method && sameStored(kept.data, entry.data)) ||
      sameStored(await copy.readBytes(kept.name), await original.readBytes(entry.name)))
  );
}

// What an edited part changed that the writer may not, or null.
function editProblem(before: string, after: string): string | null {
  return onlyAdded(before, after) ? null : "lost some of its content";
}

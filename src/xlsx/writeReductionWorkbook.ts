import { open, readFile, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Reduction } from "../core";
import { buildOutputSheets } from "../output/outputSheets";
import { addSheetsToPackage } from "./addSheetsToPackage";
import { findChangedParts } from "./findChangedParts";
import { nodeZipCodec } from "./nodeZipCodec";
import { openXlsxPackage } from "./openXlsxPackage";

/**
 * Writes a copy of `input` to `output` with the reduction's sheets added: the reduction table
 * (an Excel table of native SUMIFS formulas over the costed-posts table, so it stays live when a
 * figure is corrected and opens without the add-in, with native charts of FTE and cost by grade),
 * post changes, staff impact, costed posts and assumptions. The copy is the original package with the new parts added and the few parts that
 * declare them edited ({@link addSheetsToPackage}); every other part, charts, pivot tables,
 * macros and custom XML included, is copied byte for byte. The copy is written to a temporary
 * file, checked (every original part is there and unchanged, {@link findChangedParts}) and
 * renamed, so a failed run leaves no partial output.
 *
 * @returns `lost`: kinds of content the copy could not carry; always empty, as nothing is dropped
 * @example
 * await writeReductionWorkbook("samples/leicester-2013-14.xlsx", "out.xlsx", reduction)
 */
export async function writeReductionWorkbook(
  input: string,
  output: string,
  reduction: Reduction,
): Promise<{ readonly lost: readonly string[] }> {
  const codec = nodeZipCodec();
  const original = await readFile(input);
  const bytes = new Uint8Array(original.buffer, original.byteOffset, original.byteLength);
  let pkg;
  try {
    pkg = await openXlsxPackage(bytes, codec);
  } catch (error: unknown) {
    throw new Error(`${input} cannot be copied: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const sheets = buildOutputSheets(
    reduction,
    pkg.sheets.map((sheet) => sheet.name),
  );
  const written = await addSheetsToPackage(pkg, sheets, codec);
  const copy = new Uint8Array(written.size);
  let at = 0;
  for (const chunk of written.chunks) {
    copy.set(chunk, at);
    at += chunk.length;
  }
  // Never a change to the user's data: every original part must be in the copy as it was, or
  // nothing is written.
  const changed = await findChangedParts(bytes, copy, written.edited, codec);
  if (changed.length > 0) {
    throw new Error(
      `the copy would not keep ${input} exactly as it is (${changed.join("; ")}), so ${output} was not written`,
    );
  }

  const temporary = join(dirname(output), `.${basename(output)}.${String(process.pid)}.tmp`);
  try {
    const file = await open(temporary, "w");
    try {
      await file.writeFile(copy);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, output);
    return { lost: [] };
  } catch (error: unknown) {
    await rm(temporary, { force: true });
    throw error;
  }
}

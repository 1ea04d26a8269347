#!/usr/bin/env node
// Build the sample workbooks from their transcribed source data.
//
//   node scripts/build-samples.mjs
//
// Reads samples/source/*.json (format described in samples/source/README.md) and writes
// samples/<file>.xlsx for each. Cell values are written exactly as they are in the JSON:
// numbers as numbers, strings as strings (so "(1.50)" and "1,154,200" stay text), null as
// an empty cell. Cells listed in a sheet's "strike" array get a strike-through font; cells
// listed in its optional "numFmt" map get that number format (used only to show numbers
// the way the document printed them, e.g. 1.00). No other formatting is applied apart from
// column widths. After writing, every workbook is read back and compared with its JSON;
// any difference is an error.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const sourceDir = path.join(root, "samples", "source");
const outDir = path.join(root, "samples");
const FIXED_DATE = new Date(Date.UTC(2024, 0, 1));
const ROLES = new Set(["current", "proposed", "grades", "titleMap"]);

/** Column letter(s) for a 1-based column number. */
function colName(n) {
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Parse an A1 reference into 1-based row and column. */
function parseRef(ref) {
  const m = /^([A-Z]+)(\d+)$/.exec(ref);
  if (!m) throw new Error(`bad cell reference ${JSON.stringify(ref)}`);
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

function cellAt(sheet, ref) {
  const { row, col } = parseRef(ref);
  const r = sheet.rows[row - 1];
  return r ? (r[col - 1] ?? null) : null;
}

function validate(src, file) {
  const where = (s) => `${file}: ${s}`;
  for (const key of ["workbook", "file", "source", "standardHours", "sheets", "published"]) {
    if (!(key in src)) throw new Error(where(`missing "${key}"`));
  }
  if (!/^[\w.-]+\.xlsx$/.test(src.file)) throw new Error(where(`bad file name ${src.file}`));
  const names = new Set();
  for (const sheet of src.sheets) {
    const w = (s) => where(`sheet "${sheet.name}": ${s}`);
    if (names.has(sheet.name)) throw new Error(w("duplicate sheet name"));
    names.add(sheet.name);
    if (!ROLES.has(sheet.role)) throw new Error(w(`unknown role ${sheet.role}`));
    if (!Array.isArray(sheet.rows)) throw new Error(w("rows is not an array"));
    sheet.rows.forEach((row, i) => {
      if (!Array.isArray(row)) throw new Error(w(`row ${i + 1} is not an array`));
      row.forEach((v, j) => {
        const ok = v === null || typeof v === "string" || (typeof v === "number" && Number.isFinite(v));
        if (!ok) throw new Error(w(`${colName(j + 1)}${i + 1} has an unsupported value ${JSON.stringify(v)}`));
      });
    });
    for (const ref of sheet.strike ?? []) {
      if (cellAt(sheet, ref) === null) throw new Error(w(`strike cell ${ref} is empty`));
    }
    for (const [ref, fmt] of Object.entries(sheet.numFmt ?? {})) {
      if (typeof cellAt(sheet, ref) !== "number") throw new Error(w(`numFmt cell ${ref} is not a number`));
      if (typeof fmt !== "string" || !fmt) throw new Error(w(`numFmt for ${ref} is not a format string`));
    }
  }
}

/** Display width of a value, for column sizing. */
function displayLength(v, fmt) {
  if (v === null || v === undefined) return 0;
  if (typeof v === "number") {
    const dp = fmt && fmt.includes(".") ? fmt.split(".")[1].replace(/[^0]/g, "").length : null;
    return (dp === null ? String(v) : v.toFixed(dp)).length;
  }
  return Math.max(
    ...String(v)
      .split("\n")
      .map((l) => l.length),
  );
}

function columnWidths(sheet) {
  const widths = [];
  sheet.rows.forEach((row, i) => {
    // A lone text cell (a heading or a note) is allowed to overflow into empty neighbours,
    // so it does not widen its column.
    const filled = row.filter((v) => v !== null && v !== "").length;
    if (filled <= 1 && row.length <= 1) return;
    row.forEach((v, j) => {
      const len = displayLength(v, sheet.numFmt?.[`${colName(j + 1)}${i + 1}`]);
      widths[j] = Math.max(widths[j] ?? 0, len);
    });
  });
  return widths.map((w) => Math.min(Math.max((w ?? 0) + 2, 8), 60));
}

async function build(src) {
  const wb = new ExcelJS.Workbook();
  wb.creator = "scripts/build-samples.mjs";
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  wb.title = src.workbook;
  for (const sheet of src.sheets) {
    const ws = wb.addWorksheet(sheet.name);
    sheet.rows.forEach((row, i) => {
      row.forEach((v, j) => {
        if (v === null) return;
        ws.getCell(i + 1, j + 1).value = v;
      });
    });
    for (const ref of sheet.strike ?? []) {
      const c = ws.getCell(ref);
      // Give the whole font (Excel's default Calibri 11) so the style does not depend on
      // how a reader fills in a font that only says "strike".
      c.font = { name: "Calibri", family: 2, size: 11, ...(c.font ?? {}), strike: true };
    }
    for (const [ref, fmt] of Object.entries(sheet.numFmt ?? {})) ws.getCell(ref).numFmt = fmt;
    columnWidths(sheet).forEach((w, j) => {
      ws.getColumn(j + 1).width = w;
    });
  }
  return wb;
}

/** Read a written workbook back and compare it with its source. Returns a list of problems. */
async function check(src, file) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const problems = [];
  for (const sheet of src.sheets) {
    const ws = wb.getWorksheet(sheet.name);
    if (!ws) {
      problems.push(`sheet "${sheet.name}" missing`);
      continue;
    }
    const strike = new Set(sheet.strike ?? []);
    const maxCols = Math.max(1, ...sheet.rows.map((r) => r.length), ws.columnCount);
    const maxRows = Math.max(sheet.rows.length, ws.rowCount);
    for (let r = 1; r <= maxRows; r++) {
      for (let c = 1; c <= maxCols; c++) {
        const ref = `${colName(c)}${r}`;
        const want = sheet.rows[r - 1]?.[c - 1] ?? null;
        const cell = ws.getCell(r, c);
        const got = cell.value ?? null;
        if (got !== want)
          problems.push(`${sheet.name}!${ref}: wrote ${JSON.stringify(want)}, read ${JSON.stringify(got)}`);
        const struck = !!cell.font?.strike;
        if (struck !== strike.has(ref))
          problems.push(`${sheet.name}!${ref}: strike-through ${struck}, expected ${strike.has(ref)}`);
        const fmt = sheet.numFmt?.[ref];
        if (fmt && cell.numFmt !== fmt) problems.push(`${sheet.name}!${ref}: numFmt ${cell.numFmt}, expected ${fmt}`);
      }
    }
  }
  if (wb.worksheets.length !== src.sheets.length)
    problems.push(`expected ${src.sheets.length} sheets, found ${wb.worksheets.length}`);
  return problems;
}

async function main() {
  const files = fs
    .readdirSync(sourceDir)
    .filter((f) => f.endsWith(".json"))
    .sort();
  if (!files.length) throw new Error(`no JSON sources in ${sourceDir}`);
  let failed = false;
  for (const f of files) {
    const src = JSON.parse(fs.readFileSync(path.join(sourceDir, f), "utf8"));
    validate(src, f);
    const out = path.join(outDir, src.file);
    const wb = await build(src);
    await wb.xlsx.writeFile(out);
    const problems = await check(src, out);
    const summary = src.sheets
      .map((s) => `${s.name} ${s.rows.length} rows${s.strike?.length ? `, ${s.strike.length} struck cells` : ""}`)
      .join("; ");
    if (problems.length) {
      failed = true;
      console.error(`${path.relative(root, out)}: ${problems.length} round-trip problem(s)`);
      for (const p of problems.slice(0, 20)) console.error(`  ${p}`);
    } else {
      console.log(`${path.relative(root, out)}: ${summary}; round-trip OK`);
    }
  }
  if (failed) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});

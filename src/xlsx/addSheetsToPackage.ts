import type { OutputSheet } from "../output/outputSheets";
import { CellStyleSheet } from "./CellStyleSheet";
import { chartPartsXml } from "./chartPartsXml";
import { CONTENT_TYPE, type XlsxPackage } from "./openXlsxPackage";
import { relsPartOf } from "./partName";
import { planTable, type PlannedTable } from "./planTable";
import type { ZipEntry } from "./readZipEntries";
import { relationshipType, RELATIONSHIPS_NAMESPACE } from "./relationshipType";
import { writeWorksheetXml } from "./writeWorksheetXml";
import { writeZip, type ZipOutputEntry } from "./writeZip";
import { findEndTag, findStartTag, findStartTags, prefixFor, type StartTag } from "./xmlTags";
import { escapeXmlAttribute } from "./xmlText";
import type { ZipCodec } from "./ZipCodec";

// Pure: no Node, no DOM, so the standalone page can write a workbook as `estab` does.

/** The new package: its bytes in chunks, and which of the original parts were edited. */
export interface PackageWithSheets {
  /** The archive, in order; write them one after another (or `new Blob(chunks)`). */
  readonly chunks: readonly Uint8Array[];
  readonly size: number;
  /** Original parts whose content changed (content types, workbook, its rels, styles …). */
  readonly edited: readonly string[];
  /** Parts added: worksheets, their rels, tables (and styles, if the workbook had none). */
  readonly added: readonly string[];
}

/** Options of {@link addSheetsToPackage}. */
export interface AddSheetsOptions {
  /** Modification time stamped on new and edited entries (default: now). */
  readonly modified?: Date;
}

const PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
// Sheet names: at most 31 characters, none of : \ / ? * [ ], not beginning or ending with an
// apostrophe (Excel specifications and limits; ECMA-376 Part 1, 18.2.19 sheet).
const BAD_SHEET_NAME = /[:\\/?*[\]]|^'|'$/;

interface NewPart {
  readonly part: string;
  readonly crc32: number;
  readonly size: number;
  readonly data: readonly Uint8Array[];
  readonly compressedSize: number;
}

/**
 * Adds output sheets to an .xlsx package without rewriting it: every original part is copied as
 * its stored bytes, except the few the new sheets must be declared in — [Content_Types].xml
 * (an Override per new part), the workbook (a sheet entry each; its views as they were), its rels
 * and the styles (number formats, a bold font and cell formats appended, existing indices
 * unchanged). No source sheet part is touched. Each output sheet is a new
 * worksheet part written as XML text in chunks, its tables (ListObjects) new table parts and its
 * charts a new drawing part with a native chart part each. Pure: compression comes from `codec`,
 * so Node and the browser share it.
 *
 * @param pkg the package as {@link openXlsxPackage} read it
 * @param sheets the sheets to add, in tab order after the existing ones; their names must be new
 * @example
 * const codec = nodeZipCodec();
 * const pkg = await openXlsxPackage(bytes, codec);
 * const out = await addSheetsToPackage(pkg, buildOutputSheets(reduction, pkg.sheets.map((s) => s.name)), codec);
 */
export async function addSheetsToPackage(
  pkg: XlsxPackage,
  sheets: readonly OutputSheet[],
  codec: ZipCodec,
  options: AddSheetsOptions = {},
): Promise<PackageWithSheets> {
  checkSheetNames(pkg, sheets);
  const modified = dosDateTime(options.modified ?? new Date());
  const encoder = new TextEncoder();
  const taken = new Set(pkg.partNames);
  const take = (part: string): string => {
    taken.add(part.toLowerCase());
    return part;
  };
  // The first free part name `${stem}N.xml` with N from `first` up, its rels part free too.
  const freePart = (stem: string, first: number): { part: string; n: number } => {
    let n = first;
    const used = (m: number): boolean =>
      taken.has(`${stem}${String(m)}.xml`.toLowerCase()) ||
      taken.has(relsPartOf(`${stem}${String(m)}.xml`).toLowerCase());
    while (used(n)) n += 1;
    return { part: take(`${stem}${String(n)}.xml`), n };
  };
  const workbookFolder = pkg.workbook.part.slice(0, pkg.workbook.part.lastIndexOf("/") + 1);
  const highest = (pattern: RegExp): number =>
    Math.max(0, ...[...pkg.partNames].map((name) => Number(pattern.exec(name)?.[1] ?? 0)));

  const compress = async (
    part: string,
    produce: (emit: (utf8: Uint8Array) => Promise<void>) => Promise<void>,
  ): Promise<NewPart> => {
    const deflater = codec.deflater();
    let crc = 0;
    let size = 0;
    await produce(async (bytes) => {
      crc = codec.crc32(bytes, crc);
      size += bytes.length;
      await deflater.write(bytes);
    });
    const data = await deflater.end();
    return { part, crc32: crc, size, data, compressedSize: data.reduce((sum, chunk) => sum + chunk.length, 0) };
  };
  const compressText = (part: string, xml: string): Promise<NewPart> =>
    compress(part, (emit) => emit(encoder.encode(xml)));

  // Table names and ids are unique across the workbook, and a table name may not repeat a
  // defined name (ECMA-376 Part 1, 18.5.1.2 table).
  const takenNames = new Set(
    [...pkg.tables.flatMap((table) => [table.name, table.displayName]), ...pkg.workbook.definedNames].map((name) =>
      name.toLowerCase(),
    ),
  );
  let nextTableId = Math.max(0, ...pkg.tables.map((table) => table.id)) + 1;
  let nextSheetPart = highest(/^.*\/sheet(\d+)\.xml$/) + 1;
  let nextTablePart = highest(/^.*\/table(\d+)\.xml$/) + 1;
  let nextDrawingPart = highest(/^.*\/drawing(\d+)\.xml$/) + 1;
  let nextChartPart = highest(/^.*\/chart(\d+)\.xml$/) + 1;

  const styles = new CellStyleSheet(pkg.styles?.xml);
  const added: NewPart[] = [];
  const newSheets: { name: string; part: string }[] = [];
  const tableParts: string[] = [];
  const drawingParts: string[] = [];
  const chartParts: string[] = [];
  for (const sheet of sheets) {
    const { part, n: sheetNumber } = freePart(`${workbookFolder}worksheets/sheet`, nextSheetPart);
    nextSheetPart = sheetNumber + 1;
    const planned: { table: PlannedTable; part: string }[] = [];
    for (const table of sheet.tables ?? []) {
      const { part: tablePart, n: tableNumber } = freePart(`${workbookFolder}tables/table`, nextTablePart);
      nextTablePart = tableNumber + 1;
      planned.push({ table: planTable(table, sheet.rows, takenNames, nextTableId), part: tablePart });
      nextTableId += 1;
    }
    checkOverlaps(
      sheet.name,
      planned.map((p) => p.table),
    );
    const headers = new Map<number, Map<number, string>>();
    for (const { table } of planned) {
      const row = headers.get(table.range.top - 1) ?? new Map<number, string>();
      table.columns.forEach((name, i) => row.set(table.range.left - 1 + i, name));
      headers.set(table.range.top - 1, row);
    }
    const relationshipIds = planned.map((_, i) => `rId${String(i + 1)}`);
    const rels = planned.map(
      ({ part: tablePart }, i) =>
        `<Relationship Id="${relationshipIds[i] ?? ""}" Type="${relationshipType("table")}" Target="${relativeTarget(part, tablePart)}"/>`,
    );
    // Native charts: one drawing part for the sheet, one chart part per chart.
    let drawingRelationshipId: string | undefined;
    const charts = sheet.charts ?? [];
    if (charts.length > 0) {
      const { part: drawingPart, n: drawingNumber } = freePart(`${workbookFolder}drawings/drawing`, nextDrawingPart);
      nextDrawingPart = drawingNumber + 1;
      const chartNames = charts.map(() => {
        const { part: chartPart, n: chartNumber } = freePart(`${workbookFolder}charts/chart`, nextChartPart);
        nextChartPart = chartNumber + 1;
        return chartPart;
      });
      const xml = chartPartsXml(
        sheet.name,
        charts,
        chartNames.map((chartPart) => relativeTarget(drawingPart, chartPart)),
      );
      drawingRelationshipId = `rId${String(planned.length + 1)}`;
      rels.push(
        `<Relationship Id="${drawingRelationshipId}" Type="${relationshipType("drawing")}" Target="${relativeTarget(part, drawingPart)}"/>`,
      );
      added.push(await compressText(drawingPart, xml.drawing));
      added.push(await compressText(take(relsPartOf(drawingPart)), xml.drawingRels));
      for (const [i, chartPart] of chartNames.entries()) added.push(await compressText(chartPart, xml.charts[i] ?? ""));
      drawingParts.push(drawingPart);
      chartParts.push(...chartNames);
    }
    added.push(
      await compress(part, (emit) =>
        writeWorksheetXml(
          {
            sheet,
            headers,
            tableRelationshipIds: relationshipIds,
            ...(drawingRelationshipId === undefined ? {} : { drawingRelationshipId }),
          },
          styles,
          emit,
        ),
      ),
    );
    if (rels.length > 0) {
      added.push(
        await compressText(
          take(relsPartOf(part)),
          `${XML_DECLARATION}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">${rels.join("")}</Relationships>`,
        ),
      );
    }
    for (const { table, part: tablePart } of planned) {
      added.push(await compressText(tablePart, table.xml));
      tableParts.push(tablePart);
    }
    newSheets.push({ name: sheet.name, part });
  }

  // The workbook's parts, edited.
  const edits = new Map<string, string>();
  let stylesPart = pkg.styles?.part;
  const relationships: { id: string; type: string; target: string }[] = [];
  const relIds = new Set(
    findStartTags(pkg.workbook.relsXml ?? "", "Relationship").map((tag) => tag.attributes.get("Id")),
  );
  let nextRel = 1;
  const freeRelId = (): string => {
    while (relIds.has(`rId${String(nextRel)}`)) nextRel += 1;
    const id = `rId${String(nextRel)}`;
    relIds.add(id);
    return id;
  };
  if (stylesPart === undefined) {
    const plain = `${workbookFolder}styles.xml`;
    stylesPart = taken.has(plain.toLowerCase()) ? freePart(`${workbookFolder}styles`, 1).part : take(plain);
    relationships.push({
      id: freeRelId(),
      type: relationshipType("styles"),
      target: relativeTarget(pkg.workbook.part, stylesPart),
    });
  }
  const sheetRelationshipIds = newSheets.map((sheet) => {
    const id = freeRelId();
    relationships.push({
      id,
      type: relationshipType("worksheet"),
      target: relativeTarget(pkg.workbook.part, sheet.part),
    });
    return id;
  });
  edits.set(pkg.workbook.part, editWorkbook(pkg, newSheets, sheetRelationshipIds));
  edits.set(pkg.workbook.relsPart, editRelationships(pkg.workbook.relsXml, relationships));
  const stylesXml = styles.xml();
  const overrides = [
    ...newSheets.map((sheet) => [sheet.part, CONTENT_TYPE.worksheet] as const),
    ...tableParts.map((part) => [part, CONTENT_TYPE.table] as const),
    ...drawingParts.map((part) => [part, CONTENT_TYPE.drawing] as const),
    ...chartParts.map((part) => [part, CONTENT_TYPE.chart] as const),
    ...(pkg.styles === undefined ? [[stylesPart, CONTENT_TYPE.styles] as const] : []),
  ];
  edits.set(pkg.contentTypes.part, editContentTypes(pkg.contentTypes.xml, overrides));
  if (pkg.styles === undefined) added.push(await compressText(stylesPart, stylesXml));
  else if (stylesXml !== pkg.styles.xml) edits.set(pkg.styles.part, stylesXml);

  // The archive: original entries in order (edited ones replaced), then the new parts.
  const editedParts = new Map<string, NewPart>();
  for (const [part, xml] of edits) {
    const stored = pkg.zip.find(part);
    if (stored === null) {
      // A workbook without rels (no sheets?) gets one.
      added.push(await compressText(part, xml));
    } else {
      editedParts.set(stored, await compressText(stored, xml));
    }
  }
  const entries: ZipOutputEntry[] = pkg.zip.entries.map((entry) => {
    const edited = editedParts.get(entry.name);
    if (edited === undefined) return copied(entry);
    // Same name bytes (and their UTF-8 flag, APPNOTE.TXT 4.4.4 bit 11) and attributes; new data.
    return {
      ...newEntry(edited, modified, encoder),
      nameBytes: entry.nameBytes,
      flags: entry.flags & 0x0800,
      externalAttributes: entry.externalAttributes,
    };
  });
  for (const part of added) entries.push(newEntry(part, modified, encoder));
  const chunks = writeZip(entries);
  return {
    chunks,
    size: chunks.reduce((sum, chunk) => sum + chunk.length, 0),
    edited: [...editedParts.keys()],
    added: added.map((part) => part.part),
  };
}

// An original entry as it was stored: its headers and data unchanged.
function copied(entry: ZipEntry): ZipOutputEntry {
  return { ...entry, data: [entry.data] };
}

function newEntry(part: NewPart, modified: { time: number; date: number }, encoder: TextEncoder): ZipOutputEntry {
  return {
    nameBytes: encoder.encode(part.part),
    flags: 0,
    method: 8,
    versionNeeded: 20,
    dosTime: modified.time,
    dosDate: modified.date,
    crc32: part.crc32,
    compressedSize: part.compressedSize,
    size: part.size,
    externalAttributes: 0,
    data: part.data,
  };
}

// MS-DOS date and time, local time, two-second resolution (APPNOTE.TXT 4.4.6).
function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.min(Math.max(date.getFullYear(), 1980), 2107);
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

function checkSheetNames(pkg: XlsxPackage, sheets: readonly OutputSheet[]): void {
  const names = new Set(pkg.sheets.map((sheet) => sheet.name.toLowerCase()));
  for (const sheet of sheets) {
    if (sheet.name === "" || sheet.name.length > 31 || BAD_SHEET_NAME.test(sheet.name)) {
      throw new Error(`"${sheet.name}" cannot name a sheet`);
    }
    // Excel compares sheet names ignoring case.
    if (names.has(sheet.name.toLowerCase())) throw new Error(`the workbook already has a sheet "${sheet.name}"`);
    names.add(sheet.name.toLowerCase());
  }
}

// Excel refuses tables that overlap one another.
function checkOverlaps(sheet: string, tables: readonly PlannedTable[]): void {
  tables.forEach((a, i) => {
    for (const b of tables.slice(i + 1)) {
      const apart =
        a.range.right < b.range.left ||
        b.range.right < a.range.left ||
        a.range.bottom < b.range.top ||
        b.range.bottom < a.range.top;
      if (!apart) throw new Error(`tables ${a.name} and ${b.name} on sheet "${sheet}" overlap`);
    }
  });
}

/**
 * A relationship target from `source`'s folder to `target` (ECMA-376 Part 2, 9.3): relative,
 * going up with ".." where the two parts' folders differ.
 */
function relativeTarget(source: string, target: string): string {
  const from = source.split("/").slice(0, -1);
  const to = target.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common += 1;
  return [...from.slice(common).map(() => ".."), ...to.slice(common)].map(encodeURI).join("/");
}

function qualified(prefix: string, name: string): string {
  return prefix === "" ? name : `${prefix}:${name}`;
}

// CT_Workbook is a sequence (ECMA-376 Part 1, 18.2.27): bookViews comes before sheets.
function editWorkbook(
  pkg: XlsxPackage,
  sheets: readonly { name: string }[],
  relationshipIds: readonly string[],
): string {
  let xml = pkg.workbook.xml;
  const root = findStartTag(xml, "workbook") as StartTag;
  const p = root.prefix;
  // The relationships prefix the workbook declares; failing that, each new sheet element declares
  // r itself, as the Open XML SDK writes it (Gnumeric loses a sheet whose relationships prefix
  // differs from the one it met first).
  let r = prefixFor(root, RELATIONSHIPS_NAMESPACE);
  let declare = "";
  if (r === undefined || r === "") {
    r = root.attributes.has("xmlns:r") ? "rel" : "r";
    declare = ` xmlns:${r}="${RELATIONSHIPS_NAMESPACE}"`;
  }
  let sheetId = Math.max(0, ...pkg.sheets.map((sheet) => sheet.sheetId));
  const entries = sheets
    .map(
      (sheet, i) =>
        `<${qualified(p, "sheet")} name="${escapeXmlAttribute(sheet.name)}" sheetId="${String((sheetId += 1))}" ${r}:id="${relationshipIds[i] ?? ""}"${declare}/>`,
    )
    .join("");
  const sheetsTag = findStartTag(xml, "sheets");
  if (sheetsTag === undefined) throw new Error("its workbook part lists no sheets");
  if (sheetsTag.selfClosing) {
    xml = `${xml.slice(0, sheetsTag.start)}${sheetsTag.source.slice(0, -2)}>${entries}</${qualified(sheetsTag.prefix, "sheets")}>${xml.slice(sheetsTag.end)}`;
  } else {
    const close = findEndTag(xml, sheetsTag);
    xml = `${xml.slice(0, close)}${entries}${xml.slice(close)}`;
  }
  // The workbook view (active tab, selected tabs) is left as the user saved it: making an output
  // sheet active would mean taking tabSelected off the source sheet that has it (two selected tabs
  // open in Excel as a group, and typing into one writes into both: exceljs issue #162), and a
  // source sheet is never changed, not even its view (issue 4). The new tabs follow the others.
  return xml;
}

function editRelationships(
  xml: string | undefined,
  relationships: readonly { id: string; type: string; target: string }[],
): string {
  const source = xml ?? `${XML_DECLARATION}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}"></Relationships>`;
  const root = findStartTag(source, "Relationships");
  if (root === undefined) throw new Error("its workbook relationships part is damaged");
  const additions = relationships
    .map(
      (rel) =>
        `<${qualified(root.prefix, "Relationship")} Id="${rel.id}" Type="${rel.type}" Target="${escapeXmlAttribute(rel.target)}"/>`,
    )
    .join("");
  if (root.selfClosing) {
    return `${source.slice(0, root.start)}${root.source.slice(0, -2)}>${additions}</${qualified(root.prefix, "Relationships")}>${source.slice(root.end)}`;
  }
  const close = findEndTag(source, root);
  return `${source.slice(0, close)}${additions}${source.slice(close)}`;
}

function editContentTypes(xml: string, overrides: readonly (readonly [string, string])[]): string {
  const root = findStartTag(xml, "Types");
  if (root === undefined || root.selfClosing) throw new Error("its [Content_Types].xml is damaged");
  let additions = overrides
    .map(
      ([part, type]) =>
        `<${qualified(root.prefix, "Override")} PartName="/${escapeXmlAttribute(part)}" ContentType="${type}"/>`,
    )
    .join("");
  // The new sheets' rels need the rels extension mapped, as every package already has it for
  // _rels/.rels (ECMA-376 Part 2, 10.1.2.2).
  const hasRels = findStartTags(xml, "Default").some(
    (tag) => tag.attributes.get("Extension")?.toLowerCase() === "rels",
  );
  if (!hasRels) {
    additions = `<${qualified(root.prefix, "Default")} Extension="rels" ContentType="${CONTENT_TYPE.relationships}"/>${additions}`;
  }
  const close = findEndTag(xml, root);
  return `${xml.slice(0, close)}${additions}${xml.slice(close)}`;
}

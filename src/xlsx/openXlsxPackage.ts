import { openZipPackage, type ZipPackage } from "./openZipPackage";
import { resolvePartName } from "./partName";
import { readWorkbookPart, type WorkbookPart, type WorkbookSheet } from "./readWorkbookPart";
import { findStartTag, findStartTags } from "./xmlTags";
import type { ZipCodec } from "./ZipCodec";

// Pure: no Node, no DOM, so the standalone page can write a workbook as `estab` does.

/** An existing Excel table (ListObject) part. */
export interface PackageTable {
  readonly part: string;
  readonly id: number;
  readonly name: string;
  readonly displayName: string;
}

/** What the package writer needs to know of an .xlsx package before it adds sheets to it. */
export interface XlsxPackage {
  /** The zip package: every entry, in the archive's order, and its parts. */
  readonly zip: ZipPackage;
  /** Every part's name, lower-cased: part names compare case-insensitively (OPC). */
  readonly partNames: ReadonlySet<string>;
  readonly contentTypes: { readonly part: string; readonly xml: string };
  /** The workbook part, its relationships and its sheets, as the package reader finds them. */
  readonly workbook: WorkbookPart;
  /** The styles part, if the workbook has one. */
  readonly styles: { readonly part: string; readonly xml: string } | undefined;
  /** Every sheet (worksheets, chart sheets …) in tab order. */
  readonly sheets: readonly WorkbookSheet[];
  readonly tables: readonly PackageTable[];
}

const OFFICE_DOCUMENT = "application/vnd.openxmlformats-officedocument";

/** Content types of the parts the writer looks for or adds (ECMA-376 Part 1, 12.3 and 15.2). */
export const CONTENT_TYPE = {
  worksheet: `${OFFICE_DOCUMENT}.spreadsheetml.worksheet+xml`,
  drawing: `${OFFICE_DOCUMENT}.drawing+xml`,
  chart: `${OFFICE_DOCUMENT}.drawingml.chart+xml`,
  table: `${OFFICE_DOCUMENT}.spreadsheetml.table+xml`,
  styles: `${OFFICE_DOCUMENT}.spreadsheetml.styles+xml`,
  relationships: "application/vnd.openxmlformats-package.relationships+xml",
} as const;

const CONTENT_TYPES_PART = "[Content_Types].xml";
const STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main";

/**
 * Opens an .xlsx package far enough to add sheets to it: the zip directory (its sizes checked as
 * the package reader checks them), the content types, the workbook part, its relationships and
 * sheets (found by {@link readWorkbookPart}, as the reader finds them), the styles and the
 * existing tables. Nothing is unpacked but those small parts.
 *
 * @throws {PackageFault} when the bytes are not a whole zip archive, are too large to read safely,
 *   or are not a workbook
 * @throws {Error} with a plain reason when the workbook is one the writer cannot extend (Strict
 *   Open XML, no content types, a styles relationship to a missing part)
 *
 * @example
 * (await openXlsxPackage(bytes, nodeZipCodec())).sheets.map((sheet) => sheet.name) //=> ["Current", "Proposed"]
 */
export async function openXlsxPackage(bytes: Uint8Array, codec: ZipCodec): Promise<XlsxPackage> {
  const zip = openZipPackage(bytes, codec);
  const text = async (path: string): Promise<string | undefined> => {
    const part = zip.find(path);
    return part === null ? undefined : zip.readText(part);
  };

  const workbook = await readWorkbookPart(zip);
  const contentTypesPart = zip.find(CONTENT_TYPES_PART);
  if (contentTypesPart === null) throw new Error("it has no [Content_Types].xml, so it is not an Office file");
  const contentTypesXml = await zip.readText(contentTypesPart);
  const root = findStartTag(workbook.xml, "workbook");
  if (root === undefined) throw new Error("its workbook part is not a SpreadsheetML workbook");
  if ([...root.attributes.values()].includes(STRICT_MAIN)) {
    throw new Error("it is saved as Strict Open XML: save it in Excel as an ordinary Excel Workbook (.xlsx)");
  }
  let styles: XlsxPackage["styles"];
  if (workbook.styles !== undefined) {
    if (workbook.styles.part === null) throw new Error("its styles part is missing");
    styles = { part: workbook.styles.part, xml: await zip.readText(workbook.styles.part) };
  }

  const tables: PackageTable[] = [];
  for (const override of findStartTags(contentTypesXml, "Override")) {
    if (override.attributes.get("ContentType") !== CONTENT_TYPE.table) continue;
    const part = resolvePartName("", override.attributes.get("PartName") ?? "");
    const tag = findStartTag((await text(part)) ?? "", "table");
    if (tag === undefined) continue;
    const name = tag.attributes.get("name") ?? "";
    tables.push({
      part,
      id: Number(tag.attributes.get("id") ?? "0"),
      name,
      displayName: tag.attributes.get("displayName") ?? name,
    });
  }

  return {
    zip,
    partNames: new Set(zip.entries.map((entry) => entry.name.toLowerCase())),
    contentTypes: { part: contentTypesPart, xml: contentTypesXml },
    workbook,
    styles,
    sheets: workbook.sheets,
    tables,
  };
}

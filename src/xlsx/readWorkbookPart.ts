import type { ZipPackage } from "./openZipPackage";
import { PackageFault } from "./PackageFault";
import { relsPartOf, resolvePartName } from "./partName";
import { isRelationshipType } from "./relationshipType";
import { findStartTags } from "./xmlTags";

// Pure: no Node, no DOM. Shared by the package reader (readXlsxPackage) and writer
// (openXlsxPackage), so that both find the same sheets in the same parts.

/** A relationship from the workbook part to another part (ECMA-376 Part 2, 9.3). */
export interface Relationship {
  readonly id: string;
  /** The relationship type, a URI; see `isRelationshipType`. */
  readonly type: string;
  /** The target resolved against the workbook part, without a leading "/". */
  readonly path: string;
  /** The target part's name as stored in the package, or null when it is missing or external. */
  readonly part: string | null;
  /** `TargetMode="External"`: the target is outside the package (a link). */
  readonly external: boolean;
}

/** One sheet (worksheet, chart sheet …) as the workbook lists it, in tab order. */
export interface WorkbookSheet {
  readonly name: string;
  readonly sheetId: number;
  /** Its `r:id`, whatever prefix the relationships namespace has; "" when it has none. */
  readonly relationshipId: string;
  /** Its relationship, or undefined when the workbook's relationships lack it. */
  readonly relationship: Relationship | undefined;
  /** Its part as stored ("xl/worksheets/sheet1.xml"), or undefined when it cannot be found. */
  readonly part: string | undefined;
}

/** The workbook part of a package, with its sheets and the parts it relates to. */
export interface WorkbookPart {
  /** The part's name as stored, almost always "xl/workbook.xml". */
  readonly part: string;
  /** Its XML, as the writer edits it. */
  readonly xml: string;
  /** The workbook counts dates from 1904 (`workbookPr date1904`). */
  readonly date1904: boolean;
  /** In tab order. */
  readonly sheets: readonly WorkbookSheet[];
  /** Names the workbook defines (definedNames). */
  readonly definedNames: readonly string[];
  /** The workbook's relationships part: as stored when there is one, else where it belongs. */
  readonly relsPart: string;
  /** Its XML, or undefined when the package has none. */
  readonly relsXml: string | undefined;
  /** By id. */
  readonly relationships: ReadonlyMap<string, Relationship>;
  /** The (first) styles relationship, if any. */
  readonly styles: Relationship | undefined;
  /** The (first) shared-strings relationship, if any. */
  readonly sharedStrings: Relationship | undefined;
}

/**
 * Finds and reads a package's workbook part: the target of its officeDocument relationship in
 * `_rels/.rels` (ECMA-376 Part 2, 9.3; Part 1, 8.6), else xl/workbook.xml; its sheets in tab
 * order with the parts its relationships give them (relative or absolute targets, part names
 * matched ignoring case, any namespace prefixes); its date system and defined names. Nothing but
 * the package relationships, the workbook and its relationships is unpacked.
 *
 * @throws {PackageFault} `not-xlsx` when the package is something else (an .xlsb, a Word document,
 *   a presentation, a plain zip), `unreadable` when it has no workbook part
 *
 * @example
 * const workbook = await readWorkbookPart(openZipPackage(bytes, nodeZipCodec()));
 * workbook.sheets.map((sheet) => [sheet.name, sheet.part]) //=> [["Current", "xl/worksheets/sheet1.xml"], …]
 */
export async function readWorkbookPart(zip: ZipPackage): Promise<WorkbookPart> {
  const part = await findWorkbook(zip);
  const xml = await zip.readText(part);
  const storedRels = zip.find(relsPartOf(part));
  const relsXml = storedRels === null ? undefined : await zip.readText(storedRels);
  const relationships = readRelationships(zip, relsXml ?? "", part);
  const first = (kind: "styles" | "sharedStrings"): Relationship | undefined =>
    [...relationships.values()].find((r) => !r.external && isRelationshipType(r.type, kind));

  let date1904 = false;
  for (const tag of findStartTags(xml, "workbookPr")) {
    const value = tag.attributes.get("date1904");
    date1904 = value === "1" || value === "true";
  }
  const sheets = findStartTags(xml, "sheet").map((tag): WorkbookSheet => {
    // r:id, whatever prefix the relationships namespace is given.
    const relationshipId = [...tag.attributes].find(([name]) => name.endsWith(":id"))?.[1] ?? "";
    const relationship = relationships.get(relationshipId);
    return {
      name: tag.attributes.get("name") ?? "",
      sheetId: Number(tag.attributes.get("sheetId") ?? "0"),
      relationshipId,
      relationship,
      part: relationship?.part ?? undefined,
    };
  });
  return {
    part,
    xml,
    date1904,
    sheets,
    definedNames: findStartTags(xml, "definedName").map((tag) => tag.attributes.get("name") ?? ""),
    relsPart: storedRels ?? relsPartOf(part),
    relsXml,
    relationships,
    styles: first("styles"),
    sharedStrings: first("sharedStrings"),
  };
}

async function findWorkbook(zip: ZipPackage): Promise<string> {
  const rootRels = zip.find("_rels/.rels");
  let path = "xl/workbook.xml";
  if (rootRels !== null) {
    const office = [...readRelationships(zip, await zip.readText(rootRels), "").values()].find(
      (r) => !r.external && isRelationshipType(r.type, "officeDocument"),
    );
    if (office !== undefined) path = office.path;
  }
  const found = zip.find(path);
  if (found !== null && !found.toLowerCase().endsWith(".bin")) return found;
  const has = (name: string): boolean => zip.find(name) !== null;
  const kind = has("xl/workbook.bin")
    ? "it is an Excel binary workbook (.xlsb)"
    : has("word/document.xml")
      ? "it is a Word document"
      : has("ppt/presentation.xml")
        ? "it is a PowerPoint presentation"
        : has("[Content_Types].xml")
          ? null
          : "it is a zip archive, not a workbook";
  if (kind !== null) throw new PackageFault("not-xlsx", kind);
  throw new PackageFault("unreadable", `it has no workbook part (${path})`);
}

function readRelationships(zip: ZipPackage, xml: string, source: string): Map<string, Relationship> {
  const relationships = new Map<string, Relationship>();
  for (const tag of findStartTags(xml, "Relationship")) {
    const id = tag.attributes.get("Id");
    const target = tag.attributes.get("Target");
    if (id === undefined || target === undefined) continue;
    const external = tag.attributes.get("TargetMode") === "External";
    const path = resolvePartName(source, target);
    relationships.set(id, {
      id,
      type: tag.attributes.get("Type") ?? "",
      path,
      part: external ? null : zip.find(path),
      external,
    });
  }
  return relationships;
}

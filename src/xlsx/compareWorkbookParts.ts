import JSZip from "jszip";

// Parts of an .xlsx package that ExcelJS does not carry when it rewrites a workbook, by what a user
// would call them. Checked by comparing the packages before and after.
const KINDS: readonly (readonly [RegExp, string])[] = [
  [/^xl\/charts\//, "charts"],
  [/^xl\/chartsheets\//, "chart sheets"],
  [/^xl\/pivotTables\//, "pivot tables"],
  [/^xl\/pivotCache\//, "pivot caches"],
  [/^xl\/slicers\//, "slicers"],
  [/^xl\/timelines\//, "timelines"],
  [/^xl\/vbaProject\.bin$/, "macros"],
  [/^xl\/externalLinks\//, "links to other workbooks"],
  [/^xl\/threadedComments\//, "threaded comments"],
  [/^xl\/comments\d*\.xml$/, "notes"],
  [/^xl\/drawings\//, "drawings and shapes"],
  [/^xl\/media\//, "pictures"],
  [/^xl\/tables\//, "Excel tables"],
  [/^xl\/connections\.xml$/, "data connections"],
  [/^customXml\//, "custom XML"],
];

/**
 * What a rewritten copy of a workbook lost: the kinds of package part present in the original
 * that are fewer, or missing, in the copy (charts, pivot tables, macros …), so that the user is
 * told rather than finding out later.
 *
 * @example
 * await compareWorkbookParts(originalBytes, copyBytes) //=> ["charts"]
 */
export async function compareWorkbookParts(original: Uint8Array, copy: Uint8Array): Promise<string[]> {
  const count = async (bytes: Uint8Array): Promise<Map<string, number>> => {
    const zip = await JSZip.loadAsync(bytes);
    const counts = new Map<string, number>();
    for (const path of Object.keys(zip.files)) {
      const kind = KINDS.find(([pattern]) => pattern.test(path))?.[1];
      if (kind !== undefined && !path.endsWith("/") && !path.includes("/_rels/")) {
        counts.set(kind, (counts.get(kind) ?? 0) + 1);
      }
    }
    return counts;
  };
  const before = await count(original);
  const after = await count(copy);
  return [...before].filter(([kind, n]) => (after.get(kind) ?? 0) < n).map(([kind]) => kind);
}

import JSZip from "jszip";

/** The key under which the Excel host keeps the pane's settings in Office's document settings. */
export const OFFICE_SETTINGS_KEY = "estab.settings";

/**
 * The pane's settings as the Excel add-in saved them (`Office.context.document.settings`, stored in
 * the package's `xl/webextensions/` part), so a workbook set up in Excel opens in the standalone
 * page with the same settings. Returns the stored text, or null when there is none. Only read:
 * ExcelJS does not carry that part into the file it writes, so the page keeps its own copy in the
 * settings sheet.
 *
 * @example
 * await readOfficeSettings(bytes) //=> '{"sheets":{"current":"Current",…},"budget":16653800,…}'
 */
export async function readOfficeSettings(bytes: Uint8Array): Promise<string | null> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    return null;
  }
  const parts = Object.keys(zip.files).filter((path) => /^xl\/webextensions\/webextension\d*\.xml$/i.test(path));
  for (const path of parts) {
    const xml = await zip.file(path)?.async("string");
    const value = xml === undefined ? null : propertyValue(xml, OFFICE_SETTINGS_KEY);
    if (value === null) continue;
    // Office stores each setting as JSON; the Excel host's setting is itself a JSON text.
    try {
      const parsed: unknown = JSON.parse(value);
      return typeof parsed === "string" ? parsed : JSON.stringify(parsed);
    } catch {
      return value;
    }
  }
  return null;
}

/**
 * The value of `<we:property name="…" value="…"/>` in a web extension part, entities decoded.
 *
 * @example
 * propertyValue('<we:property name="a" value="&quot;x&quot;"/>', "a") //=> '"x"'
 */
export function propertyValue(xml: string, name: string): string | null {
  for (const match of xml.matchAll(/<(?:[\w.-]+:)?property\b([^>]*)>/g)) {
    const attributes = new Map<string, string>();
    for (const attribute of (match[1] ?? "").matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      attributes.set(attribute[1] ?? "", decodeEntities(attribute[2] ?? attribute[3] ?? ""));
    }
    if (attributes.get("name") === name) return attributes.get("value") ?? null;
  }
  return null;
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|quot|amp|lt|gt|apos);/gi, (entity, body: string) => {
    const named: Record<string, string> = { quot: '"', amp: "&", lt: "<", gt: ">", apos: "'" };
    if (!body.startsWith("#")) return named[body.toLowerCase()] ?? entity;
    const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : Number(body.slice(1));
    // A code point outside Unicode is left as written rather than thrown on.
    return code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}

// Pure: no Node, no DOM. The text of SpreadsheetML elements and attributes, both ways: the one
// place the package reader decodes it and the writer escapes it.
//
// Text in SpreadsheetML is ST_Xstring (ECMA-376 Part 1, 22.9.2.19): a character XML 1.0 cannot
// hold (C0 controls but tab, LF and CR; U+FFFE, U+FFFF; an unpaired surrogate) is written as
// _xHHHH_, and an underscore that would begin such an escape is itself escaped as _x005F_, as
// Excel writes them (and XlsxWriter, xmlwriter.py _escape_control_characters).

const ENTITY = /&(?:#x([0-9A-Fa-f]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos));/g;
const NAMED: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const EXCEL_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;
// eslint-disable-next-line no-control-regex -- control characters are what ST_Xstring escapes
const NEEDS_TEXT_ESCAPE = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;
const NEEDS_ATTRIBUTE_ESCAPE =
  // eslint-disable-next-line no-control-regex -- control characters are what ST_Xstring escapes
  /[&<>"\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;
const ESCAPE_PATTERN = /_x[0-9A-Fa-f]{4}_/y;

/**
 * Decodes the text of an SpreadsheetML element or attribute as Excel reads it: XML line endings
 * (a literal CR or CRLF is a line feed, XML 1.0 §2.11), the five predefined entities and
 * character references, then Excel's `_xHHHH_` escapes. Anything else (an unknown entity, a
 * character reference outside Unicode) is kept as written.
 *
 * @example
 * decodeXmlText("Fish &amp; chips_x000D_&#10;") //=> "Fish & chips\r\n"
 */
export function decodeXmlText(raw: string): string {
  let text = raw;
  if (text.includes("\r")) text = text.replace(/\r\n?/g, "\n");
  if (text.includes("&")) text = text.replace(ENTITY, decodeEntity);
  if (text.includes("_x")) {
    text = text.replace(EXCEL_ESCAPE, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
  return text;
}

function decodeEntity(match: string, hex: string | undefined, decimal: string | undefined, name: string | undefined) {
  if (name !== undefined) return NAMED[name] ?? match;
  const code = hex !== undefined ? parseInt(hex, 16) : Number(decimal);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
}

function hex4(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, "0");
}

function escape(text: string, attribute: boolean): string {
  let out = "";
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 0x5f) {
      ESCAPE_PATTERN.lastIndex = i;
      out += ESCAPE_PATTERN.test(text) ? "_x005F_" : "_";
    } else if (code === 0x26) out += "&amp;";
    else if (code === 0x3c) out += "&lt;";
    else if (code === 0x3e) out += "&gt;";
    else if (code === 0x22 && attribute) out += "&quot;";
    // A character reference keeps CR (and in attributes tab and LF) through the parser's
    // line-end and attribute-value normalisation (XML 1.0 2.11, 3.3.3).
    else if (code === 0x0d) out += "&#13;";
    else if (code === 0x09 && attribute) out += "&#9;";
    else if (code === 0x0a && attribute) out += "&#10;";
    else if (code < 0x20 && code !== 0x09 && code !== 0x0a) out += `_x${hex4(code)}_`;
    else if (code === 0xfffe || code === 0xffff) out += `_x${hex4(code)}_`;
    else if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += text.slice(i, i + 2);
        i += 1;
      } else out += `_x${hex4(code)}_`;
    } else if (code >= 0xdc00 && code <= 0xdfff) out += `_x${hex4(code)}_`;
    else out += text[i] ?? "";
  }
  return out;
}

/**
 * Escapes text for an element's content in SpreadsheetML: `&`, `<` and `>`, CR as a character
 * reference, and what XML cannot hold as `_xHHHH_` (ST_Xstring).
 *
 * @example
 * escapeXmlText("A & B\u0001") //=> "A &amp; B_x0001_"
 */
export function escapeXmlText(text: string): string {
  return NEEDS_TEXT_ESCAPE.test(text) ? escape(text, false) : text;
}

/**
 * Escapes text for a double-quoted attribute value in SpreadsheetML, as {@link escapeXmlText}
 * and also `"`, tab and LF (which attribute-value normalisation would turn into spaces).
 *
 * @example
 * escapeXmlAttribute('Say "hi"') //=> "Say &quot;hi&quot;"
 */
export function escapeXmlAttribute(value: string): string {
  return NEEDS_ATTRIBUTE_ESCAPE.test(value) ? escape(value, true) : value;
}

import { describe, expect, it } from "vitest";
import { findEndTag, findStartTag, findStartTags, prefixFor, withAttribute } from "../../src/xlsx/xmlTags";

// The writer's tag finding and editing, built on XmlTag, the tag scanner the sheet reader uses:
// what one skips (comments, CDATA, ">" in attribute values) the other skips too.

describe("findStartTags and findEndTag", () => {
  const xml =
    '<?xml version="1.0"?><x:workbook xmlns:x="urn:main" xmlns:r="urn:r">' +
    '<!-- <x:sheet name="in a comment"/> --><x:sheets>' +
    '<x:sheet name="R&amp;D &lt;new&gt;" sheetId="1" r:id="rId1"/>' +
    '<x:sheet name=\'a>b\' sheetId="2" r:id="rId2"></x:sheet>' +
    '<![CDATA[<x:sheet name="in CDATA"/>]]>' +
    "</x:sheets><x:sheetsExtra/></x:workbook>";

  it("finds start and empty-element tags by local name, any prefix, not in comments or CDATA", () => {
    const sheets = findStartTags(xml, "sheet");
    expect(sheets.map((tag) => tag.attributes.get("name"))).toEqual(["R&D <new>", "a>b"]);
    expect(sheets.map((tag) => [tag.prefix, tag.name, tag.selfClosing])).toEqual([
      ["x", "sheet", true],
      ["x", "sheet", false],
    ]);
    const first = sheets[0]!;
    expect(xml.slice(first.start, first.end)).toBe(first.source);
    expect(first.attributes.get("r:id")).toBe("rId1");
    expect(findStartTag(xml, "sheetsExtra")?.selfClosing).toBe(true);
    expect(findStartTag(xml, "nothing")).toBeUndefined();
    // Between two positions only.
    expect(findStartTags(xml, "sheet", first.end).map((tag) => tag.attributes.get("sheetId"))).toEqual(["2"]);
    expect(findStartTags(xml, "sheet", 0, first.start)).toEqual([]);
  });

  it("decodes attribute values as the reader does: entities, character references, _xHHHH_", () => {
    const tag = findStartTag('<numFmt formatCode="&quot;£&quot;#,##0_x0020_&#10;"/>', "numFmt");
    expect(tag?.attributes.get("formatCode")).toBe('"£"#,##0 \n');
  });

  it("finds the end tag that closes a start tag, counting nested elements of the same name", () => {
    const nested = "<a><a/><a><b/></a></a><a/>";
    const outer = findStartTag(nested, "a")!;
    expect(findEndTag(nested, outer)).toBe(18);
    const empty = findStartTags(nested, "a")[3]!;
    expect(findEndTag(nested, empty)).toBe(empty.end);
    expect(findEndTag(xml, findStartTag(xml, "sheets")!)).toBe(xml.indexOf("</x:sheets>"));
    expect(() => findEndTag("<a><b>", findStartTag("<a><b>", "a")!)).toThrow(/<a> is not closed/);
  });
});

describe("withAttribute and prefixFor", () => {
  it("set an attribute (escaped) where it is or at the end", () => {
    expect(withAttribute('<workbookView activeTab="0"/>', "activeTab", "3")).toBe('<workbookView activeTab="3"/>');
    expect(withAttribute("<workbookView x='1' activeTab='0'>", "activeTab", "3")).toBe(
      "<workbookView x='1' activeTab=\"3\">",
    );
    expect(withAttribute("<workbookView />", "activeTab", "1")).toBe('<workbookView activeTab="1"/>');
    expect(withAttribute("<t>", "name", 'a"b<c&\n')).toBe('<t name="a&quot;b&lt;c&amp;&#10;">');
    // Only the attribute of that qualified name.
    expect(withAttribute('<c r:count="1" count="2">', "count", "5")).toBe('<c r:count="1" count="5">');
  });

  it("find the prefix a tag binds to a namespace", () => {
    const root = findStartTag('<workbook xmlns="urn:main" xmlns:rel="urn:r">', "workbook")!;
    expect(prefixFor(root, "urn:r")).toBe("rel");
    expect(prefixFor(root, "urn:main")).toBe("");
    expect(prefixFor(root, "urn:other")).toBeUndefined();
  });
});

import type { OutputChart } from "../output/outputSheets";
import { columnLetters, parseRange } from "./cellAddress";
import { relationshipType, RELATIONSHIPS_NAMESPACE } from "./relationshipType";
import { escapeXmlAttribute, escapeXmlText } from "./xmlText";

/** The parts that draw a sheet's charts: one drawing part holding every chart, and the charts. */
export interface ChartParts {
  /** The drawing part (xl/drawings/drawingN.xml), one anchor per chart. */
  readonly drawing: string;
  /** The drawing's rels part, relating each anchor to its chart part. */
  readonly drawingRels: string;
  /** The chart parts, in the order of the charts. */
  readonly charts: readonly string[];
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const CHART_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/main";
// A chart covers 8 columns by 18 rows from its top-left cell (Excel's default chart is about
// 8 × 15 default cells).
const WIDTH_COLUMNS = 8;
const HEIGHT_ROWS = 18;

function reference(sheet: string, column: number, top: number, bottom = top): string {
  const letters = columnLetters(column);
  const cells =
    top === bottom ? `$${letters}$${String(top)}` : `$${letters}$${String(top)}:$${letters}$${String(bottom)}`;
  return `'${sheet.replace(/'/g, "''")}'!${cells}`;
}

/**
 * A clustered column chart (ECMA-376 Part 1, 21.2.2.16 barChart) over a block of a sheet whose
 * first column holds the categories and first row the series names, as XlsxWriter lays one out
 * (chart.py): title, plot area with the bar chart, category and value axes, legend. The series
 * refer to the cells, so the chart follows the figures; no cached values are written, as
 * Excel reads them from the cells.
 */
function chartXml(sheet: string, chart: OutputChart): string {
  const block = parseRange(chart.data);
  const series: string[] = [];
  for (let column = block.left + 1; column <= block.right; column += 1) {
    const index = String(column - block.left - 1);
    series.push(
      `<c:ser><c:idx val="${index}"/><c:order val="${index}"/>` +
        `<c:tx><c:strRef><c:f>${escapeXmlText(reference(sheet, column, block.top))}</c:f></c:strRef></c:tx>` +
        '<c:invertIfNegative val="0"/>' +
        `<c:cat><c:strRef><c:f>${escapeXmlText(reference(sheet, block.left, block.top + 1, block.bottom))}</c:f></c:strRef></c:cat>` +
        `<c:val><c:numRef><c:f>${escapeXmlText(reference(sheet, column, block.top + 1, block.bottom))}</c:f></c:numRef></c:val>` +
        "</c:ser>",
    );
  }
  const categoryAxis = "50010001";
  const valueAxis = "50010002";
  return (
    XML_DECLARATION +
    `<c:chartSpace xmlns:c="${CHART_NS}" xmlns:a="${DRAWING_NS}" xmlns:r="${RELATIONSHIPS_NAMESPACE}">` +
    '<c:lang val="en-GB"/><c:chart>' +
    "<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr/></a:pPr>" +
    `<a:r><a:t>${escapeXmlText(chart.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    '<c:autoTitleDeleted val="0"/>' +
    "<c:plotArea><c:layout/>" +
    '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>' +
    series.join("") +
    `<c:gapWidth val="150"/><c:axId val="${categoryAxis}"/><c:axId val="${valueAxis}"/></c:barChart>` +
    `<c:catAx><c:axId val="${categoryAxis}"/><c:scaling><c:orientation val="minMax"/></c:scaling>` +
    '<c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/>' +
    `<c:tickLblPos val="nextTo"/><c:crossAx val="${valueAxis}"/><c:crosses val="autoZero"/>` +
    '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>' +
    `<c:valAx><c:axId val="${valueAxis}"/><c:scaling><c:orientation val="minMax"/></c:scaling>` +
    '<c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="General" sourceLinked="1"/>' +
    `<c:tickLblPos val="nextTo"/><c:crossAx val="${categoryAxis}"/><c:crosses val="autoZero"/>` +
    '<c:crossBetween val="between"/></c:valAx>' +
    "</c:plotArea>" +
    '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>' +
    '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>' +
    "</c:chart></c:chartSpace>"
  );
}

/**
 * The drawing and chart parts for a sheet's native charts (DrawingML): each chart anchored from
 * its top-left cell over 8 columns and 18 rows (a two-cell anchor, ECMA-376 Part 1, 20.5.2.33, as
 * XlsxWriter's drawing.py writes one), drawn from the cells it names.
 *
 * @param sheet the sheet's name, for the series' references
 * @param charts the sheet's charts
 * @param chartTargets each chart part's name relative to the drawing part ("../charts/chart1.xml")
 * @example
 * chartPartsXml("Reduction table", [{ title: "FTE by grade", data: "M1:O9", at: "Q2" }], ["../charts/chart1.xml"]).charts.length //=> 1
 */
export function chartPartsXml(
  sheet: string,
  charts: readonly OutputChart[],
  chartTargets: readonly string[],
): ChartParts {
  const anchors = charts.map((chart, i) => {
    const at = parseRange(chart.at);
    const id = String(i + 2);
    return (
      '<xdr:twoCellAnchor editAs="oneCell">' +
      `<xdr:from><xdr:col>${String(at.left - 1)}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${String(at.top - 1)}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
      `<xdr:to><xdr:col>${String(at.left - 1 + WIDTH_COLUMNS)}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${String(at.top - 1 + HEIGHT_ROWS)}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
      '<xdr:graphicFrame macro="">' +
      `<xdr:nvGraphicFramePr><xdr:cNvPr id="${id}" name="${escapeXmlAttribute(`Chart ${String(i + 1)}`)}" descr="${escapeXmlAttribute(chart.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
      `<a:graphic><a:graphicData uri="${CHART_NS}"><c:chart xmlns:c="${CHART_NS}" xmlns:r="${RELATIONSHIPS_NAMESPACE}" r:id="rId${String(i + 1)}"/></a:graphicData></a:graphic>` +
      "</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>"
    );
  });
  const rels = chartTargets
    .map(
      (target, i) =>
        `<Relationship Id="rId${String(i + 1)}" Type="${relationshipType("chart")}" Target="${escapeXmlAttribute(target)}"/>`,
    )
    .join("");
  return {
    drawing:
      XML_DECLARATION +
      `<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="${DRAWING_NS}">` +
      anchors.join("") +
      "</xdr:wsDr>",
    drawingRels:
      XML_DECLARATION +
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`,
    charts: charts.map((chart) => chartXml(sheet, chart)),
  };
}

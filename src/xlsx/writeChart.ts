/**
 * DrawingML charts: one drawing part per sheet anchoring its charts, one chart part per chart.
 * Bar charts as the add-in draws them: categories top to bottom in row order, no legend; each
 * bar may take its own colour (e.g. by grade). Values are cached so readers that do not
 * recalculate still draw them.
 */
import { columnLetters } from '../core/grid';
import type { SheetChart } from './writeSheet';
import { esc, XML_HEAD } from './writeZip';

const NS_C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const EMU_PER_PT = 12700;
const BAR = '4472C4';

/** Chart size in points: the add-in's 480 wide, height by the number of bars. */
export function chartSize(c: SheetChart): { width: number; height: number } {
  if (c.spec.size) return c.spec.size;
  const n = c.categories.length;
  return c.spec.type === 'bar' ? { width: 480, height: Math.min(1600, Math.max(240, 40 + n * 16)) } : { width: 360, height: 220 };
}

/** The drawing part: one one-cell anchor per chart; chart i is relationship rId(i+1). */
export function drawingXml(charts: SheetChart[]): string {
  const anchors = charts.map((c, i) => {
    const { width, height } = chartSize(c);
    return (
      `<xdr:oneCellAnchor><xdr:from><xdr:col>${c.spec.anchor.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${c.spec.anchor.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
      `<xdr:ext cx="${Math.round(width * EMU_PER_PT)}" cy="${Math.round(height * EMU_PER_PT)}"/>` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${esc(`图表 ${i + 1}`)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
      `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" r:id="rId${i + 1}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:oneCellAnchor>`
    );
  });
  return `${XML_HEAD}<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">${anchors.join('')}</xdr:wsDr>`;
}

function fill(rgb: string): string {
  return `<c:spPr><a:solidFill><a:srgbClr val="${rgb}"/></a:solidFill></c:spPr>`;
}

function text(s: string, size: number, bold: boolean): string {
  return `<a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"/></a:pPr><a:r><a:rPr lang="zh-CN" sz="${size}" b="${bold ? 1 : 0}"><a:ea typeface="+mn-ea"/></a:rPr><a:t>${esc(s)}</a:t></a:r></a:p>`;
}

function txPr(size: number): string {
  return `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}"/></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>`;
}

/** The chart part; `sheetRef` is the quoted sheet name (`'考核排名'`). */
export function chartXml(c: SheetChart, sheetRef: string): string {
  const cat = columnLetters(c.spec.categoryCol);
  const val = columnLetters(c.spec.valueCol);
  const catRef = `${sheetRef}!$${cat}$${c.first}:$${cat}$${c.last}`;
  const valRef = `${sheetRef}!$${val}$${c.first}:$${val}$${c.last}`;
  const n = c.categories.length;
  const points = c.colors
    .map((rgb, i) => (rgb ? `<c:dPt><c:idx val="${i}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/>${fill(rgb)}</c:dPt>` : ''))
    .join('');
  const strPts = c.categories.map((s, i) => `<c:pt idx="${i}"><c:v>${esc(s)}</c:v></c:pt>`).join('');
  const numPts = c.values.map((v, i) => (v === null ? '' : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`)).join('');
  const bar = c.spec.type === 'bar';
  const showLabels = n <= 40;
  // Counts are labelled as counts (21, not 21.00); scores with their two decimals.
  const whole = c.values.every((v) => v === null || Number.isInteger(v));
  const labels = showLabels
    ? `<c:dLbls><c:numFmt formatCode="${whole ? '0' : '0.00'}" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>${txPr(800)}<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>`
    : '';
  const series =
    `<c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:v>${esc(c.spec.title)}</c:v></c:tx>${fill(BAR)}<c:invertIfNegative val="0"/>${points}${labels}` +
    `<c:cat><c:strRef><c:f>${esc(catRef)}</c:f><c:strCache><c:ptCount val="${n}"/>${strPts}</c:strCache></c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${esc(valRef)}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${n}"/>${numPts}</c:numCache></c:numRef></c:val></c:ser>`;
  // Horizontal bars list the first row at the top (categories reversed, values axis at the bottom).
  const catAx =
    `<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="${bar ? 'maxMin' : 'minMax'}"/></c:scaling><c:delete val="0"/><c:axPos val="${bar ? 'l' : 'b'}"/>` +
    `<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${txPr(n > 60 ? 600 : 900)}` +
    `<c:crossAx val="1002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/>${bar ? '<c:tickLblSkip val="1"/>' : ''}<c:noMultiLvlLbl val="0"/></c:catAx>`;
  const valAx =
    `<c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="${bar ? 't' : 'l'}"/><c:majorGridlines/>` +
    `<c:numFmt formatCode="0" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${txPr(900)}<c:crossAx val="1001"/><c:crosses val="${bar ? 'max' : 'autoZero'}"/><c:crossBetween val="between"/></c:valAx>`;
  return (
    `${XML_HEAD}<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}"><c:roundedCorners val="0"/><c:chart>` +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/>${text(c.spec.title, 1200, true)}</c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/><c:barChart><c:barDir val="${bar ? 'bar' : 'col'}"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}<c:gapWidth val="${bar ? 40 : 80}"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>${catAx}${valAx}</c:plotArea>` +
    '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>' +
    '<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:chartSpace>'
  );
}

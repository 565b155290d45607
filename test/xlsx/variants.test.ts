/**
 * The same filing forms as more producers write them: each variant is a real package in that
 * producer's shape. A variant either reads (and checks) exactly as the plain .xlsx of the same
 * content ('same'), or comes back with what the case names at its cell or as its refusal.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { checkFile, type Submission } from '../../src/core/check';
import { toHalfWidth } from '../../src/core/normalize/text';
import { readSubmission, type ReadResult } from '../../src/xlsx/read';
import { noise, ole } from '../hostile/builders';
import { dump } from './formatFiles';
import { rawZip } from './helpers';
import { checked, expectSameAsPlain, ok, plainParts, zip, type Parts } from './plainPackage';

/** The plain package with one cell of a sheet replaced (the cell must be there as written). */
async function withCell(sheet: number, at: RegExp, xml: string, extra: Parts = {}): Promise<Parts> {
  const p = await plainParts();
  const name = `xl/worksheets/sheet${sheet}.xml`;
  expect(p[name]).toMatch(at);
  p[name] = p[name]!.replace(at, xml);
  return { ...p, ...extra };
}

const findingsAt = async (p: Parts, where: string) => checked('机电学院.xlsx', ok(await readSubmission('机电学院.xlsx', zip(p)))).findings.filter((f) => f.includes(where));

const ACCOUNT_ID = /<c r="D4" t="s"><v>\d+<\/v><\/c>/;

/** Excel 365's parts of one rich value of the structure type given (a picture: `_localImage`). */
function richParts(type: string): Parts {
  const RD = 'http://schemas.microsoft.com/office/spreadsheetml/2017/richdata';
  return {
    'xl/metadata.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:xlrd="${RD}"><metadataTypes count="1"><metadataType name="XLRICHVALUE" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1"/></metadataTypes><futureMetadata name="XLRICHVALUE" count="1"><bk><extLst><ext uri="{3e2802c4-a4d2-4d8b-9148-e3be6c30e623}"><xlrd:rvb i="0"/></ext></extLst></bk></futureMetadata><valueMetadata count="1"><bk><rc t="1" v="0"/></bk></valueMetadata></metadata>`,
    'xl/richData/rdrichvalue.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><rvData xmlns="${RD}" count="1"><rv s="0"><v>0</v><v>5</v></rv></rvData>`,
    'xl/richData/rdrichvaluestructure.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><rvStructures xmlns="${RD}" count="1"><s t="${type}"><k n="_rvRel:LocalImageIdentifier" t="i"/><k n="CalcOrigin" t="i"/></s></rvStructures>`,
    'xl/richData/richValueRel.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><richValueRels xmlns="http://schemas.microsoft.com/office/spreadsheetml/2022/richvaluerel" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><rel r:id="rId1"/></richValueRels>`,
    'xl/richData/_rels/richValueRel.xml.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="../media/image1.png"/></Relationships>`,
  };
}

describe('Excel 365 pictures placed in a cell (rich values)', () => {
  it.each([
    ['Place in Cell', '<c r="D4" t="e" vm="1"><v>#VALUE!</v></c>'],
    ['IMAGE()', '<c r="D4" t="e" vm="1"><f>_xlfn.IMAGE("https://example.org/a.png")</f><v>#VALUE!</v></c>'],
  ])('%s: a picture said at the cell, not an error value, not an empty required cell', async (_what, xml) => {
    const p = await withCell(2, ACCOUNT_ID, xml, richParts('_localImage'));
    expect(await findingsAt(p, '!D4 ')).toEqual([expect.stringMatching(/^cell-unreadable 附件2!D4 单元格中是嵌入单元格的图片（Excel“置于单元格中”或 IMAGE 函数）/)]);
  });

  it('in an optional column (备注) a picture is a warning, not an error: nothing the form needs is lost', async () => {
    const p = await withCell(2, /(<row r="4"[^>]*>.*?)<\/row>/, '$1<c r="J4" t="e" vm="1"><v>#VALUE!</v></c></row>', richParts('_localImage'));
    const got = await findingsAt(p, '!J4 ');
    expect(got).toEqual([expect.stringMatching(/^cell-image 附件2!J4 单元格中是嵌入单元格的图片/)]);
    const sub: Submission = { file: '机电学院.xlsx', sha256: 'x', size: 1, modified: null, read: ok(await readSubmission('机电学院.xlsx', zip(p))) };
    const severity = checkFile(sub, 0, { asOf: '2024-11-20' }).findings.find((f) => f.rule === 'cell-image')?.severity;
    expect(severity).toBe('warning');
  });

  it('the parts found through the workbook relationships, under other names', async () => {
    const rich = richParts('_localImage');
    const p = await withCell(2, ACCOUNT_ID, '<c r="D4" t="e" vm="1"><v>#VALUE!</v></c>', {
      'xl/md.xml': rich['xl/metadata.xml']!,
      'xl/rd/v.xml': rich['xl/richData/rdrichvalue.xml']!,
      'xl/rd/s.xml': rich['xl/richData/rdrichvaluestructure.xml']!,
    });
    p['xl/_rels/workbook.xml.rels'] = p['xl/_rels/workbook.xml.rels']!.replace(
      '</Relationships>',
      '<Relationship Id="rId90" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata" Target="md.xml"/><Relationship Id="rId91" Type="http://schemas.microsoft.com/office/2017/06/relationships/rdRichValue" Target="rd/v.xml"/><Relationship Id="rId92" Type="http://schemas.microsoft.com/office/2017/06/relationships/rdRichValueStructure" Target="rd/s.xml"/></Relationships>',
    );
    expect(await findingsAt(p, '!D4 ')).toEqual([expect.stringMatching(/^cell-unreadable 附件2!D4 单元格中是嵌入单元格的图片（Excel/)]);
  });

  it('a linked data type (stocks, geography) is a rich value too, said so', async () => {
    const p = await withCell(2, ACCOUNT_ID, '<c r="D4" t="e" vm="1"><v>#VALUE!</v></c>', richParts('_linkedEntity'));
    expect(await findingsAt(p, '!D4 ')).toEqual([expect.stringMatching(/^cell-unreadable 附件2!D4 单元格中是 Excel 的数据类型/)]);
  });

  it.each([
    ['no vm', '<c r="D4" t="e"><v>#VALUE!</v></c>', richParts('_localImage')],
    ['vm but no metadata part', '<c r="D4" t="e" vm="1"><v>#VALUE!</v></c>', {}],
    ['vm past the value blocks', '<c r="D4" t="e" vm="7"><v>#VALUE!</v></c>', richParts('_localImage')],
  ])('near miss: %s is the error value it says', async (_what, xml, extra) => {
    const p = await withCell(2, ACCOUNT_ID, xml, extra);
    expect(await findingsAt(p, '!D4 ')).toEqual([expect.stringMatching(/^cell-formula-error 附件2!D4 .*#VALUE!/)]);
  });
});

describe('worksheets the workbook relationships do not name', () => {
  it('without xl/_rels/workbook.xml.rels, the conventional parts by workbook order', async () => {
    const p = await plainParts();
    delete p['xl/_rels/workbook.xml.rels'];
    await expectSameAsPlain(zip(p));
  });

  it('relationships that lack two sheets: the rest found by their names, the two by convention', async () => {
    const p = await plainParts();
    p['xl/_rels/workbook.xml.rels'] = p['xl/_rels/workbook.xml.rels']!.replace(/<Relationship Id="rId[57]"[^>]*\/>/g, '');
    await expectSameAsPlain(zip(p));
  });

  it('near miss: a missing relationship whose conventional part another sheet took, or that does not exist, is still missing', async () => {
    const p = await plainParts();
    // 附件2 loses its relationship, and 附件1's now names sheet2.xml: sheet2 is taken, sheet5's r:id number names sheet5 (taken too).
    p['xl/_rels/workbook.xml.rels'] = p['xl/_rels/workbook.xml.rels']!.replace(/<Relationship Id="rId5"[^>]*\/>/, '').replace('worksheets/sheet1.xml', 'worksheets/sheet2.xml');
    delete p['xl/worksheets/sheet1.xml'];
    const r = ok(await readSubmission('x.xlsx', zip(p)));
    expect(r.workbook.notes?.map((n) => n.detail)).toEqual([expect.stringContaining('工作表“附件2”在文件中找不到对应的数据部件')]);
    expect(r.workbook.sheets.map((s) => s.name)).toEqual(['附件1', '附件3', '附件4', '附件5']);
  });
});

/** Every part through f (name, text). */
const mapParts = (p: Parts, f: (name: string, xml: string) => string): Parts => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, f(k, v)]));
const SHEET_PART = /^xl\/worksheets\/sheet\d+\.xml$/;
const sheets = (p: Parts, f: (xml: string) => string): Parts => mapParts(p, (k, v) => (SHEET_PART.test(k) ? f(v) : v));
/** The shared strings' plain texts, by index. */
const stringsOf = (p: Parts): string[] => p['xl/sharedStrings.xml']!.match(/<si>[\s\S]*?<\/si>/g)!.map((si) => /<t[^>]*>([\s\S]*?)<\/t>/.exec(si)![1]!);
const SST_CELL = /<c ([^>]*?)t="s"([^>]*)><v>(\d+)<\/v><\/c>/g;
const DATE_CELL = /(<c r="[A-Z]+\d+" s="1")><v>(\d+)<\/v>/g;
const isoOf = (serial: number) => new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 19);
const TRANSITIONAL = /http:\/\/schemas\.openxmlformats\.org\/(?:spreadsheetml\/2006\/main|officeDocument\/2006\/relationships)/g;
const strict = (p: Parts) => mapParts(p, (_k, v) => v.replace(TRANSITIONAL, (ns) => (ns.includes('spreadsheetml') ? 'http://purl.oclc.org/ooxml/spreadsheetml/main' : 'http://purl.oclc.org/ooxml/officeDocument/relationships')));
const utf16 = (s: string) => {
  const b = new Uint8Array(2 + s.length * 2);
  b.set([0xff, 0xfe]);
  for (let i = 0; i < s.length; i++) b.set([s.charCodeAt(i) & 0xff, s.charCodeAt(i) >> 8], 2 + 2 * i);
  return b;
};
/** Rows and cells lose `r` wherever it follows on from the one before (as streaming writers leave it out). */
const withoutFollowingRefs = (xml: string) => {
  let prevRow = 0;
  return xml.replace(/<row r="(\d+)"([^>]*)>([\s\S]*?)<\/row>/g, (_a, r: string, attrs: string, body: string) => {
    const n = Number(r);
    const keep = n !== prevRow + 1;
    prevRow = n;
    let prevCol = 0;
    const cells = body.replace(/<c r="([A-Z])\d+"/g, (_m, col: string) => {
      const c = col.charCodeAt(0) - 64;
      const out = c === prevCol + 1 ? '<c' : `<c r="${col}${n}"`;
      prevCol = c;
      return out;
    });
    return `<row${keep ? ` r="${r}"` : ''}${attrs}>${cells}</row>`;
  });
};
const X14 =
  '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>附件1!$A$1:$A$3</xm:f></x14:formula1><xm:sqref>F4:F100</xm:sqref></x14:dataValidation></x14:dataValidations></ext><ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:sparklineGroup><x14:sparklines><x14:sparkline><xm:f>附件1!E4:E5</xm:f><xm:sqref>K4</xm:sqref></x14:sparkline></x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext></extLst>';
const CLASSIC_EXTRAS =
  '<autoFilter ref="A3:G5"/><conditionalFormatting sqref="E4:E5"><cfRule type="cellIs" dxfId="0" priority="1" operator="lessThan"><formula>0</formula></cfRule></conditionalFormatting><dataValidations count="1"><dataValidation type="list" sqref="F4:F5"><formula1>"是,否"</formula1></dataValidation></dataValidations><hyperlinks><hyperlink ref="B4" r:id="rId99"/></hyperlinks>';

/** Producer shapes that must read, and be checked, exactly as the plain package. */
const SAME: [string, (p: Parts) => Parts | Uint8Array][] = [
  ['Strict Open XML (purl.oclc.org namespaces)', strict],
  ['Strict Open XML with dates as ISO t="d" cells', (p) => sheets(strict(p), (x) => x.replace(DATE_CELL, (_a, c: string, n: string) => `${c} t="d"><v>${isoOf(Number(n))}</v>`))],
  ['inline strings only (Apache POI SXSSF, other streaming writers)', (p) => sheets(p, (x) => x.replace(SST_CELL, (_a, a: string, b: string, i: string) => `<c ${a}t="inlineStr"${b}><is><t>${stringsOf(p)[Number(i)]}</t></is></c>`))],
  ['inline strings with xml:space="preserve" (xlsxwriter constant_memory)', (p) => sheets(p, (x) => x.replace(SST_CELL, (_a, a: string, b: string, i: string) => `<c ${a}t="inlineStr"${b}><is><t xml:space="preserve">${stringsOf(p)[Number(i)]}</t></is></c>`))],
  [
    'shared strings as rich runs with phonetic guides (rPh, phoneticPr)',
    (p) => ({
      ...p,
      'xl/sharedStrings.xml': p['xl/sharedStrings.xml']!.replace(/<si><t>([^<]+)<\/t><\/si>/g, (_a, t: string) => {
        const c = [...t];
        const h = Math.ceil(c.length / 2);
        return `<si><r><rPr><sz val="11"/><rFont val="宋体"/><charset val="134"/></rPr><t>${c.slice(0, h).join('')}</t></r><r><rPr><b/></rPr><t>${c.slice(h).join('')}</t></r><rPh sb="0" eb="1"><t>ヨミ</t></rPh><phoneticPr fontId="1" type="noConversion"/></si>`;
      }),
    }),
  ],
  ['shared strings with xml:space and counts that lie', (p) => ({ ...p, 'xl/sharedStrings.xml': p['xl/sharedStrings.xml']!.replace(/count="\d+" uniqueCount="\d+"/, 'count="3" uniqueCount="1"').replace(/<t>/g, '<t xml:space="preserve">') })],
  ['the 1904 date system', (p) => mapParts(p, (k, v) => (k === 'xl/workbook.xml' ? v.replace('<workbookPr ', '<workbookPr date1904="1" ') : SHEET_PART.test(k) ? v.replace(DATE_CELL, (_a, c: string, n: string) => `${c}><v>${Number(n) - 1462}</v>`) : v))],
  ['a <dimension> that lies', (p) => sheets(p, (x) => x.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:B2"/>'))],
  ['no dimension, no spans, no x14ac', (p) => sheets(p, (x) => x.replace(/<dimension[^>]*\/>/, '').replace(/ spans="[^"]*"/g, '').replace(/ x14ac:dyDescent="[^"]*"/g, ''))],
  ['rows and cells without r where they follow on', (p) => sheets(p, withoutFollowingRefs)],
  ['rows out of order', (p) => sheets(p, (x) => x.replace(/<sheetData>([\s\S]*)<\/sheetData>/, (_a, body: string) => `<sheetData>${body.match(/<row[\s\S]*?<\/row>/g)!.reverse().join('')}</sheetData>`))],
  ['cells out of order within their rows', (p) => sheets(p, (x) => x.replace(/(<row[^>]*>)([\s\S]*?)(<\/row>)/g, (_a, o: string, body: string, c: string) => `${o}${(body.match(/<c[\s\S]*?<\/c>/g) ?? []).reverse().join('')}${c}`))],
  ['every cell written twice with the same value', (p) => sheets(p, (x) => x.replace(/(<c r="[A-Z]+\d+"[^>]*>[\s\S]*?<\/c>)/g, '$1$1'))],
  ['x14 extension lists (validations, sparklines) after sheetData', (p) => sheets(p, (x) => x.replace('</worksheet>', `${X14}</worksheet>`))],
  ['filters, conditional formats, validations and hyperlinks', (p) => sheets(p, (x) => x.replace('<pageMargins', `${CLASSIC_EXTRAS}<pageMargins`))],
  ['mergeCells and page setup before sheetData', (p) => sheets(p, (x) => x.replace('<sheetData>', '<sheetViews><sheetView workbookViewId="0"><pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>'))],
  ['absolute relationship targets', (p) => ({ ...p, 'xl/_rels/workbook.xml.rels': p['xl/_rels/workbook.xml.rels']!.replace(/Target="/g, 'Target="/xl/'), '_rels/.rels': p['_rels/.rels']!.replace(/Target="xl\//g, 'Target="/xl/') })],
  ['worksheet part names in upper case', (p) => Object.fromEntries(Object.entries(p).map(([k, v]) => [SHEET_PART.test(k) ? k.toUpperCase() : k, v]))],
  ['relationship ids that are no rIdN', (p) => mapParts(p, (k, v) => (k === 'xl/workbook.xml' || k === 'xl/_rels/workbook.xml.rels' ? v.replace(/rId(\d)/g, (_a, n: string) => `R${(Number(n) * 7919).toString(16)}a`) : v))],
  ['the workbook and its relationships at other names', (p) => {
    const { 'xl/workbook.xml': book, 'xl/_rels/workbook.xml.rels': rels, ...rest } = p;
    return { ...rest, 'xl/book1.xml': book!, 'xl/_rels/book1.xml.rels': rels!, '_rels/.rels': p['_rels/.rels']!.replace('xl/workbook.xml', 'xl/book1.xml') };
  }],
  ['styles found through the relationships under another name', (p) => {
    const { 'xl/styles.xml': styles, ...rest } = p;
    return { ...rest, 'xl/theme/looks.xml': styles!, 'xl/_rels/workbook.xml.rels': p['xl/_rels/workbook.xml.rels']!.replace('Target="styles.xml"', 'Target="theme/looks.xml"') };
  }],
  ['shared strings missing from the relationships, at their usual name', (p) => ({ ...p, 'xl/_rels/workbook.xml.rels': p['xl/_rels/workbook.xml.rels']!.replace(/<Relationship Id="rId3"[^>]*\/>/, '') })],
  ['indented XML (pretty printers)', (p) => mapParts(p, (k, v) => (k.endsWith('.xml') && k !== 'xl/sharedStrings.xml' ? v.replace(/></g, '>\n  <') : v))],
  ['text cells as t="str" without a formula', (p) => sheets(p, (x) => x.replace(SST_CELL, (_a, a: string, b: string, i: string) => `<c ${a}t="str"${b}><v>${stringsOf(p)[Number(i)]}</v></c>`))],
  ['a byte-order mark before every part', (p) => mapParts(p, (_k, v) => `\ufeff${v}`)],
  ['CDATA in shared strings', (p) => ({ ...p, 'xl/sharedStrings.xml': p['xl/sharedStrings.xml']!.replace(/<t>([^<]*)<\/t>/g, '<t><![CDATA[$1]]></t>') })],
  ['character references for every non-ASCII character of the shared strings', (p) => ({ ...p, 'xl/sharedStrings.xml': p['xl/sharedStrings.xml']!.replace(/<t>([^<]*)<\/t>/g, (_a, t: string) => `<t>${[...t].map((ch) => (ch.charCodeAt(0) > 0x7f ? `&#x${ch.codePointAt(0)!.toString(16)};` : ch)).join('')}</t>`) })],
  ['comments and processing instructions before the root', (p) => mapParts(p, (k, v) => (k.endsWith('.xml') ? v.replace(/(<\?xml[^>]*\?>)/, '$1<!-- generated by a report server --><?mso-application progid="Excel.Sheet"?>') : v))],
  ['every SpreadsheetML element under an x: prefix', (p) => mapParts(p, (k, v) => (k.startsWith('xl/') && k.endsWith('.xml') && !k.includes('theme') ? v.replace(/<(\/?)(?!\?|!)([A-Za-z]+)(?=[\s>/])/g, '<$1x:$2').replace('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"', 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"') : v))],
  ['numbers written as 1.0 and 3.2E3', (p) => ({ ...p, 'xl/worksheets/sheet2.xml': p['xl/worksheets/sheet2.xml']!.replace('<c r="A4"><v>1</v></c>', '<c r="A4" t="n"><v>1.0</v></c>').replace('<v>3200</v>', '<v>3.2E3</v>') })],
  ['style indices beyond the styles part on text cells', (p) => sheets(p, (x) => x.replace(/<c r="([A-Z]+\d+)" t="s">/g, '<c r="$1" s="250" t="s">'))],
  ['a shared formula whose dependents carry no cached value', (p) => ({ ...p, 'xl/worksheets/sheet1.xml': p['xl/worksheets/sheet1.xml']!.replace('<c r="A4"><v>1</v></c>', '<c r="A4"><f t="shared" ref="A4:A5" si="0">ROW()-3</f><v>1</v></c>').replace('<c r="A5"><v>2</v></c>', '<c r="A5"><f t="shared" si="0"/></c>') })],
  ['formulas with cached values everywhere (array and plain)', (p) => ({ ...p, 'xl/worksheets/sheet4.xml': p['xl/worksheets/sheet4.xml']!.replace('<c r="A4"><v>1</v></c>', '<c r="A4"><f t="array" ref="A4">ROW()-3</f><v>1</v></c>').replace('<c r="A5"><v>2</v></c>', '<c r="A5"><f>A4+1</f><v>2</v></c>') })],
  ['Excel 365 rich-data and WPS cell-image parts no cell uses', (p) => ({ ...p, ...richParts('_localImage'), 'xl/cellimages.xml': '<?xml version="1.0" encoding="UTF-8"?><etc:cellImages xmlns:etc="http://www.wps.cn/officeDocument/2017/etCustomData"/>' })],
  ['no document properties, no theme', (p) => Object.fromEntries(Object.entries(p).filter(([k]) => !k.startsWith('docProps/') && !k.includes('theme')))],
  ['stored (uncompressed) entries in reverse order', (p) => zipSync(Object.fromEntries(Object.entries(p).reverse().map(([k, v]) => [k, [strToU8(v), { level: 0 }]])))],
  ['parts in UTF-16 with a byte-order mark', (p) => zipSync(Object.fromEntries(Object.entries(p).map(([k, v]) => [k, k.startsWith('xl/') ? utf16(v.replace('encoding="UTF-8"', 'encoding="UTF-16"')) : strToU8(v)])))],
];

describe('more producers: read and checked as the plain package', () => {
  it.each(SAME)('%s', async (_what, make) => {
    const plain = await plainParts();
    const made = make(await plainParts());
    // The shape is really there: some part differs from the plain package's.
    if (!(made instanceof Uint8Array)) expect(Object.keys({ ...plain, ...made }).some((k) => plain[k] !== made[k])).toBe(true);
    await expectSameAsPlain(made instanceof Uint8Array ? made : zip(made));
  });
});

/** The checker's view without places: rules by sheet, and the normalised rows. */
const rulesAndRows = (c: ReturnType<typeof checked>) => ({ rules: c.findings.map((f) => f.split(' ')[0]! + ' ' + f.split(' ')[1]!.split('!')[0]).sort(), rows: c.rows });
const signerOf = (name: string, r: ReadResult) => checkFile({ file: name, sha256: 'x', size: 1, modified: null, read: r }, 0, { asOf: '2024-11-20' }).signer;

describe('text as people paste it: the same findings and rows as the plain package', () => {
  const strings = (f: (sst: string) => string) => async () => {
    const p = await plainParts();
    return zip({ ...p, 'xl/sharedStrings.xml': f(p['xl/sharedStrings.xml']!) });
  };
  const fullWidth = (t: string) => t.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).replace(/-/g, '－');
  it.each([
    ['zero-width characters in names and phones (copied from web pages and chats)', strings((s) => s.replace(/李敏/g, '李\u200b敏').replace(/13800001111/g, '138\u200b0000\u200d1111').replace(/王建国/g, '\ufeff王建国\u2060'))],
    ['full-width digits in valid phones', strings((s) => s.replace(/1[3-9]\d{9}/g, fullWidth))],
    ['headers with line breaks and full-width spaces', strings((s) => s.replace(/<t>(网站名称|联系电话|最后更新日期|账号名称|群管理员姓名|粉丝人数)<\/t>/g, (_a, t: string) => `<t xml:space="preserve">${[...t].slice(0, 2).join('')}&#10;${[...t].slice(2).join('\u3000')}</t>`))],
    ['no-break and ideographic spaces around names', strings((s) => s.replace(/王建国/g, '王建国\u00a0\u00a0').replace(/李敏/g, '\u3000李敏'))],
  ])('%s', async (_what, make) => {
    const plain = ok(await readSubmission('机电学院.xlsx', zip(await plainParts())));
    const got = ok(await readSubmission('机电学院.xlsx', await make()));
    expect(dump(got.workbook)).not.toEqual(dump(plain.workbook));
    expect(checked('机电学院.xlsx', got)).toEqual(checked('机电学院.xlsx', plain));
    // The signer line keeps what was typed; its names and numbers compare once widths are folded.
    const signer = (r: ReadResult) => toHalfWidth(JSON.stringify(signerOf('机电学院.xlsx', r)));
    expect(signer(got)).toEqual(signer(plain));
  });

  it('dates typed as full-width text read as the date cells', async () => {
    const p = await plainParts();
    const items = stringsOf(p);
    const sst = p['xl/sharedStrings.xml']!.replace('</sst>', '<si><t>２０２４－１１－１８</t></si><si><t>２０２４年１０月１日</t></si></sst>');
    const s1 = p['xl/worksheets/sheet1.xml']!.replace('<c r="G4" s="1"><v>45614</v></c>', `<c r="G4" t="s"><v>${items.length}</v></c>`).replace(/<c r="G5" s="1"><v>\d+<\/v><\/c>/, `<c r="G5" t="s"><v>${items.length + 1}</v></c>`);
    const got = checked('机电学院.xlsx', ok(await readSubmission('机电学院.xlsx', zip({ ...p, 'xl/sharedStrings.xml': sst, 'xl/worksheets/sheet1.xml': s1 }))));
    expect(got).toEqual(checked('机电学院.xlsx', ok(await readSubmission('机电学院.xlsx', zip(p)))));
  });
});

describe('filled-in templates and sheets as units leave them', () => {
  it('example rows of the template left in (序号 示例) are no data', async () => {
    const p = await plainParts();
    const items = stringsOf(p);
    const sst = p['xl/sharedStrings.xml']!.replace('</sst>', '<si><t>示例</t></si><si><t>XX学院党建网</t></si></sst>');
    const example = `<row r="4"><c r="A4" t="s"><v>${items.length}</v></c><c r="B4" t="s"><v>${items.length + 1}</v></c><c r="C4" t="s"><v>4</v></c></row>`;
    const s1 = p['xl/worksheets/sheet1.xml']!.replace(/<row r="(\d+)"/g, (_a, r: string) => (Number(r) >= 4 ? `<row r="${Number(r) + 1}"` : `<row r="${r}"`)).replace(/<c r="([A-Z]+)(\d+)"/g, (_a, c: string, r: string) => `<c r="${c}${Number(r) >= 4 ? Number(r) + 1 : r}"`);
    const got = checked('机电学院.xlsx', ok(await readSubmission('机电学院.xlsx', zip({ ...p, 'xl/sharedStrings.xml': sst, 'xl/worksheets/sheet1.xml': s1.replace('<row r="5"', `${example}<row r="5"`) }))));
    expect(rulesAndRows(got)).toEqual(rulesAndRows(checked('机电学院.xlsx', ok(await readSubmission('机电学院.xlsx', zip(p))))));
  });

  it('a veryHidden sheet is read as a hidden one', async () => {
    const p = await plainParts();
    const hide = (state: string) => zip({ ...p, 'xl/workbook.xml': p['xl/workbook.xml']!.replace('name="附件5" state="visible"', `name="附件5" state="${state}"`) });
    const very = ok(await readSubmission('机电学院.xlsx', hide('veryHidden')));
    expect(very.workbook.sheets.find((s) => s.name === '附件5')?.hidden).toBe(true);
    expect(checked('机电学院.xlsx', very)).toEqual(checked('机电学院.xlsx', ok(await readSubmission('机电学院.xlsx', hide('hidden')))));
  });
});

describe('files under another format’s name read by what they are', () => {
  const FIX = join(__dirname, '../fixtures/formats');
  const fixture = (f: string) => new Uint8Array(readFileSync(join(FIX, f)));
  it.each([
    ['an .xls (BIFF) named .xlsx', '机电学院.xls', 'xlsx', true],
    ['an .xls named .ett (WPS template)', '机电学院.xls', 'ett', false],
    ['an .xlsx named .et', '机电学院.xlsx', 'et', true],
    ['an .ods named .xlsx', '机电学院.ods', 'xlsx', true],
    ['a web page saved as .xls named .xlsx', '机电学院-html.xls', 'xlsx', true],
    ['a .doc named .wps (WPS writer)', '机电学院.doc', 'wps', false],
    ['a .doc named .docx', '机电学院.doc', 'docx', true],
    ['a .docx named .wps', '机电学院.docx', 'wps', true],
  ])('%s', async (_what, file, ext, mismatch) => {
    const want = checked(file, ok(await readSubmission(file, fixture(file))));
    const got = checked(`机电学院.${ext}`, ok(await readSubmission(`机电学院.${ext}`, fixture(file))));
    expect(got.rows).toEqual(want.rows);
    expect(got.findings.filter((f) => !f.startsWith('file-extension-mismatch'))).toEqual(want.findings);
    expect(got.findings.filter((f) => f.startsWith('file-extension-mismatch')).length).toBe(mismatch ? 1 : 0);
  });

  it('a CSV named .xlsx is read as CSV, and says so', async () => {
    const r = ok(await readSubmission('机电学院.xlsx', strToU8('\ufeff序号,网站名称,网站负责人\r\n1,机电学院党建网,王建国\r\n')));
    expect(r.workbook.sheets[0]!.rows[1]).toEqual([{ t: 's', v: '1' }, { t: 's', v: '机电学院党建网' }, { t: 's', v: '王建国' }]);
    expect(r.mismatch?.actual).toContain('CSV');
  });
});

describe('password-protected OOXML (an OLE container with EncryptionInfo) says it is encrypted', () => {
  const encrypted = () => ole({ EncryptionInfo: new Uint8Array([4, 0, 4, 0, 0x40, 0, 0, 0, 0x24, 0, 0, 0]), EncryptedPackage: new Uint8Array(256).fill(7) });
  it.each([
    ['机电学院.xlsx', /已加密.*另存为” \.xlsx/],
    ['机电学院.xls', /已加密.*\.xlsx/],
    ['机电学院.et', /已加密.*\.xlsx/],
    ['机电学院.docx', /已加密.*另存为 \.docx/],
    ['机电学院.doc', /已加密.*\.docx/],
  ])('%s', async (name, words) => {
    const r = await readSubmission(name, encrypted());
    expect(r).toMatchObject({ ok: false, problem: 'unreadable' });
    expect(!r.ok && r.detail).toMatch(words);
    expect(!r.ok && r.detail).not.toContain('旧版');
  });
});

describe('Word tables where Word puts them', () => {
  const FIX = join(__dirname, '../fixtures/formats');
  const parts = () => unzipSync(new Uint8Array(readFileSync(join(FIX, '机电学院.docx'))));
  const withBody = (f: (doc: string, table: string) => string) => {
    const p = parts();
    const doc = strFromU8(p['word/document.xml']!);
    const table = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(doc)![0];
    return zipSync({ ...p, 'word/document.xml': strToU8(f(doc, table)) });
  };
  const plain = async () => checked('机电学院.docx', ok(await readSubmission('机电学院.docx', zipSync(parts()))));

  it('a table in a text box (drawing with its VML fallback) is read once', async () => {
    const box = (inner: string) =>
      `<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:txbx><w:txbxContent>${inner}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>${inner}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`;
    const got = checked('机电学院.docx', ok(await readSubmission('机电学院.docx', withBody((doc, table) => doc.replace(table, box(`${table}<w:p/>`))))));
    expect(got).toEqual(await plain());
  });

  it('a form drawn inside a one-cell frame table (title, signer and form in the frame) reads as without the frame', async () => {
    const frame = (inner: string) => `<w:tbl><w:tblPr><w:tblBorders><w:top w:val="double"/></w:tblBorders></w:tblPr><w:tr><w:tc>${inner}<w:p/></w:tc></w:tr></w:tbl>`;
    const got = checked('机电学院.docx', ok(await readSubmission('机电学院.docx', withBody((doc) => doc.replace(/<w:body>([\s\S]*?)(<w:sectPr[\s\S]*)?<\/w:body>/, (_a, body: string, sect = '') => `<w:body>${frame(body)}${sect}</w:body>`)))));
    expect(got).toEqual(await plain());
  });

  it('a small table nested in a cell leaves the form table whole', async () => {
    const nested = '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>附</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>注</w:t></w:r></w:p></w:tc></w:tr></w:tbl>';
    const got = checked('机电学院.docx', ok(await readSubmission('机电学院.docx', withBody((doc, table) => doc.replace(table, table.replace(/(<w:tc>(?:(?!<w:tc>)[\s\S])*?)(<\/w:tc>)(?=<\/w:tr><\/w:tbl>$)/, `$1${nested}<w:p/>$2`))))));
    expect(got.rows).toEqual((await plain()).rows);
  });
});

/** Stored entries of the plain package, as a zip whose headers the case may then rewrite. */
async function storedPlain(): Promise<{ bytes: Uint8Array; central: Map<string, number> }> {
  const entries = Object.entries(await plainParts()).map(([name, v]) => {
    const data = strToU8(v);
    return { name, data, method: 0 as const, size: data.length };
  });
  const bytes = rawZip(entries);
  const dv = new DataView(bytes.buffer);
  const central = new Map<string, number>();
  for (let i = 0; i + 46 < bytes.length; i++) {
    if (dv.getUint32(i, true) === 0x02014b50) central.set(strFromU8(bytes.subarray(i + 46, i + 46 + dv.getUint16(i + 28, true))), i);
  }
  return { bytes, central };
}

/** A central-directory entry pointed at another place: `to(offset of sheet1's local header)`. */
async function overlapping(to: (sheet1: number) => number): Promise<Uint8Array> {
  const { bytes, central } = await storedPlain();
  const dv = new DataView(bytes.buffer);
  const first = dv.getUint32(central.get('xl/worksheets/sheet1.xml')! + 42, true);
  dv.setUint32(central.get('xl/worksheets/sheet2.xml')! + 42, to(first), true);
  return bytes;
}

const many = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('');
const inSheet1 = async (f: (xml: string) => string) => {
  const p = await plainParts();
  return zip({ ...p, 'xl/worksheets/sheet1.xml': f(p['xl/worksheets/sheet1.xml']!) });
};
const inStrings = async (f: (xml: string) => string) => {
  const p = await plainParts();
  return zip({ ...p, 'xl/sharedStrings.xml': f(p['xl/sharedStrings.xml']!) });
};

type HostileWant = { refused: RegExp } | { sheets: number; note?: RegExp };
const HOSTILE: [string, () => Promise<Uint8Array>, HostileWant][] = [
  ['two central entries sharing one local header (overlapping entries)', () => overlapping((o) => o), { refused: /损坏/ }],
  ['a central entry pointing inside another entry’s data', () => overlapping((o) => o + 40), { refused: /损坏/ }],
  ['100,000 nested unknown elements in sheetData', () => inSheet1((x) => x.replace('<sheetData>', `<sheetData>${many(100_000, (i) => `<${noise(i)}>`)}${many(100_000, (i) => `</${noise(99_999 - i)}>`)}`)), { sheets: 5 }],
  ['100,000 unclosed nested elements in sheetData', () => inSheet1((x) => x.replace('<sheetData>', `<sheetData>${many(100_000, (i) => `<${noise(i)}>`)}`)), { sheets: 4, note: /工作表“附件1”的内容无法解析/ }],
  ['a 1.5-million-character attribute value', () => inSheet1((x) => x.replace('<row r="4"', `<row spans="${many(500_000, noise)}" r="4"`)), { sheets: 5 }],
  ['100,000 attributes on one cell', () => inSheet1((x) => x.replace('<c r="B4"', `<c ${many(100_000, (i) => `${noise(i)}${i}="${noise(i + 7)}" `)}r="B4"`)), { sheets: 5 }],
  ['entity expansion (billion laughs) in the shared strings', () => inStrings((x) => x.replace('<sst', '<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><sst').replace('<t>序号', '<t>&c;序号')), { refused: /DTD\/实体声明/ }],
  ['an entity declaration in the workbook relationships', async () => {
    const p = await plainParts();
    return zip({ ...p, 'xl/_rels/workbook.xml.rels': p['xl/_rels/workbook.xml.rels']!.replace('<Relationships', '<!DOCTYPE r [<!ENTITY a "aaaa">]><Relationships') });
  }, { refused: /DTD\/实体声明/ }],
  ['a shared-string index of 20 digits', () => inSheet1((x) => x.replace(/<c r="B4" t="s"><v>\d+/, '<c r="B4" t="s"><v>99999999999999999999')), { sheets: 5, note: /共享字符串编号“99999999999999999999”无效/ }],
  ['a shared-string index of 2^32', () => inSheet1((x) => x.replace(/<c r="B4" t="s"><v>\d+/, '<c r="B4" t="s"><v>4294967296')), { sheets: 5, note: /共享字符串编号“4294967296”无效/ }],
  ['a negative shared-string index', () => inSheet1((x) => x.replace(/<c r="B4" t="s"><v>\d+/, '<c r="B4" t="s"><v>-1')), { sheets: 5, note: /共享字符串编号“-1”无效/ }],
  ['a row numbered 0', () => inSheet1((x) => x.replace('<row r="4"', '<row r="0"')), { sheets: 4, note: /工作表“附件1”的内容无法解析/ }],
  ['a cell past column XFD', () => inSheet1((x) => x.replace('<c r="B4"', '<c r="XFE4"')), { sheets: 4, note: /工作表“附件1”的内容无法解析/ }],
];

describe('hostile shapes: a Chinese finding for that file, never a throw, the other sheets kept', () => {
  it.each(HOSTILE)('%s', async (_what, make, want) => {
    const bytes = await make();
    const r = await readSubmission('机电学院.xlsx', bytes);
    const sub: Submission = { file: '机电学院.xlsx', sha256: 'x', size: bytes.length, modified: null, read: r };
    const fc = checkFile(sub, 0, { asOf: '2024-11-20' });
    if ('refused' in want) {
      expect(!r.ok && r.detail).toMatch(want.refused);
      expect(fc.findings.map((f) => f.rule)).toEqual(['file-unreadable']);
      return;
    }
    const read = ok(r);
    expect(read.workbook.sheets).toHaveLength(want.sheets);
    const notes = read.workbook.notes ?? [];
    if (want.note) expect(notes.map((n) => n.detail)).toEqual([expect.stringMatching(want.note)]);
    else expect(notes).toEqual([]);
    for (const f of [...fc.findings, ...fc.sheets.flatMap((s) => s.findings)]) expect(f.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('near miss: undeclared entities and out-of-range character references are text, never expanded', async () => {
    const r = ok(await readSubmission('机电学院.xlsx', await inStrings((x) => x.replace('<si><t>序号</t></si>', '<si><t>&lol9;&#0;&#xD800;&#x110000;序号</t></si>'))));
    expect(r.workbook.sheets[0]!.rows[2]![0]).toEqual({ t: 's', v: '&lol9;&#0;&#xD800;&#x110000;序号' });
  });
});

/**
 * The same filing forms as more producers write them: each variant is a real package in that
 * producer's shape. A variant either reads (and checks) exactly as the plain .xlsx of the same
 * content ('same'), or comes back with what the case names at its cell or as its refusal.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { checkFile, type Submission } from '../../src/core/check';
import { readSubmission, type ReadResult } from '../../src/xlsx/read';
import { dump, formsXlsx, unitForms } from './formatFiles';

type Parts = Record<string, string>;

let PLAIN: Parts | null = null;
async function plainParts(): Promise<Parts> {
  if (!PLAIN) {
    const files = unzipSync(await formsXlsx(unitForms('机电学院')));
    PLAIN = Object.fromEntries(Object.entries(files).filter(([k]) => !k.endsWith('/')).map(([k, v]) => [k, strFromU8(v)]));
  }
  return { ...PLAIN };
}

const zip = (p: Parts) => zipSync(Object.fromEntries(Object.entries(p).map(([k, v]) => [k, strToU8(v)])));

function ok(r: ReadResult) {
  if (!r.ok) throw new Error(r.detail);
  return r;
}

/** What the checker makes of a read: every finding and every normalised row. */
function checked(name: string, r: ReadResult) {
  const sub: Submission = { file: name, sha256: 'x', size: 1, modified: null, read: r };
  const fc = checkFile(sub, 0, { asOf: '2024-11-20' });
  return {
    findings: [...fc.findings, ...fc.sheets.flatMap((s) => s.findings)].map((f) => `${f.rule} ${f.sheet ?? ''}!${f.cell ?? ''} ${f.message}`),
    rows: fc.sheets.map((s) => [s.form, s.rows.map((row) => row.values)]),
  };
}

async function expectSameAsPlain(bytes: Uint8Array, name = '机电学院.xlsx') {
  const plain = ok(await readSubmission('机电学院.xlsx', zip(await plainParts())));
  const got = ok(await readSubmission(name, bytes));
  expect(dump(got.workbook)).toEqual(dump(plain.workbook));
  expect(got.workbook.notes).toBeUndefined();
  const want = checked('机电学院.xlsx', plain);
  expect(want.findings.length).toBeGreaterThan(0);
  expect(checked('机电学院.xlsx', got)).toEqual(want);
}

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

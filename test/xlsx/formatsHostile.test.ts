/** Broken and hostile files of the new formats: a Chinese finding, never a crash or a hang. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as CFB from 'cfb';
import { strToU8, zipSync } from 'fflate';
import { readSubmission } from '../../src/xlsx/read';

const FIXTURES = join(__dirname, '../fixtures/formats');
const fixture = (f: string) => new Uint8Array(readFileSync(join(FIXTURES, f)));

async function refused(name: string, bytes: Uint8Array, limits = {}) {
  const t0 = Date.now();
  const r = await readSubmission(name, bytes, limits);
  expect(Date.now() - t0).toBeLessThan(10_000);
  if (r.ok) throw new Error(`${name} was read`);
  expect(r.detail).toMatch(/[\u4e00-\u9fff]/);
  return r;
}

/** An OLE container with the given streams. */
function ole(streams: Record<string, Uint8Array>): Uint8Array {
  const cfb = CFB.utils.cfb_new();
  for (const [name, data] of Object.entries(streams)) CFB.utils.cfb_add(cfb, `/${name}`, data);
  return new Uint8Array(CFB.write(cfb, { type: 'array' }) as number[]);
}

function record(type: number, data: number[]): number[] {
  return [type & 0xff, type >> 8, data.length & 0xff, data.length >> 8, ...data];
}

describe('.xls and .et', () => {
  it('refuses a truncated workbook as broken, naming .xls/.et', async () => {
    const full = fixture('机电学院.xls');
    const r = await refused('半个.xls', full.subarray(0, full.length >> 1));
    expect(r.detail).toMatch(/\.xls|另存为/);
  });

  it('refuses a password-protected workbook (FILEPASS) with the password message', async () => {
    const stream = [...record(0x0809, [0x00, 0x06, 0x05, 0x00, 0, 0, 0, 0]), ...record(0x002f, [1, 0, 0, 0]), ...record(0x000a, [])];
    const r = await refused('加密.xls', ole({ Workbook: new Uint8Array(stream) }));
    expect(r.detail).toContain('密码');
  });

  it('refuses a workbook stream of garbage', async () => {
    const junk = new Uint8Array(20_000).map((_, i) => (i * 7919) & 0xff);
    await refused('乱码.et', ole({ Workbook: junk }));
  });

  it('stops at the cell limit', async () => {
    const r = await refused('大.xls', fixture('edge.xls'), { maxCellsPerSheet: 500 });
    expect(r.problem).toBe('too-large');
  });
});

describe('Word', () => {
  it('refuses a broken .doc with the save-as-.docx message', async () => {
    const r = await refused('坏.doc', ole({ WordDocument: new Uint8Array(4096).fill(7) }));
    expect(r.detail).toContain('请在 Word/WPS 中另存为 .docx 后提交');
  });

  it('refuses a truncated .doc the same way', async () => {
    const doc = fixture('机电学院.doc');
    const r = await refused('半个.doc', doc.subarray(0, 9000));
    expect(r.detail).toMatch(/另存为/);
  });

  it('says so when a .docx has no table', async () => {
    const docx = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w:document><w:body><w:p><w:r><w:t>你好</w:t></w:r></w:p></w:body></w:document>') });
    const r = await refused('通知.docx', docx);
    expect(r.detail).toContain('没有表格');
  });
});

describe('.ods and HTML', () => {
  it('bounds repeated rows and columns', async () => {
    const cell = '<table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p></table:table-cell>';
    const content = `<office:document-content><office:body><office:spreadsheet><table:table table:name="S"><table:table-row table:number-rows-repeated="1048576">${cell}</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>`;
    const ods = zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }], 'content.xml': strToU8(content) });
    const r = await refused('炸弹.ods', ods);
    expect(r.problem).toBe('too-large');
  });

  it('reads empty repeated rows (a template formatted to the sheet end) without materialising them', async () => {
    const content = '<office:document-content><office:body><office:spreadsheet><table:table table:name="S"><table:table-row><table:table-cell office:value-type="float" office:value="3"><text:p>3</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>';
    const ods = zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }], 'content.xml': strToU8(content) });
    const r = await readSubmission('模板.ods', ods);
    expect(r.ok && r.workbook.sheets[0]!.rows).toEqual([[{ t: 'n', v: 3 }]]);
  });

  it('bounds row and column spans of web tables', async () => {
    const html = `<table>${'<tr><td colspan="1000" rowspan="1000">x</td></tr>'.repeat(50)}</table>`;
    const r = await refused('网页.xls', strToU8(html));
    expect(r.problem).toBe('too-large');
  });

  it('decodes a GBK web page by its meta charset', async () => {
    const gbk = new Uint8Array([0xc4, 0xe3, 0xba, 0xc3]); // 你好
    const head = strToU8('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><table><tr><td>');
    const tail = strToU8('</td><td>b</td></tr><tr><td>c</td></tr></table></body></html>');
    const r = await readSubmission('导出.xls', new Uint8Array([...head, ...gbk, ...tail]));
    expect(r.ok && r.workbook.sheets[0]!.rows[0]![0]).toEqual({ t: 's', v: '你好' });
  });
});

/** Hostile and broken files: each must come back as a result (never a throw), in bounded time. */
import zlib from 'node:zlib';
import { deflateSync, inflateSync, strToU8 } from 'fflate';
import { nodeInflate } from '../../src/cli/files';
import { readSubmission, type ReadLimits, type ReadResult } from '../../src/xlsx/read';
import { CellCounter, crc32 } from '../../src/xlsx/zipGuard';
import { patchZip, rawZip, simpleWorkbook, skeletonEntries, zeroBomb, type RawEntry } from './helpers';

const MB = 1024 * 1024;

/** The guard must hold with fflate (the browser) and with Node's zlib (the CLI) alike. */
const CODECS: Partial<ReadLimits>[] = [{}, { inflate: nodeInflate, crc32: zlib.crc32 }];

/**
 * Bounded time, not speed: a hostile file must not take minutes. Generous enough for a loaded
 * machine (the read's own budget is far below); speed itself is measured in the bench.
 */
const BOUND_MS = 10_000;
jest.setTimeout(3 * BOUND_MS);

/** Reads with each codec, within the bound, to the same result. */
async function timed(name: string, bytes: Uint8Array, limits?: Partial<ReadLimits>): Promise<ReadResult> {
  const results: ReadResult[] = [];
  for (const codec of CODECS) {
    const t = performance.now();
    results.push(await readSubmission(name, bytes, { ...limits, ...codec }));
    expect(performance.now() - t).toBeLessThan(BOUND_MS);
  }
  expect(results[1]).toEqual(results[0]);
  return results[0]!;
}

/** The skeleton with a workbook that lists sheet1, so that part is read. */
function withSheet(sheet: RawEntry): RawEntry[] {
  const stored = (name: string, text: string): RawEntry => ({ name, data: strToU8(text), method: 0, size: strToU8(text).length });
  return [
    stored('[Content_Types].xml', '<Types/>'),
    stored('xl/workbook.xml', '<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    stored('xl/_rels/workbook.xml.rels', '<Relationships><Relationship Id="rId1" Type="ws" Target="worksheets/sheet1.xml"/></Relationships>'),
    sheet,
  ];
}

describe('hostile zips', () => {
  it('refuses a 300 MB zip bomb by its declared size, before inflating', async () => {
    const { data, size } = zeroBomb(300 * MB);
    expect(data.length).toBeLessThan(2 * MB);
    const bytes = rawZip([...skeletonEntries(), { name: 'xl/worksheets/sheet1.xml', data, method: 8, size }]);
    const r = await timed('bomb.xlsx', bytes);
    expect(r).toMatchObject({ ok: false, problem: 'too-large' });
  });

  it('refuses a bomb under the total bound by its compression ratio', async () => {
    const { data, size } = zeroBomb(50 * MB);
    const bytes = rawZip([...skeletonEntries(), { name: 'xl/media/image1.png', data, method: 8, size }]);
    // This hand-made stream reaches 159:1 (zlib's reaches ~1000:1): test the mechanism with a lower bound.
    const r = await timed('bomb.xlsx', bytes, { maxEntryRatio: 100 });
    expect(r).toMatchObject({ ok: false, problem: 'too-large' });
    if (!r.ok) expect(r.detail).toContain('压缩');
  });

  it('stops inflating an entry whose declared size lies', async () => {
    const { data } = zeroBomb(100 * MB);
    const bytes = rawZip(withSheet({ name: 'xl/worksheets/sheet1.xml', data, method: 8, size: 1000 }));
    const r = await timed('liar.xlsx', bytes);
    expect(r).toMatchObject({ ok: false, problem: 'unreadable' });
  });

  it('refuses a sheet part with more cell elements than the limit, counted while it inflates', async () => {
    const cells = Array.from({ length: 400 }, (_, i) => `<c r="A${i + 1}" s="1"/>`).join('');
    const sheet = strToU8(`<worksheet><sheetData><row r="1">${cells}</row></sheetData></worksheet>`);
    const bytes = rawZip(withSheet({ name: 'xl/worksheets/sheet1.xml', data: deflateSync(sheet), method: 8, size: sheet.length, crc: crc32(sheet) }));
    const r = await timed('cells.xlsx', bytes, { maxCellElements: 300 });
    expect(r).toMatchObject({ ok: false, problem: 'too-large' });
    if (!r.ok) expect(r.detail).toContain('单元格元素超过 300 个');
    expect(await timed('cells.xlsx', bytes, { maxCellElements: 400 })).toMatchObject({ ok: true });
  });

  it('never inflates a part nobody reads (a theme that would not inflate costs nothing)', async () => {
    const { data } = zeroBomb(100 * MB);
    const sheet = strToU8('<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>');
    const bytes = rawZip([
      ...withSheet({ name: 'xl/worksheets/sheet1.xml', data: sheet, method: 0, size: sheet.length }),
      { name: 'xl/theme/theme1.xml', data, method: 8, size: 1000 },
    ]);
    expect(await timed('theme.xlsx', bytes)).toMatchObject({ ok: true, workbook: { sheets: [{ name: 'S', rows: [[{ t: 'n', v: 1 }]] }] } });
  });

  it('refuses DTD / entity declarations (billion laughs)', async () => {
    const lol =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>' +
      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>&lol3;</t></si></sst>';
    const bytes = patchZip(await simpleWorkbook(), { 'xl/sharedStrings.xml': lol });
    const r = await timed('lol.xlsx', bytes);
    expect(r).toMatchObject({ ok: false, problem: 'unreadable' });
    if (!r.ok) expect(r.detail).toContain('DTD');
  });

  it('refuses a sheet with more cells than the limit, and too many sheets', async () => {
    const r = await timed('big.xlsx', await simpleWorkbook(30), { maxCellsPerSheet: 20 });
    expect(r).toMatchObject({ ok: false, problem: 'too-large' });
    const s = await timed('many.xlsx', await simpleWorkbook(1, 3), { maxSheets: 2 });
    expect(s).toMatchObject({ ok: false, problem: 'too-large' });
    expect((await timed('ok.xlsx', await simpleWorkbook(20), { maxCellsPerSheet: 20 })).ok).toBe(true);
  });

  it('refuses a file over the size limit', async () => {
    const r = await timed('a.xlsx', await simpleWorkbook(), { maxFileBytes: 100 });
    expect(r).toMatchObject({ ok: false, problem: 'too-large' });
  });

  it('refuses an encrypted zip entry', async () => {
    const data = strToU8('<worksheet/>');
    const bytes = rawZip([...skeletonEntries(), { name: 'xl/worksheets/sheet1.xml', data, method: 0, size: data.length, flags: 1 }]);
    const r = await timed('enc.xlsx', bytes);
    expect(r).toMatchObject({ ok: false, problem: 'unreadable' });
    if (!r.ok) expect(r.detail).toContain('密码');
  });

  it('reports a worksheet that cannot be parsed, by name, and reads nothing from it', async () => {
    const bytes = patchZip(await simpleWorkbook(), { 'xl/worksheets/sheet1.xml': deflateSync(strToU8('<worksheet><sheetData><row><c r="A1"')) });
    const r = await timed('junk.xlsx', bytes);
    expect(r.ok && r.workbook.sheets.length === 0 && r.workbook.notes?.map((n) => [n.kind, n.sheet])).toEqual([['sheet', 'S1']]);
  });

  it('refuses a zip that is not a workbook (a renamed .docx)', async () => {
    const bytes = patchZip(await simpleWorkbook(), { 'xl/workbook.xml': null });
    expect(await timed('doc.xlsx', bytes)).toMatchObject({ ok: false, problem: 'unreadable' });
  });
});

describe('wrong, broken and unsupported files', () => {
  const ole = (stream: string) => {
    const b = new Uint8Array(1024);
    b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    for (let i = 0; i < stream.length; i++) b[600 + 2 * i] = stream.charCodeAt(i);
    return b;
  };

  it('refuses an encrypted workbook (OLE with EncryptionInfo) named .xlsx', async () => {
    const r = await timed('加密.xlsx', ole('EncryptionInfo'));
    expect(r).toMatchObject({ ok: false, problem: 'unreadable' });
    if (!r.ok) expect(r.detail).toContain('密码');
  });

  it('refuses a broken .xls renamed to .xlsx as a broken .xls', async () => {
    const r = await timed('旧版.xlsx', ole('Workbook'));
    expect(r).toMatchObject({ ok: false, problem: 'unreadable' });
    if (!r.ok) expect(r.detail).toContain('.xls');
  });

  it('refuses a truncated zip', async () => {
    const full = await simpleWorkbook();
    const r = await timed('half.xlsx', full.subarray(0, full.length >> 1));
    expect(r).toMatchObject({ ok: false, problem: 'unreadable' });
    if (!r.ok) expect(r.detail).toContain('损坏');
  });

  it('refuses a zip whose middle is damaged', async () => {
    const full = (await simpleWorkbook(40)).slice();
    for (let i = 200; i < full.length - 600; i++) full[i] = 0x55;
    expect((await timed('bad.xlsx', full)).ok).toBe(false);
  });

  it('refuses an empty file', async () => {
    const r = await timed('空.xlsx', new Uint8Array(0));
    expect(r).toMatchObject({ ok: false, problem: 'unreadable' });
    if (!r.ok) expect(r.detail).toContain('空');
    expect(await timed('空.csv', new Uint8Array(0))).toMatchObject({ ok: false, problem: 'unreadable' });
  });

  it('reads HTML saved as .xlsx, noting the mismatch', async () => {
    const r = await timed('网页.xlsx', strToU8('<html><table><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></table></html>'));
    expect(r).toMatchObject({ ok: true, kind: 'html', mismatch: { extension: 'xlsx' } });
  });

  it('reads a workbook named .csv, noting the mismatch', async () => {
    expect(await timed('a.csv', await simpleWorkbook())).toMatchObject({ ok: true, kind: 'xlsx', mismatch: { extension: 'csv' } });
  });

  it.each(['xls', 'et', 'ods', 'numbers', 'pdf', 'XLS'])('reads an .xlsx named .%s by its content', async (ext) => {
    const r = await timed(`图书馆.${ext}`, await simpleWorkbook());
    expect(r).toMatchObject({ ok: true, kind: 'xlsx', mismatch: { extension: ext.toLowerCase() } });
  });

  it('refuses binary content that is no table format, saying what is accepted', async () => {
    const r = await timed('扫描件.pdf', new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 1, 2, 3, 4, 5, 6, 7, 0, 0, 0, 0]));
    expect(r).toMatchObject({ ok: false, problem: 'unsupported' });
    if (!r.ok) expect(r.detail).toContain('.docx');
  });

  it('reads plain text without an extension as CSV', async () => {
    expect(await timed('README', strToU8('x'))).toMatchObject({ ok: true, kind: 'text' });
  });
});

describe('fflate and node zlib guard alike', () => {
  const sheet = strToU8(
    '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>' + 'x'.repeat(20_000) + '</t></is></c></row></sheetData></worksheet>',
  );
  const deflated = deflateSync(sheet);
  const entry = (over: Partial<RawEntry>): RawEntry => ({
    name: 'xl/worksheets/sheet1.xml',
    data: deflated,
    method: 8,
    size: sheet.length,
    crc: crc32(sheet),
    ...over,
  });
  const cases: [string, RawEntry, string][] = [
    ['declares less than it holds (a small stream)', entry({ size: 1000 }), '损坏'],
    ['declares one byte less than it holds', entry({ size: sheet.length - 1 }), '损坏'],
    ['declares more than it holds', entry({ size: sheet.length + 1 }), '损坏'],
    ['is cut short', entry({ data: deflated.subarray(0, deflated.length >> 1) }), '损坏'],
    ['is not deflate at all', entry({ data: new Uint8Array(64).fill(0xff) }), '损坏'],
    ['has a wrong CRC', entry({ crc: crc32(sheet) ^ 1 }), 'CRC'],
  ];
  it.each(cases)('refuses an entry that %s, with the same words', async (_what, e, words) => {
    const r = await timed('a.xlsx', rawZip(withSheet(e)));
    expect(r).toMatchObject({ ok: false, problem: 'unreadable' });
    if (!r.ok) expect(r.detail).toContain(words);
  });

  it('reads the same grid from a sound entry', async () => {
    const r = await timed('a.xlsx', rawZip(withSheet(entry({}))));
    expect(r).toMatchObject({ ok: true, kind: 'xlsx', workbook: { sheets: [{ name: 'S', rows: [[{ t: 's', v: 'x'.repeat(20_000) }]] }] } });
  });
});

describe('zeroBomb (test helper)', () => {
  it('is a valid deflate stream of the size it claims', () => {
    const { data, size } = zeroBomb(100_000);
    const out = inflateSync(data);
    expect(out.length).toBe(size);
    expect(out.every((b) => b === 0)).toBe(true);
  });
});

describe('CellCounter', () => {
  it('counts cells across chunk boundaries, with or without a namespace prefix', () => {
    const xml = '<sheetData><row r="1"><c r="A1"/><c r="B1" t="s"><v>0</v></c><col/><cfRule/><x:c r="C1"></x:c><c>1</c></row></sheetData>';
    for (let split = 0; split <= xml.length; split++) {
      const c = new CellCounter();
      c.feed(strToU8(xml.slice(0, split)));
      c.feed(strToU8(xml.slice(split)));
      expect(c.count).toBe(4);
    }
  });
});

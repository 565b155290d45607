/**
 * Hostile kinds beside those of corpus.ts: zip directories that lie (zip64 records, counts,
 * offsets, sizes), a zip of 20,000 tiny entries, .xls containers whose sector chains loop, a CSV
 * line of 300,000 cells, Word and web tables 10,000 columns wide, unpaired surrogates, a UTF-8
 * line with a damaged character. Each one gets its finding in Chinese, and the good workbook
 * read in the same batch comes through whole.
 */
import { strToU8, unzipSync, zipSync } from 'fflate';
import { checkBatch, type Submission } from '../../src/core/check';
import { readSubmission } from '../../src/xlsx/read';
import { rawZip } from '../xlsx/helpers';
import { cellRecords, docx, tc, xls } from './builders';
import { goodBook, sheetXml, websiteRows, xlsx } from './corpus';

const H = ['序号', '网站名称', '网站负责人', '网站管理员', '联系电话', '网站栏目', '最后更新日期'];
const ROW = ['1', '站点', '张三', '李明', '13911110005', '通知公告', '2024-11-18'];

/** Central directory entries of a zip, by name, with their offsets (to patch). */
function central(b: Uint8Array): { name: string; at: number }[] {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: { name: string; at: number }[] = [];
  for (let q = v.getUint32(b.length - 22 + 16, true); v.getUint32(q, true) === 0x02014b50; ) {
    const n = v.getUint16(q + 28, true);
    out.push({ name: new TextDecoder().decode(b.subarray(q + 46, q + 46 + n)), at: q });
    q += 46 + n + v.getUint16(q + 30, true) + v.getUint16(q + 32, true);
  }
  return out;
}

function patched(b: Uint8Array, f: (v: DataView, b: Uint8Array) => void): Uint8Array {
  const c = b.slice();
  f(new DataView(c.buffer), c);
  return c;
}

/** A stored-entry zip of the good workbook (offsets easy to follow). */
const stored = (unit: string) => rawZip(Object.entries(unzipSync(goodBook(unit, '13911110010'))).map(([name, data]) => ({ name, data, method: 0 as const, size: data.length })));

/** The good workbook with a zip64 end record that claims 2^40 entries. */
function zip64Lie(at: 'count' | 'locator'): Uint8Array {
  const good = goodBook('Z64单位', '13911110001');
  const eocd = good.length - 22;
  const body = good.slice(0, eocd);
  const rec = new DataView(new ArrayBuffer(56));
  rec.setUint32(0, 0x06064b50, true);
  rec.setBigUint64(4, 44n, true);
  rec.setBigUint64(24, 2n ** 40n, true);
  rec.setBigUint64(32, 2n ** 40n, true);
  rec.setBigUint64(48, BigInt(new DataView(good.buffer).getUint32(eocd + 16, true)), true);
  const loc = new DataView(new ArrayBuffer(20));
  loc.setUint32(0, 0x07064b50, true);
  loc.setBigUint64(8, at === 'count' ? BigInt(body.length) : 2n ** 52n, true);
  const end = good.slice(eocd);
  new DataView(end.buffer).setUint16(8, 0xffff, true);
  new DataView(end.buffer).setUint16(10, 0xffff, true);
  const out = new Uint8Array(body.length + 76 + 22);
  out.set(body);
  out.set(new Uint8Array(rec.buffer), body.length);
  out.set(new Uint8Array(loc.buffer), body.length + 56);
  out.set(end, body.length + 76);
  return out;
}

/** An .xls of 300 rows (its stream in the regular FAT) with its FAT rewritten by f. */
function xlsFat(f: (fat: (i: number) => number, set: (i: number, v: number) => void, sectors: number) => void, header?: (v: DataView) => void): Uint8Array {
  const good = xls(cellRecords(websiteRows('环链单位', '13911110003', 300)));
  return patched(good, (v) => {
    const fatOff = 512 + v.getUint32(0x4c, true) * 512;
    f((i) => v.getUint32(fatOff + i * 4, true), (i, x) => v.setUint32(fatOff + i * 4, x, true), (good.length - 512) / 512);
    header?.(v);
  });
}
const END = 0xfffffffe;

function tinyEntries(): Uint8Array {
  const files: Record<string, Uint8Array> = { ...unzipSync(goodBook('小条目单位', '13911110002')) };
  for (let i = 0; i < 20_000; i++) files[`xl/media/t${i}.bin`] = new Uint8Array([i & 255]);
  return zipSync(files, { level: 0 });
}

function wideWord(): Uint8Array {
  const cols = Array.from({ length: 10_000 }, (_, i) => tc(`列${i}`)).join('');
  const rows = [`<w:tr>${H.map((h) => tc(h)).join('')}${cols}</w:tr>`, `<w:tr>${ROW.map((c) => tc(c)).join('')}${cols}</w:tr>`];
  return docx(`<w:p><w:r><w:t>网站平台更新登记备案表</w:t></w:r></w:p><w:p><w:r><w:t>填报单位：宽表单位 填表人：李明 填表人电话：13911110005</w:t></w:r></w:p><w:tbl>${rows.join('')}</w:tbl>`);
}

function wideWeb(): Uint8Array {
  const td = (t: string) => `<td>${t}</td>`;
  const cols = Array.from({ length: 10_000 }, (_, i) => td(`列${i}`)).join('');
  return strToU8(`<html><head><meta charset="utf-8"></head><body><table><tr><td>网站平台更新登记备案表</td></tr><tr><td>填报单位：网页宽表单位</td></tr><tr>${H.map(td).join('')}${cols}</tr><tr>${ROW.map(td).join('')}${cols}</tr></table></body></html>`);
}

const CSV_HEAD = `网站平台更新登记备案表\r\n填报单位：长行单位\r\n${H.join(',')}\r\n${ROW.join(',')}\r\n`;

function utf16(text: string): Uint8Array {
  const u = new Uint8Array(2 + text.length * 2);
  u.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) u.set([text.charCodeAt(i) & 255, text.charCodeAt(i) >> 8], 2 + 2 * i);
  return u;
}

/** A UTF-8 CSV whose second data line carries one lone surrogate encoded as bytes (ED A0 80). */
function damagedUtf8(): Uint8Array {
  const t = strToU8(`${CSV_HEAD}2,站XX点,张三,李明,13911110009,通知公告,2024-11-18\r\n`);
  const i = t.findIndex((_b, k) => t[k] === 0x58 && t[k + 1] === 0x58);
  return new Uint8Array([...t.subarray(0, i), 0xed, 0xa0, 0x80, ...t.subarray(i + 2)]);
}

type Want = { rule: string; detail?: RegExp } | { rows: number; rule?: string; detail?: RegExp };

const KINDS: [string, string, () => Uint8Array, Want][] = [
  ['zip64 end record claiming 2^40 entries', 'a.xlsx', () => zip64Lie('count'), { rule: 'file-unreadable', detail: /损坏/ }],
  ['zip64 locator pointing 2^52 bytes out', 'a.xlsx', () => zip64Lie('locator'), { rule: 'file-unreadable', detail: /损坏/ }],
  ['sizes of 0xFFFFFFFF without a zip64 field', 'a.xlsx', () => patched(stored('大小单位'), (v, b) => central(b).filter((e) => e.name.includes('sheet1')).forEach((e) => (v.setUint32(e.at + 20, 0xffffffff, true), v.setUint32(e.at + 24, 0xffffffff, true)))), { rule: 'file-too-large', detail: /解压后共 \d+ MB/ }],
  ['an entry offset past the end', 'a.xlsx', () => patched(stored('偏移单位'), (v, b) => central(b).filter((e) => e.name.includes('sheet1')).forEach((e) => v.setUint32(e.at + 42, 0xfffffff0, true))), { rule: 'file-unreadable', detail: /损坏/ }],
  ['an entry count of 60,000 over a directory of 5', 'a.xlsx', () => patched(stored('计数单位'), (v, b) => (v.setUint16(b.length - 14, 60_000, true), v.setUint16(b.length - 12, 60_000, true))), { rule: 'file-unreadable', detail: /损坏/ }],
  ['a central directory said to start inside the first entry', 'a.xlsx', () => patched(stored('目录单位'), (v, b) => v.setUint32(b.length - 6, 5, true)), { rule: 'file-unreadable', detail: /损坏/ }],
  ['20,000 tiny entries beside the workbook', 'a.xlsx', tinyEntries, { rows: 2 }],
  ['.xls: every FAT link one sector on, in a ring', 'a.xls', () => xlsFat((fat, set, n) => { for (let i = 0; i < n; i++) if (fat(i) < n) set(i, (fat(i) + 1) % n); }), { rule: 'file-unreadable', detail: /\.xls\/\.et/ }],
  ['.xls: every chain’s end pointing back to sector 1', 'a.xls', () => xlsFat((fat, set, n) => { for (let i = 1; i < n; i++) if (fat(i) === END) set(i, 1); }), { rule: 'file-unreadable', detail: /\.xls\/\.et/ }],
  ['.xls: every chain’s end pointing at itself (the stream read to its size)', 'a.xls', () => xlsFat((fat, set, n) => { for (let i = 0; i < n; i++) if (fat(i) === END) set(i, i); }), { rows: 300 }],
  ['.xls: a directory starting at sector 2^31 − 16', 'a.xls', () => xlsFat(() => undefined, (v) => v.setUint32(0x30, 0x7ffffff0, true)), { rule: 'file-unreadable', detail: /\.xls\/\.et/ }],
  ['.xls: sectors of 2^30 bytes', 'a.xls', () => xlsFat(() => undefined, (v) => v.setUint16(0x1e, 30, true)), { rule: 'file-unreadable', detail: /\.xls\/\.et/ }],
  ['CSV: one line of 300,000 cells', 'a.csv', () => strToU8(`${CSV_HEAD}2,${'x,'.repeat(300_000)}\r\n`), { rule: 'file-too-large', detail: /CSV 文件的单元格超过/ }],
  ['Word: a table 10,000 columns wide', 'a.docx', wideWord, { rows: 1, rule: 'read-limit', detail: /第 64 列以后还有 \d+ 个有内容的单元格/ }],
  ['web page: a table 10,000 columns wide', 'a.html', wideWeb, { rows: 1, rule: 'read-limit', detail: /第 64 列以后还有 \d+ 个有内容的单元格/ }],
  ['xlsx: unpaired surrogates in a sheet name and as character references', 'a.xlsx', () => xlsx({ sheets: [{ name: '网站\ud800', xml: sheetXml(websiteRows('代理单位', '13911110006', 2)).replace('代理单位网站1', '&#xD800;站点&#xDFFF;') }] }), { rows: 2 }],
  ['UTF-16 CSV: unpaired surrogates in cells', 'a.csv', () => utf16(`${CSV_HEAD}2,站\ud800点,张三,李\udc00明,13911110007,通知公告,2024-11-18\r\n`), { rows: 2 }],
  ['.xls: an unpaired surrogate in a label', 'a.xls', () => xls(cellRecords(websiteRows('代理单位三', '13911110008', 2).map((r) => r.map((v) => (v === '代理单位三网站1' ? '站\ud800' : v))))), { rows: 2 }],
  ['UTF-8 CSV: one damaged character in a line', 'a.csv', damagedUtf8, { rows: 2, rule: 'encoding-mixed', detail: /第 5 行有无法识别的字符/ }],
];

describe('more hostile kinds, each in a batch with a good workbook', () => {
  it.each(KINDS)('%s', async (_what, name, make, want) => {
    const bytes = make();
    const subs: Submission[] = [];
    for (const [file, b] of [[`恶意-${name}`, bytes], ['良好单位.xlsx', goodBook('良好单位', '13600000001')]] as const) {
      subs.push({ file, sha256: file, size: b.length, modified: null, read: await readSubmission(file, b) });
    }
    const r = checkBatch(subs, { asOf: '2024-11-20' });
    const good = r.files.find((f) => f.file === '良好单位.xlsx')!;
    expect(good.status).toBe('accepted');
    expect(good.sheets).toEqual([expect.objectContaining({ form: 'website', rows: 2 })]);
    const bad = r.files.find((f) => f.file !== '良好单位.xlsx')!;
    const mine = r.findings.filter((f) => f.file === bad.file && f.rule !== 'form-missing' && f.rule !== 'signer-missing');
    if ('rows' in want) {
      expect(bad.status).toBe('accepted');
      expect(bad.sheets.reduce((n, s) => n + (s.form ? s.rows : 0), 0)).toBe(want.rows);
    } else expect(bad.status).toBe('rejected');
    if (want.rule) {
      const hit = mine.find((f) => f.rule === want.rule);
      expect(hit?.message).toMatch(want.detail ?? /./);
      expect(hit?.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(() => JSON.stringify(r)).not.toThrow();
  });
});

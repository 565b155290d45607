/** A zip of submissions: its files, their names and times, and every way a file in it can be refused. */
import fs from 'node:fs';
import path from 'node:path';
import { deflateSync, strToU8, zipSync } from 'fflate';
import { ARCHIVE_LIMITS, expandArchive, type ArchiveFile } from '../../src/xlsx/archive';
import { DEFAULT_LIMITS, readSubmission } from '../../src/xlsx/read';
import { crc32 } from '../../src/xlsx/zipGuard';
import { rawZip, zeroBomb, type RawEntry } from './helpers';

const SUBS = path.resolve(__dirname, '../../samples/submissions');
const sample = (name: string) => new Uint8Array(fs.readFileSync(path.join(SUBS, name)));
const hex = (s: string) => new Uint8Array(s.split(' ').map((h) => parseInt(h, 16)));
/** 收件/化学学院.xlsx in GB18030. */
const GBK_NAME = hex('ca d5 bc fe 2f bb af d1 a7 d1 a7 d4 ba 2e 78 6c 73 78');

function deflated(name: string, data: Uint8Array, more: Partial<RawEntry> = {}): RawEntry {
  return { name, data: deflateSync(data), method: 8, size: data.length, crc: crc32(data), ...more };
}

function opened(bytes: Uint8Array): ArchiveFile[] {
  const r = expandArchive('材料.zip', bytes, DEFAULT_LIMITS);
  if (!r.ok) throw new Error(r.detail);
  return r.files;
}

describe('expandArchive: names and times', () => {
  const book = sample('信息工程学院.xlsx');

  it('gives each file under the archive name, GB18030 names without the UTF-8 flag included', () => {
    const zip = rawZip([deflated('x', book, { nameBytes: GBK_NAME }), { name: '收件/体育部.xlsx', data: sample('体育部.xlsx'), method: 0, size: sample('体育部.xlsx').length, flags: 0x800 }]);
    const files = opened(zip);
    expect(files.map((f) => f.name)).toEqual(['材料.zip/收件/化学学院.xlsx', '材料.zip/收件/体育部.xlsx']);
    expect(files[0]!.bytes).toEqual(book);
    expect(files.every((f) => !f.problem)).toBe(true);
  });

  it('takes the Info-ZIP Unicode path over the bytes of the name', () => {
    const utf8 = strToU8('团委/备案表.xlsx');
    const field = new Uint8Array(4 + 5 + utf8.length);
    field.set([0x75, 0x70, (5 + utf8.length) & 0xff, 0, 1, 0, 0, 0, 0]);
    field.set(utf8, 9);
    expect(opened(rawZip([deflated('????/?????.xlsx', book, { extra: field })]))[0]!.name).toBe('材料.zip/团委/备案表.xlsx');
  });

  it('passes over folders, macOS forks, lock and hidden files, and cleans ../ out of names', () => {
    const zip = zipSync({ '收件/': new Uint8Array(0), '__MACOSX/收件/._a.xlsx': strToU8('x'), '收件/~$a.xlsx': strToU8('x'), '收件/.DS_Store': strToU8('x'), '../../a.xlsx': book });
    expect(opened(zip).map((f) => f.name)).toEqual(['材料.zip/a.xlsx']);
  });

  it('reads the MS-DOS time as China Standard Time, and the extended UTC time when there is one', () => {
    // 2024-11-03 10:20:30 local.
    const dos = (((2024 - 1980) << 9) | (11 << 5) | 3) * 65536 + ((10 << 11) | (20 << 5) | 15);
    expect(opened(rawZip([deflated('a.xlsx', book, { dosTime: dos })]))[0]!.modified).toBe('2024-11-03T02:20:30.000Z');
    const secs = Date.UTC(2024, 10, 5, 1, 2, 3) / 1000;
    const ut = new Uint8Array([0x55, 0x54, 5, 0, 1, secs & 0xff, (secs >> 8) & 0xff, (secs >> 16) & 0xff, (secs >>> 24) & 0xff]);
    expect(opened(rawZip([deflated('a.xlsx', book, { dosTime: dos, extra: ut })]))[0]!.modified).toBe('2024-11-05T01:02:03.000Z');
  });

  it('opens a zip inside the zip in its place (a unit sent its own zip)', () => {
    const inner = zipSync({ '备案表.xlsx': book });
    const files = opened(zipSync({ '化学学院.zip': inner, '团委.xlsx': book }));
    expect(files.map((f) => f.name)).toEqual(['材料.zip/化学学院.zip/备案表.xlsx', '材料.zip/团委.xlsx']);
  });
});

describe('expandArchive: hostile and broken archives', () => {
  const book = sample('信息工程学院.xlsx');
  const problem = (files: ArchiveFile[], name: string) => files.find((f) => f.name.endsWith(name))?.problem;

  it('refuses, one file at a time, what cannot be taken out, and still gives the rest', () => {
    const bomb = zeroBomb(50 * 1024 * 1024);
    const tiny = deflateSync(new Uint8Array(1000));
    const files = opened(
      rawZip([
        deflated('ok.xlsx', book),
        deflated('enc.xlsx', book, { flags: 1 }),
        { name: 'lzma.xlsx', data: new Uint8Array(10), method: 14 as 0, size: 10 },
        deflated('crc.xlsx', book, { crc: 1 }),
        { name: 'bomb.xlsx', data: tiny, method: 8, size: 15 * 1024 * 1024 },
        { name: 'big.xlsx', data: bomb.data, method: 8, size: DEFAULT_LIMITS.maxFileBytes + 1 },
      ]),
    );
    // Listed as a folder of them would be, by name.
    expect(files.map((f) => [f.name.replace('材料.zip/', ''), f.problem?.problem ?? 'ok'])).toEqual([
      ['big.xlsx', 'too-large'],
      ['bomb.xlsx', 'too-large'],
      ['crc.xlsx', 'unreadable'],
      ['enc.xlsx', 'unreadable'],
      ['lzma.xlsx', 'unsupported'],
      ['ok.xlsx', 'ok'],
    ]);
    expect(problem(files, 'enc.xlsx')!.detail).toContain('加密');
    expect(problem(files, 'lzma.xlsx')!.detail).toContain('LZMA');
    expect(problem(files, 'crc.xlsx')!.detail).toContain('损坏');
    expect(problem(files, 'bomb.xlsx')!.detail).toContain('压缩炸弹');
    expect(files[5]!.bytes).toEqual(book);
  });

  it('refuses a broken or empty archive, and one of too many files, before inflating anything', () => {
    const zip = zipSync({ 'a.xlsx': book });
    const cut = expandArchive('a.zip', zip.subarray(0, zip.length - 30), DEFAULT_LIMITS);
    expect(cut).toMatchObject({ ok: false, problem: 'unreadable' });
    expect(expandArchive('a.zip', zipSync({ '目录/': new Uint8Array(0) }), DEFAULT_LIMITS)).toMatchObject({ ok: false, detail: '压缩包中没有可读取的文件' });
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i <= ARCHIVE_LIMITS.maxFiles; i++) many[`f${i}.csv`] = new Uint8Array(0);
    const r = expandArchive('a.zip', zipSync(many, { level: 0 }), DEFAULT_LIMITS);
    expect(r).toMatchObject({ ok: false, problem: 'too-large' });
    expect(!r.ok && r.detail).toContain(`${ARCHIVE_LIMITS.maxFiles + 1} 个文件`);
  });

  it('opens nested archives to a bounded depth', () => {
    let zip = zipSync({ 'a.xlsx': book });
    for (let i = 0; i < ARCHIVE_LIMITS.maxDepth; i++) zip = zipSync({ [`z${i}.zip`]: zip });
    const files = opened(zip);
    expect(files).toHaveLength(1);
    expect(files[0]!.problem?.detail).toContain('嵌套');
    expect(files[0]!.name).toBe(`材料.zip/z${ARCHIVE_LIMITS.maxDepth - 1}.zip/z${ARCHIVE_LIMITS.maxDepth - 2}.zip/z${ARCHIVE_LIMITS.maxDepth - 3}.zip`);
  });

  it('a damaged inner archive costs only its own entry, refused in an archive\'s words', () => {
    const inner = zipSync({ '备案表.xlsx': book });
    const files = opened(zipSync({ 'bad.zip': inner.subarray(0, inner.length - 10), 'ok.xlsx': book }, { level: 0 }));
    expect(files.map((f) => f.name)).toEqual(['材料.zip/bad.zip', '材料.zip/ok.xlsx']);
    expect(files[0]!.problem).toMatchObject({ problem: 'unreadable' });
    expect(files[0]!.problem!.detail).toContain('压缩包已损坏');
    expect(files[0]!.problem!.detail).not.toContain('Excel');
    expect(files[1]!.bytes).toEqual(book);
  });

  it('a RAR or 7z archive is refused with what to do instead', async () => {
    for (const magic of [[0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x01, 0x00], [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0x00, 0x04]]) {
      const r = await readSubmission('材料.rar', new Uint8Array([...magic, ...new Uint8Array(64)]));
      expect(r).toMatchObject({ ok: false, problem: 'unsupported' });
      expect(!r.ok && r.detail).toContain('重新打包为 .zip');
    }
  });

  it('a zip given where one table is expected says it is an archive, or why it cannot be opened', async () => {
    const good = await readSubmission('a.zip', zipSync({ 'a.xlsx': book }));
    expect(!good.ok && good.detail).toContain('压缩包');
    const broken = zipSync({ 'a.xlsx': book, 'b.txt': strToU8('x') });
    const r = await readSubmission('a.zip', broken.subarray(0, broken.length - 5));
    expect(r.ok).toBe(false);
  });
});

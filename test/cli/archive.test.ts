/**
 * `zhendi check` on a zip of the sample batch gives the result of the folder itself: the same
 * units, files and findings, the files named below the archive. A unit's own zip inside the
 * zip and a name written in GB18030 read the same; a broken archive costs only itself.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync, zipSync } from 'fflate';
import { crc32 } from '../../src/xlsx/zipGuard';
import { rawZip, type RawEntry } from '../xlsx/helpers';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/zhendi.cjs');
const SUBS = path.join(ROOT, 'samples/submissions');
const ROSTER = path.join(ROOT, 'samples/单位名单.xlsx');

interface Report {
  files: { file: string; status: string; unit: string | null }[];
  findings: { rule: string; unit: string | null; file: string | null; sheet: string | null; cell: string | null; message: string }[];
  units: { files: string[] }[];
}

function check(cwd: string, input: string, extra: string[] = []): Report {
  const json = path.join(cwd, `${path.basename(input)}.json`);
  const r = spawnSync(process.execPath, [BIN, 'check', input, '--roster', ROSTER, '--as-of', '2024-11-20', '--json', json, ...extra], { cwd, encoding: 'utf8', env: { ...process.env, INIT_CWD: cwd } });
  if (r.status !== 0 && r.status !== 1) throw new Error(r.stderr);
  return JSON.parse(fs.readFileSync(json, 'utf8'));
}

/** What a report says, each file named by its own name (the sample files' names are unique). */
function said(r: Report) {
  const name = (f: string | null) => (f ? path.posix.basename(f) : f);
  const sorted = <T>(xs: T[]) => xs.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return {
    files: sorted(r.files.map((f) => ({ ...f, file: name(f.file) }))),
    findings: sorted(r.findings.map((f) => ({ ...f, file: name(f.file) }))),
    units: r.units.map((u) => ({ ...u, files: u.files.map(name).sort() })),
  };
}

/** 机电工程学院-网站.xlsx in GB18030, as Chinese Windows' own zip writes it. */
const GBK = new Uint8Array([0xbb, 0xfa, 0xb5, 0xe7, 0xb9, 0xa4, 0xb3, 0xcc, 0xd1, 0xa7, 0xd4, 0xba, 0x2d, 0xcd, 0xf8, 0xd5, 0xbe, 0x2e, 0x78, 0x6c, 0x73, 0x78]);

describe('check on a zip of submissions', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhendi-zip-'));
    fs.cpSync(SUBS, path.join(dir, '收件'), { recursive: true });
    const names = fs.readdirSync(SUBS).sort();
    const entries: RawEntry[] = names.map((n) => {
      const data = new Uint8Array(fs.readFileSync(path.join(SUBS, n)));
      const e: RawEntry = { name: `收件/${n}`, data: deflateSync(data), method: 8, size: data.length, crc: crc32(data), flags: 0x800 };
      if (n === '团委.xlsx') {
        const inner = zipSync({ [n]: data });
        return { name: `收件/化学.zip`, data: inner, method: 0, size: inner.length };
      }
      return e;
    });
    // The GB18030 entry sits at the top of the archive (no folder), as it would be renamed by hand.
    const gbk = entries.findIndex((e) => e.name === '收件/机电工程学院-网站.xlsx');
    entries[gbk] = { ...entries[gbk]!, nameBytes: GBK, flags: 0 };
    fs.writeFileSync(path.join(dir, '材料.zip'), rawZip(entries));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds what the folder itself gives', () => {
    const folder = said(check(dir, '收件'));
    const zip = check(dir, '材料.zip');
    expect(zip.files.map((f) => f.file)).toEqual(expect.arrayContaining(['材料.zip/收件/信息工程学院.xlsx', '材料.zip/机电工程学院-网站.xlsx', '材料.zip/收件/化学.zip/团委.xlsx']));
    const fromZip = said(zip);
    expect(fromZip.files).toEqual(folder.files);
    expect(fromZip.findings).toEqual(folder.findings);
    expect(fromZip.units).toEqual(folder.units);
    expect(folder.findings.length).toBeGreaterThan(20);
  });

  it('uses the roster found inside the archive, and checks the rest as submissions', () => {
    const withRoster = path.join(dir, '全部.zip');
    const files: Record<string, Uint8Array> = { '单位名单.xlsx': new Uint8Array(fs.readFileSync(ROSTER)) };
    for (const n of fs.readdirSync(SUBS)) files[`收件/${n}`] = new Uint8Array(fs.readFileSync(path.join(SUBS, n)));
    fs.writeFileSync(withRoster, zipSync(files));
    const json = path.join(dir, 'all.json');
    const r = spawnSync(process.execPath, [BIN, 'check', '全部.zip', '--as-of', '2024-11-20', '--json', json], { cwd: dir, encoding: 'utf8', env: { ...process.env, INIT_CWD: dir } });
    expect(r.stdout).toContain('已按内容识别 单位名单：全部.zip/单位名单.xlsx');
    const got: Report = JSON.parse(fs.readFileSync(json, 'utf8'));
    expect(got.files.some((f) => f.file.endsWith('单位名单.xlsx'))).toBe(false);
    // The same as the folder checked with --roster.
    expect(said(got)).toEqual(said(check(dir, '收件')));
  });

  it('writes return copies of files inside the archive', () => {
    const out = path.join(dir, '退回');
    check(dir, '材料.zip', ['--return-dir', out]);
    const fromFolder = path.join(dir, '退回-folder');
    check(dir, '收件', ['--return-dir', fromFolder]);
    expect(fs.readdirSync(out).sort()).toEqual(fs.readdirSync(fromFolder).sort());
    expect(fs.readdirSync(out).length).toBeGreaterThan(3);
  });

  it('a broken archive is one refused file; the rest of the batch is read', () => {
    const mixed = path.join(dir, 'mixed');
    fs.mkdirSync(mixed);
    const zip = fs.readFileSync(path.join(dir, '材料.zip'));
    fs.writeFileSync(path.join(mixed, '坏.zip'), zip.subarray(0, 4000));
    fs.copyFileSync(path.join(SUBS, '信息工程学院.xlsx'), path.join(mixed, '信息工程学院.xlsx'));
    const r = check(dir, 'mixed');
    expect(r.files.map((f) => [f.file, f.status]).sort()).toEqual([
      ['mixed/信息工程学院.xlsx', 'accepted'],
      ['mixed/坏.zip', 'rejected'],
    ]);
    const bad = r.findings.find((f) => f.file === 'mixed/坏.zip');
    expect(bad).toMatchObject({ rule: 'file-unreadable' });
    expect(bad!.message).toContain('压缩包已损坏');
  });
});

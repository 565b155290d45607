/**
 * Paths that are no ordinary file, or stop being one: a FIFO or a link to /dev/zero named like a
 * submission, a sparse file of gigabytes, a file gone between listing and reading, a folder named
 * .xlsx. Each is a refused read with a Chinese reason, at once, and a batch around them (one
 * thread and the worker pool) reads every other file as usual.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSubmission } from '../../src/cli/files';
import { goodBook, hostileFiles } from '../hostile/corpus';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/zhendi.cjs');
const GB = 1024 * 1024 * 1024;
const hasMkfifo = spawnSync('mkfifo', ['--version']).status === 0;

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhendi-paths-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Makes the special paths in `at`; returns the names made and the rule each must get. */
function specials(at: string): Record<string, string> {
  const made: Record<string, string> = {};
  fs.writeFileSync(path.join(at, '稀疏.xlsx'), '');
  fs.truncateSync(path.join(at, '稀疏.xlsx'), 3 * GB); // no disk used: a hole
  made['稀疏.xlsx'] = 'file-too-large';
  fs.symlinkSync(path.join(at, '不存在的文件.xlsx'), path.join(at, '失效链接.xlsx'));
  made['失效链接.xlsx'] = 'file-unreadable';
  const wide = hostileFiles().find((f) => f.kind === 'xlswide')!;
  fs.writeFileSync(path.join(at, wide.name), wide.bytes);
  made[wide.name] = 'read-limit';
  // Named like submissions: listed and refused with a reason, never waited on.
  if (hasMkfifo) {
    execFileSync('mkfifo', [path.join(at, '管道.csv')]);
    made['管道.csv'] = 'file-unsupported';
  }
  fs.symlinkSync('/dev/zero', path.join(at, '零设备.xlsx'));
  made['零设备.xlsx'] = 'file-unsupported';
  fs.mkdirSync(path.join(at, '文件夹.xlsx'));
  return made;
}

describe('loadSubmission on paths that are no ordinary file', () => {
  const cases: [string, (p: string) => void, string, RegExp][] = [
    ['a FIFO', (p) => execFileSync('mkfifo', [p]), 'unsupported', /不是普通文件/],
    ['a link to /dev/zero', (p) => fs.symlinkSync('/dev/zero', p), 'unsupported', /不是普通文件/],
    ['a sparse 3 GB file', (p) => (fs.writeFileSync(p, ''), fs.truncateSync(p, 3 * GB)), 'too-large', /3072 MB/],
    ['a path that is gone', () => undefined, 'unreadable', /不存在/],
    ['a folder', (p) => fs.mkdirSync(p), 'unreadable', /文件夹/],
  ];
  it.each(cases)('%s is refused at once', async (what, make, problem, detail) => {
    if (what === 'a FIFO' && !hasMkfifo) return;
    const p = path.join(dir, `${what.replace(/\W/g, '')}.xlsx`);
    make(p);
    const t = Date.now();
    const sub = await loadSubmission(p);
    expect(Date.now() - t).toBeLessThan(2000);
    expect(sub.read).toMatchObject({ ok: false, problem });
    if (!sub.read.ok) expect(sub.read.detail).toMatch(detail);
  });

  it('refuses a file it may not read, when permissions apply', async () => {
    if (process.getuid?.() === 0) return; // root reads everything
    const p = path.join(dir, '无权限.xlsx');
    fs.writeFileSync(p, goodBook('无权限单位', '13900000001'));
    fs.chmodSync(p, 0);
    const sub = await loadSubmission(p);
    expect(sub.read).toMatchObject({ ok: false, problem: 'unreadable' });
    if (!sub.read.ok) expect(sub.read.detail).toMatch(/权限/);
  });
});

interface Report {
  files: { file: string; status: string }[];
  findings: { rule: string; file: string | null }[];
}

describe.each([
  ['one thread', 3],
  ['the worker pool', 45],
])('a batch with such paths, through %s', (_how, goods) => {
  it('ends, with each path refused and every good file read', () => {
    const input = fs.mkdtempSync(path.join(dir, 'batch-'));
    for (let i = 0; i < goods; i++) fs.writeFileSync(path.join(input, `良好单位${i + 1}.xlsx`), goodBook(`良好单位${i + 1}`, `1360000${String(1000 + i)}`));
    const made = specials(input);
    const r = spawnSync(process.execPath, [BIN, 'check', input, '--as-of', '2024-11-20', '--json', 'r.json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, INIT_CWD: dir }, timeout: 120_000 });
    expect(r.status).toBe(0);
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'r.json'), 'utf8')) as Report;
    const base = (p: string | null) => (p ?? '').replace(/^.*\//, '');
    for (const [name, rule] of Object.entries(made)) expect([name, report.findings.some((f) => base(f.file) === name && f.rule === rule)]).toEqual([name, true]);
    const good = report.files.filter((f) => base(f.file).startsWith('良好单位'));
    expect(good.map((f) => f.status)).toEqual(new Array(goods).fill('accepted'));
  }, 150_000);
});

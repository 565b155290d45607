/**
 * The hostile corpus through the CLI's worker pool, in one batch with 20 good files: the report
 * and workbook are written, the good files' results are those of a clean run, every hostile
 * file has the finding that names its problem, and the run stays within the stated bounds
 * (peak RSS of the whole CLI process, worker threads included, and wall time).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXPECTED_RULE, goodFiles, hostileFiles, otherProducerFiles, type CorpusFile } from './corpus';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/zhendi.cjs');

interface Report {
  files: { file: string; unit: string | null; status: string; sheets: { sheet: string; form: string | null; rows: number }[] }[];
  findings: { rule: string; file: string | null; sheet: string | null; cell: string | null; message: string; unit: string | null }[];
}

/** Runs `zhendi check` on a folder; returns the report, the workbook's size, peak RSS (MB) and seconds. */
function check(dir: string, files: CorpusFile[], tag: string) {
  const input = path.join(dir, tag);
  fs.mkdirSync(input);
  for (const f of files) fs.writeFileSync(path.join(input, f.name), f.bytes);
  const peak = path.join(dir, `${tag}.peak`);
  const preload = path.join(dir, 'peak.cjs');
  // maxRSS covers the whole process: the main thread and every worker thread.
  fs.writeFileSync(preload, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(peak)}, String(process.resourceUsage().maxRSS)));`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['-r', preload, BIN, 'check', input, '--as-of', '2024-11-20', '--json', `${tag}.json`, '--out', `${tag}.xlsx`], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, INIT_CWD: dir },
    timeout: 170_000,
  });
  const seconds = (Date.now() - t0) / 1000;
  expect(r.stderr).not.toMatch(/错误：|Error/);
  expect(r.status).toBe(0);
  const report = JSON.parse(fs.readFileSync(path.join(dir, `${tag}.json`), 'utf8')) as Report;
  const workbook = fs.statSync(path.join(dir, `${tag}.xlsx`)).size;
  return { report, workbook, rssMb: Number(fs.readFileSync(peak, 'utf8')) / 1024, seconds };
}

/** What a file's result is, without the batch path prefix. */
function resultOf(r: Report, name: string) {
  const base = (p: string | null) => (p ?? '').replace(/^.*\//, '');
  return {
    file: r.files.filter((f) => base(f.file) === name).map((f) => ({ ...f, file: name })),
    findings: r.findings.filter((f) => base(f.file) === name).map((f) => ({ ...f, file: name })),
  };
}

describe('hostile corpus in one batch through the worker pool', () => {
  const good = goodFiles(20);
  const hostile = hostileFiles();
  const others = otherProducerFiles();
  let dir: string;
  let mixed: ReturnType<typeof check>;
  let clean: ReturnType<typeof check>;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhendi-hostile-'));
    expect(good.length + hostile.length + others.length).toBeGreaterThanOrEqual(40); // the pool's threshold
    mixed = check(dir, [...hostile, ...others, ...good], 'mixed');
    clean = check(dir, good, 'clean');
  }, 360_000);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  afterAll(() => process.stdout.write(`hostile corpus: ${mixed.seconds.toFixed(1)} s, peak RSS ${Math.round(mixed.rssMb)} MB\n`));

  it('writes the report and the workbook, within 1 GB peak RSS and 60 s', () => {
    expect(mixed.report.files).toHaveLength(good.length + hostile.length + others.length);
    expect(mixed.workbook).toBeGreaterThan(1000);
    expect(mixed.rssMb).toBeLessThan(1024);
    expect(mixed.seconds).toBeLessThan(60);
  });

  it('gives the good files exactly the results of a clean run', () => {
    for (const f of good) {
      const a = resultOf(mixed.report, f.name);
      expect(a.file).toHaveLength(1);
      expect(a.file[0]).toMatchObject({ status: 'accepted' });
      expect(a).toEqual(resultOf(clean.report, f.name));
    }
  });

  it('gives every hostile file the finding that names its problem', () => {
    const kinds = new Set(hostile.map((f) => f.kind));
    expect([...kinds].sort()).toEqual(Object.keys(EXPECTED_RULE).sort());
    for (const f of hostile) {
      const rules = resultOf(mixed.report, f.name).findings.map((x) => x.rule);
      expect([f.kind, rules.includes(EXPECTED_RULE[f.kind]!)]).toEqual([f.kind, true]);
    }
  });

  it('reads the other producers\' layouts and the formatted template like plain files', () => {
    for (const f of others) {
      const r = resultOf(mixed.report, f.name);
      expect([f.kind, r.file[0]?.status, r.file[0]?.sheets]).toEqual([f.kind, 'accepted', [{ sheet: '网站', form: 'website', rows: 2 }]]);
      expect([f.kind, r.findings.filter((x) => /^(file|sheet)-/.test(x.rule))]).toEqual([f.kind, []]);
    }
  });

  it('keeps each report line short: no finding message carries a megabyte string', () => {
    expect(Math.max(...mixed.report.findings.map((f) => f.message.length))).toBeLessThan(2000);
  });
});

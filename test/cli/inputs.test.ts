/**
 * Files recognised by content among the paths given: a roster, a score workbook or an earlier
 * result dropped into the submissions folder is used as what it is, never checked as a unit,
 * and the run equals the one with the same files passed by flag.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/zhendi.cjs');
const SAMPLES = path.join(ROOT, 'samples');

interface Report {
  files: { file: string; status: string }[];
  findings: { rule: string; unit: string | null; file: string | null; cell: string | null }[];
  ranking: { unit: string; score: number | null; rank: number | null; grade: string; adjustments: { points: number }[] }[];
}

function zhendi(cwd: string, args: string[]): { report: Report; stdout: string } {
  const r = spawnSync(process.execPath, [BIN, ...args, '--as-of', '2024-11-20', '--json', 'r.json'], { cwd, encoding: 'utf8', env: { ...process.env, INIT_CWD: cwd } });
  if (r.status !== 0) throw new Error(r.stderr || r.stdout);
  return { report: JSON.parse(fs.readFileSync(path.join(cwd, 'r.json'), 'utf8')) as Report, stdout: r.stdout };
}

const base = (f: string | null) => (f ?? '').split('/').pop();
/** The copies' names (a.xlsx, b.xlsx) told as the originals'. */
const RENAMED: Record<string, string> = { 'a.xlsx': '单位名单.xlsx', 'b.xlsx': '评分.xlsx' };
const findingKeys = (r: Report) => r.findings.map((f) => [f.rule, f.unit, RENAMED[base(f.file)!] ?? base(f.file), f.cell].join('|')).sort();
const ranking = (r: Report) => r.ranking.map((u) => [u.unit, u.score, u.rank, u.grade, u.adjustments.map((a) => a.points).join(',')].join('|'));

describe('roster, scores and results among the submissions', () => {
  let mixed: string;
  let flagged: string;
  beforeAll(() => {
    mixed = fs.mkdtempSync(path.join(os.tmpdir(), 'zhendi-mixed-'));
    flagged = fs.mkdtempSync(path.join(os.tmpdir(), 'zhendi-flagged-'));
    fs.cpSync(path.join(SAMPLES, 'submissions'), path.join(mixed, 'in'), { recursive: true });
    // Names that do not tell: the content decides.
    fs.copyFileSync(path.join(SAMPLES, '单位名单.xlsx'), path.join(mixed, 'in', 'a.xlsx'));
    fs.copyFileSync(path.join(SAMPLES, '评分.xlsx'), path.join(mixed, 'in', 'b.xlsx'));
  });
  afterAll(() => {
    fs.rmSync(mixed, { recursive: true, force: true });
    fs.rmSync(flagged, { recursive: true, force: true });
  });

  it('run over one folder equals run with --roster and --scores', () => {
    const one = zhendi(mixed, ['run', 'in', '--out', 'out.xlsx']);
    const flags = zhendi(flagged, ['run', path.join(SAMPLES, 'submissions'), '--roster', path.join(SAMPLES, '单位名单.xlsx'), '--scores', path.join(SAMPLES, '评分.xlsx'), '--out', 'out.xlsx']);
    expect(one.stdout).toContain('单位名单：in/a.xlsx');
    expect(one.stdout).toContain('评分文件：in/b.xlsx');
    expect(one.report.files.map((f) => base(f.file))).not.toEqual(expect.arrayContaining(['a.xlsx']));
    expect(one.report.files.map((f) => base(f.file))).not.toEqual(expect.arrayContaining(['b.xlsx']));
    expect(one.report.files).toHaveLength(flags.report.files.length);
    expect(findingKeys(one.report)).toEqual(findingKeys(flags.report));
    expect(ranking(one.report)).toEqual(ranking(flags.report));
    expect(one.report.ranking.filter((u) => u.score !== null).length).toBeGreaterThan(5);
  });

  it('check skips a result workbook found among the files', () => {
    const before = zhendi(mixed, ['check', 'in']);
    zhendi(mixed, ['run', 'in', '--out', 'out.xlsx']);
    fs.copyFileSync(path.join(mixed, 'out.xlsx'), path.join(mixed, 'in', 'c.xlsx'));
    try {
      const after = zhendi(mixed, ['check', 'in']);
      expect(after.stdout).toContain('结果工作簿：in/c.xlsx');
      expect(after.report.files.map((f) => base(f.file))).not.toEqual(expect.arrayContaining(['c.xlsx']));
      expect(findingKeys(after.report)).toEqual(findingKeys(before.report));
    } finally {
      fs.rmSync(path.join(mixed, 'in', 'c.xlsx'));
    }
  });

  it('an explicit --roster wins over one found among the files', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRows([['单位名称', '类别'], ['党委宣传部', '职能部门'], ['团委', '职能部门']]);
    const roster = path.join(flagged, 'small.xlsx');
    await wb.xlsx.writeFile(roster);
    const found = zhendi(mixed, ['check', 'in']);
    const given = zhendi(mixed, ['check', 'in', '--roster', roster]);
    const missing = (r: Report) => r.findings.filter((f) => f.rule === 'unit-missing').map((f) => f.unit);
    // The samples' roster lists 继续教育学院, which never submitted; the small one does not.
    expect(missing(found.report)).toContain('继续教育学院');
    expect(missing(given.report)).not.toContain('继续教育学院');
    expect(given.stdout).toContain('单位名单：in/a.xlsx');
    expect(given.report.files.map((f) => base(f.file))).not.toEqual(expect.arrayContaining(['a.xlsx']));
  });
});

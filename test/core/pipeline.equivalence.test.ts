/**
 * One pipeline behind every front end: `zhendi run --json` and the pane's engine (web page: every
 * file dropped at once, recognised by content) give the same JSON — findings, ranking with
 * adjustments, rectification keys — on the samples, on ../shared/fixtures/batch1 (when present)
 * and on a scored batch built here (two inspectors in two files, a CSV, a conflicting third file,
 * an unscored unit, a unit scored in one round only).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { zhCollator } from '../../src/core/findings';
import { DEFAULT_RUBRIC } from '../../src/core/scoring';
import { localEngine } from '../../src/taskpane/engine/local';
import { defaultSettings } from '../../src/taskpane/settings';
import { renderWorkbook } from '../../src/xlsx/write';
import { zipSync } from 'fflate';

const ROOT = path.resolve(__dirname, '../..');
const SHARED = path.resolve(ROOT, '../shared/fixtures/batch1');
const AS_OF = '2024-11-20';

interface Json {
  findings: { rule: string; file: string | null; unit: string | null; cell: string | null; message: string; severity: string }[];
  ranking?: { unit: string; score: number | null; grade: string; rank: number | null; categoryRank: number | null; adjustments: unknown[] }[];
  rectification?: { key: string }[];
  units: { unit: string; files: string[]; errors: number; warnings: number }[];
  files: { file: string; unit: string | null; status: string }[];
}

const base = (p: string | null) => (p === null ? null : p.replace(/^.*[\\/]/, ''));

/** The comparable part of a report: file paths as base names (the CLI shows paths, the pane names). */
function comparable(j: Json) {
  const findings = j.findings.map((f) => `${f.rule}|${f.severity}|${f.unit}|${base(f.file)}|${f.cell}|${f.message}`).sort();
  return {
    findings,
    ranking: j.ranking,
    rectification: (j.rectification ?? []).map((r) => r.key).sort(),
    units: j.units.map((u) => ({ ...u, files: u.files.map(base) })),
    files: j.files.map((f) => ({ file: base(f.file), unit: f.unit, status: f.status })),
  };
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

async function cliRun(subs: string, roster: string, scores: string[]): Promise<Json> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'zhendi-eq-'));
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    const code = await main(['run', subs, '--roster', roster, ...scores.flatMap((s) => ['--scores', s]), '--as-of', AS_OF, '--out', path.join(out, 'r.xlsx'), '--json', path.join(out, 'r.json')]);
    expect(code).toBe(0);
  } finally {
    process.stdout.write = write;
  }
  return JSON.parse(fs.readFileSync(path.join(out, 'r.json'), 'utf8')) as Json;
}

/** The web page: every file dropped at once into the engine, recognised by content. */
async function paneRun(subs: string, roster: string, scores: string[]): Promise<Json> {
  const engine = localEngine();
  // Dropped in any order: the engine files a batch by name, as the CLI lists a folder.
  const paths = [...scores, ...filesUnder(subs).reverse(), roster];
  const files = paths.map((p) => ({ name: path.basename(p), bytes: new Uint8Array(fs.readFileSync(p)), modified: fs.statSync(p).mtime.toISOString() }));
  const summary = await engine.addFiles(files);
  expect(summary.counts?.rosters).toBe(1);
  expect(summary.counts?.scores).toBe(scores.length);
  const r = await engine.recompute({ ...defaultSettings(), asOf: AS_OF });
  return r.json as unknown as Json;
}

/** The CLI names files by their path from the user's directory, the pane by name: compare names. */
function withNames(j: Json, paths: string[]): Json {
  const cwd = process.env.INIT_CWD ?? process.cwd();
  let text = JSON.stringify(j);
  const shown = paths.map((p) => path.relative(cwd, p).split(path.sep).join('/')).sort((a, b) => b.length - a.length);
  for (const s of shown) text = text.split(JSON.stringify(s).slice(1, -1)).join(JSON.stringify(path.basename(s)).slice(1, -1));
  return JSON.parse(text) as Json;
}

async function expectSame(subs: string, roster: string, scores: string[]): Promise<Json> {
  const cli = withNames(await cliRun(subs, roster, scores), [...filesUnder(subs), roster, ...scores]);
  const pane = await paneRun(subs, roster, scores);
  expect(comparable(pane)).toEqual(comparable(cli));
  return cli;
}

describe('CLI run --json and the pane engine give the same result', () => {
  it('on the samples with samples/评分.xlsx', async () => {
    const j = await expectSame(path.join(ROOT, 'samples/submissions'), path.join(ROOT, 'samples/单位名单.xlsx'), [path.join(ROOT, 'samples/评分.xlsx')]);
    expect(j.ranking!.length).toBeGreaterThan(5);
    expect(j.ranking!.some((r) => r.adjustments.length > 0)).toBe(true);
    expect(j.rectification!.length).toBeGreaterThan(0);
  });

  const shared = fs.existsSync(SHARED) ? it : it.skip;
  shared('on ../shared/fixtures/batch1', async () => {
    const j = await expectSame(path.join(SHARED, 'submissions'), path.join(SHARED, '单位名单.xlsx'), []);
    expect(j.findings.length).toBeGreaterThan(0);
  });

  it("on the samples with an online form's export holding three units' rows", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhendi-collected-'));
    fs.cpSync(path.join(ROOT, 'samples/submissions'), dir, { recursive: true });
    const header = ['提交时间', '填报单位', '序号', '网络平台', '账号名称', '账号ID', '粉丝人数', '开通日期', '主要用途', '管理员姓名', '联系电话', '备注'];
    const rows = [
      ['2024-11-01 10:00', '体育部', 1, '微信公众号', '东职体育', 'djty_1', 3200, '2019-09-01', '新闻发布', '周明', '13711112222', ''],
      ['2024-11-01 11:00', '图书馆', 2, '微信公众号', '东职图书馆', 'djtsg', '1.1万', '2018-03-01', '服务', '吴芳', '13711113333', ''],
      ['2024-11-02 09:00', '团委', 3, '抖音', '东职青年', 'djqn_dy', '', '2020-05-04', '宣传', '郑洁', '13711114444', ''],
    ];
    fs.writeFileSync(path.join(dir, '新媒体平台登记备案表（收集结果）.xlsx'), await renderWorkbook({ sheets: [{ name: '收集结果', columns: header.map((h) => ({ header: h })), rows: rows as never }] }));
    const j = await expectSame(dir, path.join(ROOT, 'samples/单位名单.xlsx'), [path.join(ROOT, 'samples/评分.xlsx')]);
    const parts = j.files.filter((f) => f.file.endsWith('（收集结果）.xlsx'));
    expect(parts.map((f) => f.unit ?? '').sort(zhCollator.compare)).toEqual(['体育部', '图书馆', '团委'].sort(zhCollator.compare));
    expect(j.findings.filter((f) => f.rule === 'file-split-by-unit')).toHaveLength(3);
  });

  it('on the samples sent as one zip (a unit\'s own zip inside)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhendi-zipped-'));
    const subs = path.join(ROOT, 'samples/submissions');
    const files: Record<string, Uint8Array> = {};
    const unitZip: Record<string, Uint8Array> = {};
    for (const n of fs.readdirSync(subs)) (n.startsWith('机电') ? unitZip : files)[n.startsWith('机电') ? n : `收件/${n}`] = new Uint8Array(fs.readFileSync(path.join(subs, n)));
    files['机电工程学院.zip'] = zipSync(unitZip);
    fs.writeFileSync(path.join(dir, '材料.zip'), zipSync(files));
    const j = await expectSame(dir, path.join(ROOT, 'samples/单位名单.xlsx'), [path.join(ROOT, 'samples/评分.xlsx')]);
    expect(j.files.filter((f) => f.file.startsWith('材料.zip/机电工程学院.zip/'))).toHaveLength(6);
    expect(j.files).toHaveLength(fs.readdirSync(subs).length);
  });

  it('on a scored batch: two inspectors, a CSV, a conflicting file, unscored and one-round units', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhendi-scored-'));
    const rosterUnits = ['信息工程学院', '机电工程学院', '经济管理学院', '艺术设计学院', '马克思主义学院', '团委', '党委宣传部'];
    const header = ['轮次', '检查人', '单位', '二级指标', '得分', '扣分说明'];
    // Deterministic half-point scores within each indicator's maximum.
    const score = (u: number, i: number, who: number, round: number) => {
      const max = DEFAULT_RUBRIC.indicators[i]!.max;
      return Math.max(0, max - (((u * 7 + i * 3 + who * 5 + round) % 5) * 0.5));
    };
    const rows = (who: number, name: string) =>
      rosterUnits.flatMap((unit, u) =>
        [1, 2].flatMap((round) => {
          if (unit === '党委宣传部') return []; // never scored: 未评分
          if (unit === '团委' && round === 2) return []; // one round only
          return DEFAULT_RUBRIC.indicators.map((ind, i) => [round === 1 ? '上半年' : '下半年', name, unit, ind.level2, score(u, i, who, round), score(u, i, who, round) < ind.max ? '内容不全' : '']);
        }),
      );
    const book = (rowsOf: unknown[][]) => renderWorkbook({ sheets: [{ name: '评分', columns: header.map((h) => ({ header: h })), rows: rowsOf as never }] });
    fs.writeFileSync(path.join(dir, '评分-张明.xlsx'), await book(rows(0, '张明')));
    const csv = [header, ...rows(1, '李华')].map((r) => r.join(',')).join('\n');
    fs.writeFileSync(path.join(dir, '评分-李华.csv'), '\ufeff' + csv);
    // A third file repeats one of 张明's entries with another value: flagged with both files.
    fs.writeFileSync(path.join(dir, '评分-复核.xlsx'), await book([['上半年', '张明', '信息工程学院', '新闻动态', 9, '复核']]));
    // The pane files a drop by name; the CLI takes --scores in the order given: give that order.
    const scores = ['评分-张明.xlsx', '评分-李华.csv', '评分-复核.xlsx'].sort(zhCollator.compare).map((f) => path.join(dir, f));
    const j = await expectSame(path.join(ROOT, 'samples/submissions'), path.join(ROOT, 'samples/单位名单.xlsx'), scores);
    expect(j.findings.some((f) => f.rule === 'score-conflict' && f.message.includes('评分-张明.xlsx') && f.message.includes('评分-复核.xlsx'))).toBe(true);
    expect(j.findings.some((f) => f.rule === 'score-round-missing' && f.unit === '团委')).toBe(true);
    expect(j.ranking!.find((r) => r.unit === '团委')!.rank).toEqual(expect.any(Number));
  });
});

/**
 * A result opened without the submissions behind it (an inspector scores in the result the office
 * sent): the download keeps its check (导入记录, 校验结果, 汇总, 单位概况), and with it the
 * deductions, ranking, bonuses and rectification items; a score typed then moves the ranking.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SheetGrid, WorkbookGrid } from '../../src/core/grid';
import { defaultSettings } from '../../src/core/params';
import { EngineCore } from '../../src/taskpane/engine/core';
import { readBackSheets } from '../../src/xlsx/read';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/zhendi.cjs');
const SAMPLES = path.join(ROOT, 'samples');
const CHECK_SHEETS = ['导入记录', '单位概况', '汇总_网站平台', '汇总_新媒体平台', '汇总_僵尸群清理', '汇总_工作群组', '汇总_网络大V'];

const values = (s: SheetGrid | undefined) => (s?.rows ?? []).map((r) => (r ?? []).map((c) => c?.v ?? null)).filter((r) => r.some((v) => v !== null && v !== ''));
const sheet = (wb: WorkbookGrid, name: string) => wb.sheets.find((s) => s.name === name);
/** Rows of a sheet under its header, as header → value. */
function rows(wb: WorkbookGrid, name: string, must: string): Record<string, unknown>[] {
  const v = values(sheet(wb, name));
  const h = v.findIndex((r) => r.includes(must));
  return v.slice(h + 1).map((r) => Object.fromEntries(v[h]!.map((k, i) => [String(k), r[i] ?? null])));
}

describe('a result opened alone', () => {
  let dir: string;
  let original: WorkbookGrid;
  let bytes: Uint8Array;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhendi-alone-'));
    const args = ['run', path.join(SAMPLES, 'submissions'), '--roster', path.join(SAMPLES, '单位名单.xlsx'), '--scores', path.join(SAMPLES, '评分.xlsx'), '--as-of', '2024-11-20', '--out', 'r.xlsx'];
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, INIT_CWD: dir } });
    if (r.status !== 0) throw new Error(r.stderr);
    bytes = new Uint8Array(fs.readFileSync(path.join(dir, 'r.xlsx')));
    original = await readBackSheets(bytes);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const settings = { ...defaultSettings(new Date('2024-11-20T08:00:00Z')), asOf: '2024-11-20' };

  async function reopened(): Promise<EngineCore> {
    const e = new EngineCore(null);
    await e.openResult({ name: '结果.xlsx', bytes });
    return e;
  }

  it('keeps the check sheets, the ranking and the rectification items', async () => {
    const after = await readBackSheets(await (await reopened()).download(settings));
    for (const name of CHECK_SHEETS) expect([name, values(sheet(after, name))]).toEqual([name, values(sheet(original, name))]);
    const checkRows = (wb: WorkbookGrid) => rows(wb, '校验结果', '级别').filter((r) => !/^(score|rubric|adjustment|params|rect)-/.test(String(r['规则'])));
    expect(checkRows(after)).toEqual(checkRows(original));
    expect(checkRows(after).length).toBeGreaterThan(20);
    // Scores, deductions, bonuses (now read from the result's own 加减分), grades and ranks.
    const ranked = (wb: WorkbookGrid) => rows(wb, '考核排名', '年度得分').map((r) => [r['单位'], r['年度得分'], r['等级'], r['排名']]);
    expect(ranked(after)).toEqual(ranked(original));
    expect(ranked(after).filter((r) => typeof r[1] === 'number').length).toBeGreaterThan(10);
    const items = (wb: WorkbookGrid) => rows(wb, '整改台账', '整改状态').map((r) => Object.values(r).slice(-1)[0]).sort();
    expect(items(after)).toEqual(items(original));
  });

  it('a score typed into it moves the unit, and the check stays', async () => {
    const e = await reopened();
    const before = rows(original, '考核排名', '年度得分').find((r) => r['单位'] === '信息工程学院')!;
    const rubric = e.recompute(settings).rubric;
    const ind = rubric.indicators[0]!;
    const r = await e.setScore({ unit: '信息工程学院', indicatorId: ind.id, round: 1, inspector: '新检查人', value: 0 }, settings);
    expect(r.ok).toBe(true);
    const after = await readBackSheets(await e.download(settings));
    const now = rows(after, '考核排名', '年度得分').find((r) => r['单位'] === '信息工程学院')!;
    expect(Number(now['年度得分'])).toBeLessThan(Number(before['年度得分']));
    for (const name of CHECK_SHEETS) expect([name, values(sheet(after, name))]).toEqual([name, values(sheet(original, name))]);
  });
});

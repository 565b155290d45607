/**
 * Score workbooks shaped as offices receive them from several inspectors, run the way `run`
 * runs them (classify → scoreBookSheets → pipeline): totals, grades, ranks and findings must be
 * those of the same scores in the documented long layout.
 */
import { scoreBookSheets } from '../../../src/core/classify';
import type { SheetGrid, WorkbookGrid } from '../../../src/core/grid';
import { runPipeline } from '../../../src/core/pipeline';
import { DEFAULT_RUBRIC, inspectorInSheetName } from '../../../src/core/scoring';
import type { Roster } from '../../../src/core/units';
import { grid } from './helpers';

type V = string | number | null;
const roster: Roster = { units: [
  { name: '信息工程学院', category: '教学单位', aliases: ['信工学院'], head: null, phone: null },
  { name: '护理学院', category: '教学单位', aliases: [], head: null, phone: null },
  { name: '财务处', category: '职能部门', aliases: [], head: null, phone: null },
] };
const UNITS = roster.units.map((u) => u.name);
const INDS = DEFAULT_RUBRIC.indicators;
const ROUND = { 1: '上半年', 2: '下半年' } as const;
const INSPECTORS = { 1: ['张三', '李四'], 2: ['王五'] } as const;
type R = keyof typeof INSPECTORS;
const each = (f: (round: R, inspector: string) => void) => ([1, 2] as R[]).forEach((r) => INSPECTORS[r].forEach((p) => f(r, p)));

/** A fixed, uneven score per round × inspector × unit × indicator (0.5 steps, within bounds). */
function score(round: R, inspector: string, unit: string, i: number): number {
  let h = round * 31 + i * 7;
  for (const c of inspector + unit) h = (h * 33 + c.charCodeAt(0)) % 1000003;
  return Math.max(0, INDS[i]!.max - (h % 7) * 0.5);
}

/** The documented layout: one long 评分 sheet. */
function plain(): WorkbookGrid {
  const rows: V[][] = [['轮次', '检查人', '单位', '二级指标', '得分', '扣分说明']];
  each((r, p) => UNITS.forEach((u) => INDS.forEach((ind, i) => rows.push([ROUND[r], p, u, ind.level2, score(r, p, u, i), null]))));
  return { sheets: [grid('评分', rows)] };
}

function run(books: { file: string; sheets: SheetGrid[] }[]) {
  const scoreBooks = books.flatMap((b) => scoreBookSheets({ sheets: b.sheets }).map((sheet) => ({ file: b.file, sheet })));
  return runPipeline({ submissions: [], roster, scoreBooks, params: { asOf: '2024-11-20' }, mode: 'run' });
}
const outcome = (r: ReturnType<typeof run>) => r.run!.ranking.map((x) => [x.unit, x.score, x.grade, x.rank, x.roundTotals]);
const scoringRules = (r: ReturnType<typeof run>) => r.findings.filter((f) => f.rule.startsWith('score-')).map((f) => f.rule);
const base = run([{ file: '评分.xlsx', sheets: plain().sheets }]);

it('the plain layout scores every unit in both rounds', () => {
  expect(base.run!.ranking.every((x) => x.score !== null && Object.keys(x.roundTotals).length === 2)).toBe(true);
});

describe('a sheet per inspector or per round, in one workbook', () => {
  it('sheets named after the inspectors keep each inspector (none replaces another)', () => {
    const names = [...new Set(Object.values(INSPECTORS).flat())];
    const sheets = names.map((p) => {
      const rows: V[][] = [['轮次', '单位', '二级指标', '得分']];
      each((r, q) => q === p && UNITS.forEach((u) => INDS.forEach((ind, i) => rows.push([ROUND[r], u, ind.level2, score(r, p, u, i)]))));
      return grid(p === '李四' ? `${p}评分` : p, rows);
    });
    const r = run([{ file: '检查评分.xlsx', sheets }]);
    expect(outcome(r)).toEqual(outcome(base));
    expect(scoringRules(r)).toEqual(scoringRules(base));
  });

  it('sheets named after the rounds (上半年 | 第二次检查) give each its round, findings located on them', () => {
    const sheets = ([1, 2] as R[]).map((r) => {
      const rows: V[][] = [['检查人', '单位', '二级指标', '得分']];
      INSPECTORS[r].forEach((p) => UNITS.forEach((u) => INDS.forEach((ind, i) => rows.push([p, u, ind.level2, score(r, p, u, i)]))));
      return grid(r === 1 ? '上半年' : '第二次检查', rows);
    });
    const r = run([{ file: '检查评分.xlsx', sheets }]);
    expect(outcome(r)).toEqual(outcome(base));
    expect(scoringRules(r)).toEqual(scoringRules(base));
    expect(new Set(r.findings.filter((f) => f.rule === 'score-disagreement').map((f) => f.sheet))).toEqual(new Set(['上半年']));
  });

  it('near miss: two unnamed sheets scoring the same unit are flagged as a conflict, not silently replaced', () => {
    const sheet = (name: string, points: number) => grid(name, [['轮次', '单位', '二级指标', '得分'], ['上半年', '护理学院', '栏目规划', points]]);
    const r = run([{ file: '检查评分.xlsx', sheets: [sheet('Sheet1', 3), sheet('Sheet2', 2)] }]);
    expect(scoringRules(r)).toContain('score-conflict');
  });

  it.each([
    ['张三', '张三'], ['张三评分', '张三'], ['2024年上半年-李四', '李四'], ['检查人：欧阳明月', '欧阳明月'],
    ['评分', ''], ['Sheet1', ''], ['上半年', ''], ['汇总', ''], ['附件1', ''], ['护理学院', ''], ['总表', ''],
  ])('sheet %s names inspector “%s”', (name, inspector) => {
    expect(inspectorInSheetName(name)).toBe(inspector);
  });
});

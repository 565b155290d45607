/**
 * 加分 / 减分 columns in the wide layout (a row per unit, a column per indicator): a 加分 is the
 * unit's bonus, with its reason; a 减分 or 扣分 is counted only through the indicators' scores.
 */
import { DEFAULT_RUBRIC, isAdjustmentSheet, parseAdjustments, parseScores } from '../../../src/core/scoring';
import { runPipeline } from '../../../src/core/pipeline';
import type { SheetGrid } from '../../../src/core/grid';
import { grid } from './helpers';

type V = string | number | null;
const ctx = { file: 's.xlsx', rubric: DEFAULT_RUBRIC, units: ['护理学院', '财务处'] };
const IND = DEFAULT_RUBRIC.indicators;
const full = IND.map((i) => i.max);
const head = (...extra: string[]): V[] => ['单位', ...IND.map((i) => i.level2), ...extra];
const sheetOf = (rows: V[][]) => grid('上半年', rows);
const run = (sheets: SheetGrid[]) =>
  runPipeline({ submissions: [], roster: null, scoreBooks: sheets.map((sheet) => ({ file: '张三.xlsx', sheet })), params: { asOf: '2024-11-20' }, mode: 'run' });
const rules = (r: { findings: { rule: string; cell: string | null }[] }) => r.findings.map((f) => `${f.rule}@${f.cell}`);

describe('a 加分 column', () => {
  it('is the unit’s bonus, its reason from the 加分说明 column; the indicators still count', () => {
    const r = parseScores(sheetOf([head('加分', '加分说明'), ['护理学院', ...full, 2, '获省级优秀网站'], ['财务处', ...full, null, null]]), ctx);
    expect(r.findings).toEqual([]);
    expect(r.entries).toHaveLength(IND.length * 2);
    expect(r.adjustments.map((a) => `${a.unit}/${a.kind}/${a.points}/${a.note}/${a.cell}`)).toEqual([`护理学院/bonus/2/获省级优秀网站/L2`]);
  });

  it.each([['+2', 2], ['加2分', 2], ['２分', 2], ['0', null], ['无', null]] as const)('written %s', (written, points) => {
    const r = parseScores(sheetOf([head('加分项', '备注'), ['护理学院', ...full, written, '创新栏目']]), ctx);
    expect(r.findings).toEqual([]);
    expect(r.adjustments.map((a) => a.points)).toEqual(points === null ? [] : [points]);
  });

  it('reaches the ranking as 创新与获奖', () => {
    const r = run([sheetOf([head('加分', '加分原因'), ['护理学院', ...full, 1.5, '获奖']])]);
    const row = r.run!.ranking.find((x) => x.unit === '护理学院')!;
    expect(row.score).toBe(100);
    expect(row.adjustments.map((a) => [a.indicator, a.points])).toEqual([['创新与获奖', 1.5], ['分值限定', -1.5]]);
    const under = run([sheetOf([head('加分', '加分原因'), ['护理学院', 2, ...full.slice(1), 1.5, '获奖']])]).run!.ranking.find((x) => x.unit === '护理学院')!;
    expect(under.score).toBe(100);
    expect(under.adjustments.map((a) => [a.indicator, a.points])).toEqual([['创新与获奖', 1.5], ['分值限定', -0.5]]);
  });

  it('near miss: a negative or unreadable 加分 is flagged at its cell, not counted', () => {
    const r = parseScores(sheetOf([head('加分'), ['护理学院', ...full, '-1'], ['财务处', ...full, '若干']]), ctx);
    expect(r.adjustments).toEqual([]);
    expect(rules(r)).toEqual(['adjustment-invalid@L2', 'adjustment-invalid@L3']);
  });
});

describe('a 减分 or 扣分 column', () => {
  it('equal to what the indicators lost is their sum: no finding, counted once through the scores', () => {
    const lost = [2, ...full.slice(1, -1), full[full.length - 1]! - 1];
    const r = parseScores(sheetOf([head('扣分', '合计'), ['护理学院', 1, ...lost.slice(1), 3, 97]]), ctx);
    expect(r.findings).toEqual([]);
    expect(r.adjustments).toEqual([]);
  });

  it('near miss: a 减分 beyond the indicators is flagged at its cell and not counted', () => {
    const r = parseScores(sheetOf([head('减分', '减分原因'), ['护理学院', ...full, 2, '发布错误信息']]), ctx);
    expect(r.adjustments).toEqual([]);
    expect(rules(r)).toEqual(['adjustment-invalid@L2']);
    expect(r.findings[0]!.message).toContain('发布错误信息');
  });
});

describe('indicator columns that hold deductions', () => {
  it.each([
    ['新闻动态扣分', (n: string) => `${n}扣分`],
    ['扣分：新闻动态', (n: string) => `扣分：${n}`],
    ['新闻动态（扣分）', (n: string) => `${n}（扣分）`],
  ])('headed %s: the score is the points less the deduction', (_, name) => {
    const row = IND.map((_, k) => (k === 0 ? 3 : 0));
    const r = run([sheetOf([['单位', ...IND.map((i) => name(i.level2))], ['护理学院', ...row]])]);
    const unit = r.run!.ranking.find((x) => x.unit === '护理学院')!;
    expect(unit.score).toBe(97);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('under a title saying the sheet records deductions (检查扣分情况表), plain indicator names hold deductions', () => {
    const row = IND.map((_, k) => (k === 1 ? 1.5 : 0));
    const r = run([grid('下半年', [['2024年下半年检查扣分情况表（填写扣分）'], head(), ['护理学院', ...row]])]);
    expect(r.run!.ranking.find((x) => x.unit === '护理学院')!.score).toBe(98.5);
  });

  it.each([
    ['得分 | 扣分说明', ['得分', '扣分说明'], (max: number) => [max - 2, '更新不及时'], (max: number) => max - 2],
    ['扣分 | 得分', ['扣分', '得分'], (max: number) => [2, max - 2], (max: number) => max - 2],
    ['扣分 | 得分, only 得分 filled', ['扣分', '得分'], (max: number) => [null, max - 3], (max: number) => max - 3],
  ])('each indicator merged over %s: its score (and note) read from the columns under it', (_, sub, cellsOf, want) => {
    const top: V[] = ['单位', ...IND.flatMap((i) => [i.level2, null])];
    const second: V[] = [null, ...IND.flatMap(() => sub)];
    const row: V[] = ['护理学院', ...IND.flatMap((i, k) => (k === 0 ? (cellsOf(i.max) as V[]) : sub[0] === '扣分' ? [0, i.max] : [i.max, null]))];
    const sheet = sheetOf([top, second, row]);
    sheet.merges = [{ top: 0, left: 0, bottom: 1, right: 0 }, ...IND.map((_, k) => ({ top: 0, left: 1 + 2 * k, bottom: 0, right: 2 + 2 * k }))];
    const r = parseScores(sheet, ctx);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const first = r.entries.find((e) => e.indicatorId === IND[0]!.id)!;
    expect(first.score).toBe(want(IND[0]!.max));
    if (sub[1] === '扣分说明') expect(first.note).toBe('更新不及时');
    expect(r.entries).toHaveLength(IND.length);
  });

  it('near miss: a title naming 得分 and 扣分 is a score sheet; a 扣分说明 column beside an indicator is no score', () => {
    const scores = [IND[0]!.max - 2, ...full.slice(1)];
    const r = run([grid('下半年', [['2024年下半年得分及扣分情况表'], head(), ['护理学院', ...scores]])]);
    expect(r.run!.ranking.find((x) => x.unit === '护理学院')!.score).toBe(98);
    const n = parseScores(sheetOf([['单位', IND[0]!.level2, `${IND[0]!.level2}扣分说明`, ...IND.slice(1).map((i) => i.level2)], ['护理学院', scores[0]!, '更新慢', ...full.slice(1)]]), ctx);
    expect(n.entries.filter((e) => e.indicatorId === IND[0]!.id).map((e) => e.score)).toEqual([scores[0]]);
    expect(n.findings).toEqual([]);
  });
});

describe('a 一票否决 column and a signed 加减分 column', () => {
  it('是 is a veto, 否 / blank nothing; the unit is 不合格', () => {
    const r = run([sheetOf([head('一票否决', '备注'), ['护理学院', ...full, '是', '发生泄密事件'], ['财务处', ...full, '否', null]])]);
    expect(r.findings.filter((f) => f.rule === 'adjustment-invalid')).toEqual([]);
    expect(r.run!.ranking.map((x) => [x.unit, x.grade, x.veto])).toEqual([['财务处', '优秀', false], ['护理学院', '不合格', true]]);
  });

  it('是 with its reason (是（网站被篡改）, 是：发布违规信息) is a veto for that reason; 否（已整改） none', () => {
    const r = run([sheetOf([head('一票否决'), ['护理学院', ...full, '是（网站被篡改）'], ['财务处', ...full, '否（已整改）']])]);
    expect(r.findings.filter((f) => f.rule === 'adjustment-invalid')).toEqual([]);
    expect(r.run!.ranking.map((x) => [x.unit, x.grade, x.veto])).toEqual([['财务处', '优秀', false], ['护理学院', '不合格', true]]);
    const p = parseScores(sheetOf([head('一票否决', '备注'), ['护理学院', ...full, '是：发布违规信息', '另记']]), ctx);
    expect(p.adjustments.map((a) => `${a.kind}/${a.note}`)).toEqual(['veto/发布违规信息']);
    // Near miss: a sentence is no answer.
    expect(rules(parseScores(sheetOf([head('一票否决'), ['护理学院', ...full, '待定（下周复查）']]), ctx))).toEqual(['adjustment-invalid@L2']);
  });

  it('near miss: a 加减分 of −1 is flagged, +1 counts', () => {
    const r = parseScores(sheetOf([head('加减分', '加减分说明'), ['护理学院', ...full, '－1', '迟报'], ['财务处', ...full, '+1', '获奖']]), ctx);
    expect(rules(r)).toEqual(['adjustment-invalid@L2']);
    expect(r.adjustments.map((a) => `${a.unit}/${a.points}/${a.note}`)).toEqual(['财务处/1/获奖']);
  });

  it('a wide sheet with a 加减分 column stays a score sheet when run', () => {
    const row = run([sheetOf([head('加减分', '加减分说明'), ['护理学院', 2, ...full.slice(1), '+1', '获奖']])]).run!.ranking.find((x) => x.unit === '护理学院')!;
    expect([row.base, row.score]).toEqual([99, 100]);
  });

  it('the same award given 2 and 3 by two inspectors is one bonus, the later’s, with a warning', () => {
    const sheet = (name: string, points: number) => grid(name, [['2024年上半年'], head('加分', '加分说明'), ['护理学院', 2, ...full.slice(1), points, '获省级奖']]);
    const r = run([sheet('张三', 2), sheet('李四', 3)]);
    const row = r.run!.ranking.find((x) => x.unit === '护理学院')!;
    expect(row.adjustments.filter((a) => a.indicator === '创新与获奖').map((a) => a.points)).toEqual([3]);
    const c = r.findings.filter((f) => f.rule === 'adjustment-conflict');
    expect(c).toHaveLength(1);
    expect(c[0]!.message).toContain('2 分');
    // Near miss: two awards of different reasons are two bonuses.
    const two = run([grid('张三', [['2024年上半年'], head('加分', '加分说明'), ['护理学院', 2, ...full.slice(1), 1, '获省级奖']]), grid('李四', [['2024年上半年'], head('加分', '加分说明'), ['护理学院', 2, ...full.slice(1), 1, '创新栏目']])]);
    expect(two.run!.ranking.find((x) => x.unit === '护理学院')!.adjustments.filter((a) => a.indicator === '创新与获奖')).toHaveLength(2);
  });

  it('the same bonus in two inspectors’ sheets counts once', () => {
    const sheet = (name: string) => grid(name, [['2024年上半年'], head('加分', '加分说明'), ['护理学院', 2, ...full.slice(1), 2, '获奖']]);
    const row = run([sheet('张三'), sheet('李四')]).run!.ranking.find((x) => x.unit === '护理学院')!;
    expect(row.adjustments.map((a) => [a.indicator, a.points])).toEqual([['创新与获奖', 2], ['分值限定', -1]]);
  });
});

describe('a 加减分 sheet without a 类型 column', () => {
  it('单位 | 加减分 | 说明 with signed values: + is a bonus, − is flagged (no deduction is entered by hand)', () => {
    const sheet = grid('Sheet1', [['单位', '加减分', '说明'], ['护理学院', '+2', '获省级奖'], ['财务处', '减1分', '迟报'], ['护理学院', '无', null]]);
    expect(isAdjustmentSheet(sheet)).toBe(true);
    const r = parseAdjustments(sheet, { file: 'a.xlsx', units: ['护理学院', '财务处'] });
    expect(r.adjustments.map((a) => `${a.unit}/${a.kind}/${a.points}/${a.note}`)).toEqual(['护理学院/bonus/2/获省级奖']);
    expect(rules(r)).toEqual(['adjustment-invalid@B3']);
  });

  it('near miss: a roster (单位 | 类别) is no 加减分 sheet', () => {
    expect(isAdjustmentSheet(grid('Sheet1', [['单位', '类别'], ['护理学院', '教学单位']]))).toBe(false);
  });
});

import { DEFAULT_RUBRIC, type Rubric, rubricFromGrid, rubricToSheet, validateRubric } from '../../../src/core/scoring';
import { indicatorCodes } from '../../../src/core/scoring/rubric';
import { grid } from './helpers';

describe('default rubric', () => {
  it('is seed 004: 10 indicators, 70 + 30 = 100, valid', () => {
    expect(DEFAULT_RUBRIC.indicators).toHaveLength(10);
    const sum = (l1: string) => DEFAULT_RUBRIC.indicators.filter((i) => i.level1 === l1).reduce((s, i) => s + i.max, 0);
    expect(sum('网站内容')).toBe(70);
    expect(sum('网站管理')).toBe(30);
    expect(validateRubric(DEFAULT_RUBRIC)).toEqual([]);
    expect(DEFAULT_RUBRIC.indicators.find((i) => i.level2 === '信息更新')?.standard).toBe('每月资讯、工作动态类信息更新不少于3篇。');
  });
});

describe('validateRubric', () => {
  const base = (): Rubric => structuredClone(DEFAULT_RUBRIC);
  it('flags maxima not summing to the total', () => {
    const r = base();
    r.indicators[0]!.max = 4;
    const f = validateRubric(r);
    expect(f.map((x) => x.rule)).toEqual(['rubric-invalid']);
    expect(f[0]!.message).toContain('101');
  });
  it('flags duplicate ids and duplicate names', () => {
    const r = base();
    r.indicators[1]!.id = r.indicators[0]!.id;
    r.indicators[3]!.level2 = '新闻动态';
    const msgs = validateRubric(r).map((x) => x.message);
    expect(msgs.some((m) => m.includes('编号'))).toBe(true);
    expect(msgs.some((m) => m.includes('二级指标“新闻动态”重复'))).toBe(true);
  });
  it('flags non-positive and non-half-step maxima', () => {
    const r: Rubric = {
      name: 'x',
      total: 10,
      indicators: [
        { id: 'a', level1: 'A', level2: 'a', max: 10.3, standard: '' },
        { id: 'b', level1: 'A', level2: 'b', max: -0.3, standard: '' },
      ],
    };
    const msgs = validateRubric(r).map((x) => x.message);
    expect(msgs.some((m) => m.includes('0.5'))).toBe(true);
    expect(msgs.some((m) => m.includes('不是正数'))).toBe(true);
  });
});

describe('rubricFromGrid', () => {
  it('reads back what rubricToSheet writes', () => {
    const model = rubricToSheet(DEFAULT_RUBRIC);
    const rows = [[model.title!], model.columns.map((c) => c.header), ...model.rows] as (string | number | null)[][];
    const { rubric, findings } = rubricFromGrid(grid('评分细则', rows), 'r.xlsx');
    expect(findings).toEqual([]);
    expect(rubric).toEqual(DEFAULT_RUBRIC);
  });

  it('prints places as 编号 (1.1 … 2.4), never our keys, and reads them back as the same ids', () => {
    const model = rubricToSheet(DEFAULT_RUBRIC);
    expect(model.rows.slice(0, 10).map((r) => r[0])).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '2.1', '2.2', '2.3', '2.4']);
    expect(JSON.stringify(model.rows)).not.toContain('content.');
  });

  it('keeps a 编号 the sheet gives (A1, 一(2)) as the id and prints it again', () => {
    const sheet = grid('评分细则', [
      ['编号', '一级指标', '二级指标', '分值', '评分标准'],
      ['A1', '内容', '甲', 3, ''],
      ['一(2)', null, '乙', 3, ''],
      [null, '管理', '丙', 4, ''],
    ]);
    const { rubric, findings } = rubricFromGrid(sheet, 'r.xlsx');
    expect(findings).toEqual([]);
    expect(rubric!.indicators.map((i) => i.id)).toEqual(['A1', '一(2)', '丙']);
    expect([...indicatorCodes(rubric!).values()]).toEqual(['A1', '一(2)', '2.1']);
    const model = rubricToSheet(rubric!);
    const back = rubricFromGrid(grid('评分细则', [[model.title!], model.columns.map((c) => c.header), ...model.rows] as (string | number | null)[][]), 'r.xlsx');
    expect(back.rubric!.indicators.map((i) => i.id)).toEqual(['A1', '一(2)', '丙']);
  });

  it('reads a hand-made sheet with blank (merged) 一级指标 and no ids', () => {
    const sheet = grid('评分细则', [
      ['一级指标', '二级指标', '分值（分）', '评分标准'],
      ['内容（6分）', '甲', 3, '标准甲'],
      [null, '乙', 3, '标准乙'],
      ['管理', '丙', 4, '标准丙'],
      ['合计', null, 10, null],
    ]);
    const { rubric, findings } = rubricFromGrid(sheet, 'r.xlsx');
    expect(findings).toEqual([]);
    expect(rubric!.total).toBe(10);
    expect(rubric!.indicators.map((i) => [i.id, i.level1, i.level2])).toEqual([
      ['甲', '内容', '甲'],
      ['乙', '内容', '乙'],
      ['丙', '管理', '丙'],
    ]);
  });

  it('points rubric-invalid at the cell concerned and returns no rubric', () => {
    const sheet = grid('评分细则', [
      ['标题'],
      ['一级指标', '二级指标', '分值', '评分标准'],
      ['内容', '甲', 3, ''],
      [null, '甲', 'x', ''],
      [null, '乙', 2.2, ''],
      ['总分', null, 100, null],
    ]);
    const { rubric, findings } = rubricFromGrid(sheet, 'r.xlsx');
    expect(rubric).toBeUndefined();
    expect(findings.every((f) => f.rule === 'rubric-invalid' && f.severity === 'error')).toBe(true);
    const cells = findings.map((f) => f.cell);
    expect(cells).toContain('C4'); // 'x' is not a number
    expect(cells).toContain('C6'); // sum 5.2 ≠ 100, at the total cell
    expect(cells).toContain('C5'); // 2.2 not a 0.5 step
  });

  it('checks a 一级指标 that states its points against its indicators', () => {
    const sheet = grid('评分细则', [
      ['一级指标', '二级指标', '分值', '评分标准'],
      ['内容（7分）', '甲', 3, ''],
      [null, '乙', 3, ''],
    ]);
    const { rubric, findings } = rubricFromGrid(sheet, 'r.xlsx');
    expect(rubric).toBeUndefined();
    expect(findings.map((f) => [f.cell, f.message])).toEqual([['A2', '评分细则有误：“内容”标明 7 分，其二级指标分值之和为 6']]);
  });

  it('reports a sheet without a header at A1', () => {
    const { findings } = rubricFromGrid(grid('评分细则', [['nothing']]), 'r.xlsx');
    expect(findings[0]).toMatchObject({ rule: 'rubric-invalid', cell: 'A1', sheet: '评分细则', file: 'r.xlsx' });
  });
});

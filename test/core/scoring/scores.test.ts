import { DEFAULT_RUBRIC, parseAdjustments, parseScores } from '../../../src/core/scoring';
import { grid } from './helpers';

const ctx = { file: 's.xlsx', rubric: DEFAULT_RUBRIC, units: ['信息工程学院', '护理学院'] };

describe('parseScores', () => {
  it('finds the header on a later row, accepts aliases, round names and ids', () => {
    const sheet = grid('评分', [
      ['2024年党建网站检查评分'],
      [],
      ['检查轮次', '评分人', '单位名称', '指标', '分数', '扣分原因'],
      ['上半年', '张三', '信息工程学院', '新闻动态', 13.5, '更新不及时'],
      ['2', '李四', '护理学院', 'content.columns', '3', ''],
      ['下半年', '李四', '护理学院', '组织管理', null, ''],
    ]);
    const { entries, findings } = parseScores(sheet, ctx);
    expect(findings).toEqual([]);
    expect(entries).toEqual([
      { round: 1, inspector: '张三', unit: '信息工程学院', indicatorId: 'content.news', score: 13.5, note: '更新不及时', file: 's.xlsx', sheet: '评分', cell: 'E4' },
      { round: 2, inspector: '李四', unit: '护理学院', indicatorId: 'content.columns', score: 3, note: '', file: 's.xlsx', sheet: '评分', cell: 'E5' },
    ]);
  });

  it('flags out-of-range scores and non-0.5 steps with their cell, and leaves them out', () => {
    const sheet = grid('评分', [
      ['轮次', '检查人', '单位', '二级指标', '得分', '扣分说明'],
      ['1', '张三', '护理学院', '栏目规划', -0.5, ''],
      ['1', '张三', '护理学院', '新闻动态', 15.5, ''],
      ['1', '张三', '护理学院', '组织管理', 12.3, ''],
      ['1', '张三', '护理学院', '党员教育', 15, ''],
      ['1', '张三', '护理学院', '信息规范', 0, ''],
    ]);
    const { entries, findings } = parseScores(sheet, ctx);
    expect(findings.map((f) => [f.rule, f.severity, f.cell])).toEqual([
      ['score-out-of-range', 'error', 'E2'],
      ['score-out-of-range', 'error', 'E3'],
      ['score-out-of-range', 'error', 'E4'],
    ]);
    expect(entries.map((e) => e.score)).toEqual([15, 0]);
  });

  it('warns about unknown indicators, unknown units, bad rounds and duplicates', () => {
    const sheet = grid('评分', [
      ['轮次', '检查人', '单位', '二级指标', '得分', '扣分说明'],
      ['1', '张三', '护理学院', '不存在', 3, ''],
      ['1', '张三', '外星学院', '栏目规划', 3, ''],
      ['三', '张三', '护理学院', '栏目规划', 3, ''],
      ['1', '张三', '护理学院', '栏目规划', 2, ''],
      ['1', '张三', '护理学院', '栏目规划', 2.5, ''],
      ['1', '张三', '护理学院', '新闻动态', '优', ''],
    ]);
    const { entries, findings } = parseScores(sheet, ctx);
    expect(findings.map((f) => f.rule).sort()).toEqual(
      ['score-duplicate', 'score-invalid-row', 'score-invalid-row', 'score-unknown-indicator', 'score-unknown-unit'].sort(),
    );
    expect(entries.filter((e) => e.unit === '护理学院').map((e) => e.score)).toEqual([2.5]);
    expect(entries.some((e) => e.unit === '外星学院')).toBe(true);
  });

  it('rejects a sheet without the needed columns', () => {
    const { entries, findings } = parseScores(grid('评分', [['a', 'b']]), ctx);
    expect(entries).toEqual([]);
    expect(findings[0]!.rule).toBe('score-sheet-invalid');
  });
});

describe('parseAdjustments', () => {
  it('reads 加分 and 否决 rows and flags bad ones', () => {
    const sheet = grid('加减分', [
      ['单位', '类型', '分值', '说明'],
      ['护理学院', '加分', 3, '省级网站评比一等奖'],
      ['信息工程学院', '否决', null, '发生泄密事件'],
      ['护理学院', '扣分', 2, ''],
      ['护理学院', '加分', -1, ''],
    ]);
    const { adjustments, findings } = parseAdjustments(sheet, { file: 'a.xlsx', units: ctx.units });
    expect(adjustments).toEqual([
      { unit: '护理学院', kind: 'bonus', points: 3, note: '省级网站评比一等奖', file: 'a.xlsx', sheet: '加减分', cell: 'B2' },
      { unit: '信息工程学院', kind: 'veto', points: 0, note: '发生泄密事件', file: 'a.xlsx', sheet: '加减分', cell: 'B3' },
    ]);
    expect(findings.map((f) => [f.rule, f.cell])).toEqual([
      ['adjustment-invalid', 'B4'],
      ['adjustment-invalid', 'C5'],
    ]);
  });
});

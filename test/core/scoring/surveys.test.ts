/**
 * Scores collected with an online survey (问卷星, 腾讯问卷): one row per answer, a column per
 * question, each header numbered as the survey numbers its questions.
 */
import { DEFAULT_RUBRIC, parseScores } from '../../../src/core/scoring';
import type { Roster } from '../../../src/core/units';
import { grid } from './helpers';

const roster: Roster = { units: [
  { name: '信息工程学院', category: '教学单位', aliases: [], head: null, phone: null },
  { name: '体育部', category: '教辅单位', aliases: [], head: null, phone: null },
] };
const ctx = { file: '问卷星评分.csv', rubric: DEFAULT_RUBRIC, units: ['信息工程学院', '体育部'], roster };
const POINTS = DEFAULT_RUBRIC.indicators.map((i) => `（${i.max}分）`);
const read = (rows: (string | number | null)[][]) => parseScores(grid('问卷星评分', rows), ctx);
const total = (r: ReturnType<typeof read>, unit: string) => r.entries.filter((e) => e.unit === unit).reduce((s, e) => s + e.score, 0);

describe('score surveys', () => {
  it.each([
    ['问卷星 (1.检查人)', (k: number) => `${k}.`],
    ['腾讯问卷 (Q1:检查人)', (k: number) => `Q${k}:`],
    ['第1题', (k: number) => `第${k}题 `],
    ['1、检查人', (k: number) => `${k}、`],
  ])('%s: every indicator of every answer counts, with its inspector and round', (_name, num) => {
    const header = ['序号', '提交答卷时间', '所用时间', '来源', `${num(1)}检查人`, `${num(2)}被检查单位`, `${num(3)}检查轮次`, ...DEFAULT_RUBRIC.indicators.map((ind, k) => `${num(k + 4)}${ind.level2}${POINTS[k]}`), `${num(14)}扣分说明`];
    const r = read([
      header,
      [1, '2024/11/20 10:01:02', '120秒', '手机提交', '张明', '信息工程学院', '上半年', 3, 13, 18, 14, 6, 9, 9, 7, 5, 6, '新闻更新不及时'],
      [2, '2024/11/20 10:05:00', '100秒', '手机提交', '张明', '体育部', '上半年', 2, 12, 16, 13, 6, 8, 8, 6, 5, 6, null],
    ]);
    expect(r.findings).toEqual([]);
    expect(r.entries).toHaveLength(20);
    expect(r.entries.every((e) => e.inspector === '张明' && e.round === 1)).toBe(true);
    expect([total(r, '信息工程学院'), total(r, '体育部')]).toEqual([90, 82]);
  });

  it('without a round question, the day the answer came in gives the round; with one, the question does', () => {
    const header = ['序号', '提交答卷时间', '1.检查人', '2.被检查单位', ...DEFAULT_RUBRIC.indicators.slice(0, 3).map((i, k) => `${k + 3}.${i.level2}`)];
    const noRound = read([header, [1, '2024/6/20 10:01:02', '张明', '体育部', 3, 13, 18], [2, '2024/11/20 9:00:00', '张明', '体育部', 2, 12, 16]]);
    expect(noRound.findings).toEqual([]);
    expect(noRound.entries.map((e) => `${e.round}:${e.score}`)).toEqual(['1:3', '1:13', '1:18', '2:2', '2:12', '2:16']);
    const withRound = read([[...header, '6.检查轮次'], [1, '2024/11/20 10:01:02', '张明', '体育部', 3, 13, 18, '上半年']]);
    expect(withRound.entries.map((e) => e.round)).toEqual([1, 1, 1]);
  });

  it('an indicator written by its number keeps it (1.1栏目规划 is not question 1)', () => {
    const r = read([['轮次', '单位', '1.1栏目规划', '1.2新闻动态', '1.3组织管理'], ['上半年', '体育部', 3, 14, 18]]);
    expect(r.entries.map((e) => [e.indicatorId, e.score])).toEqual([['content.columns', 3], ['content.news', 14], ['content.organization', 18]]);
  });
});

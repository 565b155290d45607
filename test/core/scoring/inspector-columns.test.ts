/**
 * A column per inspector in the long layout, headed by the person's name: 张三得分 | 李四得分,
 * or 张三 | 李四 under a 得分 (or 上半年 | 下半年) group header. The name is checked against the
 * common surnames; anything else stays unread as before.
 */
import { DEFAULT_RUBRIC, parseScores } from '../../../src/core/scoring';
import type { SheetGrid } from '../../../src/core/grid';
import { runPipeline } from '../../../src/core/pipeline';
import { grid } from './helpers';

type V = string | number | null;
const ctx = { file: 's.xlsx', rubric: DEFAULT_RUBRIC, units: ['护理学院'] };
const read = (sheet: SheetGrid) => parseScores(sheet, ctx);
const brief = (r: ReturnType<typeof read>) => r.entries.map((e) => `${e.round}/${e.inspector}/${e.indicatorId}=${e.score}${e.note ? `(${e.note})` : ''}`).sort();
const rows = (head: V[], ...more: V[][]) => [head, ...more];

describe('a column per inspector', () => {
  it('张三得分 | 李四得分 beside the indicators: each column is that inspector', () => {
    const r = read(grid('评分', rows(['轮次', '单位', '二级指标', '张三得分', '李四得分'], ['上半年', '护理学院', '栏目规划', 3, 2.5], ['上半年', '护理学院', '新闻动态', 14, 12])));
    expect(r.findings).toEqual([]);
    expect(brief(r)).toEqual(['1/张三/content.columns=3', '1/张三/content.news=14', '1/李四/content.columns=2.5', '1/李四/content.news=12'].sort());
  });

  it('with a note column per inspector (张三扣分说明) and the round in the header (上半年张三得分)', () => {
    const r = read(grid('评分', rows(['单位', '二级指标', '上半年张三得分', '张三扣分说明', '上半年欧阳明月得分', '欧阳明月扣分说明'], ['护理学院', '新闻动态', 14, '更新慢', 13, '不及时'])));
    expect(r.findings).toEqual([]);
    expect(brief(r)).toEqual(['1/张三/content.news=14(更新慢)', '1/欧阳明月/content.news=13(不及时)'].sort());
  });

  it('张三 | 李四 under 得分 merged over them, the round from the title', () => {
    const sheet = grid('评分', [['2024年下半年检查评分'], ['单位', '二级指标', '得分', null], [null, null, '张三', '李四'], ['护理学院', '栏目规划', 3, 2]]);
    sheet.merges = [{ top: 1, left: 0, bottom: 2, right: 0 }, { top: 1, left: 1, bottom: 2, right: 1 }, { top: 1, left: 2, bottom: 1, right: 3 }];
    const r = read(sheet);
    expect(r.findings).toEqual([]);
    expect(brief(r)).toEqual(['2/张三/content.columns=3', '2/李四/content.columns=2']);
  });

  it('上半年 | 下半年 over the inspectors of each round', () => {
    const sheet = grid('评分', [['单位', '二级指标', '上半年', null, '下半年'], [null, null, '张三', '李四', '王五'], ['护理学院', '栏目规划', 3, 2, 2.5]]);
    sheet.merges = [{ top: 0, left: 2, bottom: 0, right: 3 }];
    const r = read(sheet);
    expect(r.findings).toEqual([]);
    expect(brief(r)).toEqual(['1/张三/content.columns=3', '1/李四/content.columns=2', '2/王五/content.columns=2.5'].sort());
  });

  it('numbered inspectors (检查人1 | 检查人2, 评委一得分) are told apart', () => {
    const r = read(grid('上半年', rows(['单位', '二级指标', '检查人1', '检查人2', '评委三得分'], ['护理学院', '栏目规划', 3, 2, 1])));
    expect(r.findings).toEqual([]);
    expect(brief(r)).toEqual(['1/检查人1/content.columns=3', '1/检查人2/content.columns=2', '1/评委三/content.columns=1'].sort());
  });

  it.each([['平均得分'], ['合计得分'], ['最终得分'], ['自评得分'], ['安全规范得分'], ['管理员得分']])('near miss: %s beside 得分 names no inspector and is not read', (header) => {
    const r = read(grid('上半年', rows(['检查人', '单位', '二级指标', '得分', header], ['张三', '护理学院', '栏目规划', 3, 2])));
    expect(brief(r)).toEqual(['1/张三/content.columns=3']);
  });

  it('near miss: bare names with no 得分 group above them stay unread (a sheet without a score column)', () => {
    const r = read(grid('上半年', rows(['单位', '二级指标', '张三', '李四'], ['护理学院', '栏目规划', 3, 2])));
    expect(r.entries).toEqual([]);
    expect(r.findings.map((f) => f.rule)).toEqual(['score-sheet-invalid']);
  });
});

describe('run end to end', () => {
  const units = ['护理学院', '财务处'];
  const inds = DEFAULT_RUBRIC.indicators;
  const pts = (p: number, u: number, i: number) => Math.max(0, inds[i]!.max - ((p * 3 + u * 5 + i) % 4) * 0.5);
  const runOf = (sheets: SheetGrid[]) =>
    runPipeline({ submissions: [], roster: null, scoreBooks: sheets.map((sheet) => ({ file: '评分.xlsx', sheet })), params: { asOf: '2024-11-20' }, mode: 'run' });
  const outcome = (r: ReturnType<typeof runOf>) => r.run!.ranking.map((x) => [x.unit, x.score, x.grade, x.rank]);
  const scoring = (r: ReturnType<typeof runOf>) => r.findings.filter((f) => f.rule.startsWith('score-')).map((f) => `${f.rule}/${f.unit}`).sort();

  it('a column per inspector ranks as the long layout with a 检查人 column', () => {
    const long: V[][] = [['轮次', '检查人', '单位', '二级指标', '得分']];
    const wide: V[][] = [['轮次', '单位', '二级指标', '张三得分', '李四得分']];
    units.forEach((u, ui) => inds.forEach((ind, i) => {
      long.push(['上半年', '张三', u, ind.level2, pts(0, ui, i)], ['上半年', '李四', u, ind.level2, pts(1, ui, i)]);
      wide.push(['上半年', u, ind.level2, pts(0, ui, i), pts(1, ui, i)]);
    }));
    const a = runOf([grid('评分', long)]);
    const b = runOf([grid('评分', wide)]);
    expect(outcome(b)).toEqual(outcome(a));
    expect(scoring(b)).toEqual(scoring(a));
  });
});

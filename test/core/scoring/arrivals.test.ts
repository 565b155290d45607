/**
 * Score sheets as they arrive, one case per shape: what each reads (round/inspector/unit/
 * indicator=score) and the findings it raises. A near miss is the nearest shape that must not
 * read (or must be flagged), so each rule is shown to be no wider than it needs to be.
 */
import type { SheetGrid } from '../../../src/core/grid';
import { DEFAULT_RUBRIC, parseScores } from '../../../src/core/scoring';
import { grid } from './helpers';

type V = string | number | null;
interface Case {
  name: string;
  sheet: () => SheetGrid;
  file?: string;
  reads: string[];
  rules?: string[];
}

const ctx = { rubric: DEFAULT_RUBRIC, units: ['护理学院', '财务处', '马克思主义学院（公共课教学部）'] };
const H = ['轮次', '检查人', '单位', '二级指标', '得分', '扣分说明'];
const long = (...rows: V[][]) => () => grid('评分', [H, ...rows]);
const row = (ind: string, score: V, note: V = null): V[] => ['上半年', '张三', '护理学院', ind, score, note];
const titled = (name: string, title: V[][], head: V[], ...rows: V[][]) => () => grid(name, [...title, head, ...rows]);
const NEWS = DEFAULT_RUBRIC.indicators[1]!;

const CASES: Case[] = [
  // Ticks: ✓ / √ is the item met (its points), ✗ / × not met (0).
  { name: '✓ and ✗ per item', sheet: long(row('栏目规划', '✓'), row('新闻动态', '✗'), row('组织管理', '√'), row('党员教育', '×')), reads: ['1/张三/护理学院/content.columns=3', '1/张三/护理学院/content.news=0', '1/张三/护理学院/content.organization=20', '1/张三/护理学院/content.education=0'] },
  // Grades are no points: how many points 良 is, the rubric does not say.
  { name: 'near miss: 优/良 per item', sheet: long(row('栏目规划', '优'), row('新闻动态', '良')), reads: [], rules: ['score-invalid-row', 'score-invalid-row'] },
  // A fraction over the indicator's own points is that score.
  { name: 'a fraction over the points (12/15)', sheet: long(row('新闻动态', '12/15'), row('栏目规划', '2.5／3')), reads: ['1/张三/护理学院/content.news=12', '1/张三/护理学院/content.columns=2.5'] },
  { name: 'near miss: a fraction over other points (8/10 for 15 points)', sheet: long(row('新闻动态', '8/10')), reads: [], rules: ['score-invalid-row'] },
  // A 备注 column mixing numbers and words is a note, whatever it holds.
  { name: 'a 备注 column with numbers and words', sheet: () => grid('评分', [['轮次', '检查人', '单位', '二级指标', '得分', '备注'], row('栏目规划', 3, 1), row('新闻动态', 12, '更新慢')]), reads: ['1/张三/护理学院/content.columns=3', '1/张三/护理学院/content.news=12'] },
  // Blank rows between units.
  { name: 'blank rows between units', sheet: long(row('栏目规划', 3), [], [null, null, null, null, null, null], ['上半年', '张三', '财务处', '栏目规划', 2]), reads: ['1/张三/护理学院/content.columns=3', '1/张三/财务处/content.columns=2'] },
  // The round in Chinese in the title.
  { name: '第二轮 in the title', sheet: titled('评分', [['2024年度第二轮党建网站检查评分表']], ['检查人', '单位', '二级指标', '得分'], ['张三', '护理学院', '栏目规划', 3]), reads: ['2/张三/护理学院/content.columns=3'] },
  // The inspection's date in the title, with no label: it gives the round.
  { name: 'the inspection date in the title', sheet: titled('评分', [['党建网站检查评分表（2024年11月20日）']], ['检查人', '单位', '二级指标', '得分'], ['张三', '护理学院', '栏目规划', 3]), reads: ['2/张三/护理学院/content.columns=3'] },
  { name: 'the inspection date as 2024.6.12 in the title', sheet: titled('评分', [['检查时间 2024.6.12']], ['检查人', '单位', '二级指标', '得分'], ['张三', '护理学院', '栏目规划', 3]), reads: ['1/张三/护理学院/content.columns=3'] },
  { name: 'near miss: two dates of different halves in the title name no round', sheet: titled('评分', [['2024年6月1日—2024年12月31日检查评分']], ['检查人', '单位', '二级指标', '得分'], ['张三', '护理学院', '栏目规划', 3]), reads: [], rules: ['score-sheet-invalid'] },
  // The inspector's signature at the foot names the inspector of the sheet; its date the round.
  { name: 'a signature line at the foot', sheet: titled('Sheet1', [], ['单位', '二级指标', '得分', '扣分说明'], ['护理学院', '栏目规划', 3, null], ['护理学院', '新闻动态', 12, null], [], ['检查人（签名）：张三', null, '2024年11月20日']), reads: ['2/张三/护理学院/content.columns=3', '2/张三/护理学院/content.news=12'] },
  { name: 'a signature line 签字：李四 under a wide sheet', sheet: titled('上半年', [], ['单位', '栏目规划', '新闻动态', '组织管理'], ['护理学院', 3, 12, 20], ['签字：李四', null, null, null]), reads: ['1/李四/护理学院/content.columns=3', '1/李四/护理学院/content.news=12', '1/李四/护理学院/content.organization=20'] },
  { name: 'near miss: a signature line naming nobody leaves the inspector unnamed', sheet: titled('上半年', [], ['单位', '栏目规划', '新闻动态', '组织管理'], ['护理学院', 3, 12, 20], ['检查人签字：', null, null, null]), reads: ['1//护理学院/content.columns=3', '1//护理学院/content.news=12', '1//护理学院/content.organization=20'] },
  // 复核 beside 初评: the reviewed score counts where it is written, else the first one.
  { name: '初评得分 | 复核得分', sheet: () => grid('评分', [['轮次', '检查人', '单位', '二级指标', '初评得分', '复核得分'], row('栏目规划', 2, 3).slice(0, 6), row('新闻动态', 12, null)]), reads: ['1/张三/护理学院/content.columns=3', '1/张三/护理学院/content.news=12'] },
  { name: '初评 | 复核 under 得分', sheet: () => Object.assign(grid('评分', [['轮次', '检查人', '单位', '二级指标', '得分', null], [null, null, null, null, '初评', '复核'], row('栏目规划', 2, 2.5), row('新闻动态', 12, null)]), { merges: [{ top: 0, left: 4, bottom: 0, right: 5 }] }), reads: ['1/张三/护理学院/content.columns=2.5', '1/张三/护理学院/content.news=12'] },
  // Indicators by their standard's text, as pasted from another copy of the 细则.
  { name: 'indicators by their standard text, worded a little differently', sheet: long(row('及时（新闻保证48小时内更新）、全面、准确发布本单位党建工作动态', 12), row('栏目规划：新闻动态、组织管理和党员教育三大模块内容详实、丰富', 3)), reads: ['1/张三/护理学院/content.news=12', '1/张三/护理学院/content.columns=3'] },
  { name: 'near miss: a text close to no standard stays unknown', sheet: long(row('网站首页设计美观，栏目导航清晰', 3)), reads: [], rules: ['score-unknown-indicator'] },
  // Units side by side: a column per unit beside the indicators.
  { name: 'a column per unit (二级指标 | 护理学院 | 财务处)', sheet: titled('上半年', [['检查人：张三']], ['二级指标', '分值', '护理学院', '财务处'], ['栏目规划', 3, 3, 2], ['新闻动态', NEWS.max, 12, 14]), reads: ['1/张三/护理学院/content.columns=3', '1/张三/财务处/content.columns=2', '1/张三/护理学院/content.news=12', '1/张三/财务处/content.news=14'] },
  { name: 'units in column blocks (护理学院 over 得分 | 扣分说明)', sheet: () => Object.assign(grid('上半年', [['二级指标', '护理学院', null, '财务处', null], [null, '得分', '扣分说明', '得分', '扣分说明'], ['栏目规划', 3, null, 2, '不全'], ['新闻动态', 12, '慢', 14, null]]), { merges: [{ top: 0, left: 1, bottom: 0, right: 2 }, { top: 0, left: 3, bottom: 0, right: 4 }, { top: 0, left: 0, bottom: 1, right: 0 }] }), file: '张三.xlsx', reads: ['1/张三/护理学院/content.columns=3', '1/张三/财务处/content.columns=2', '1/张三/护理学院/content.news=12', '1/张三/财务处/content.news=14'] },
  { name: 'near miss: a column headed by no unit (二级指标 | 分值 | 评分标准) is a rubric', sheet: titled('上半年', [], ['二级指标', '分值', '备用'], ['栏目规划', 3, 3]), reads: [], rules: ['score-sheet-invalid'] },
  // 百分制 per indicator: each item scored out of 100 is out of range, flagged, never rescaled.
  { name: 'near miss: an item scored out of 100 (百分制)', sheet: long(row('新闻动态', 85)), reads: [], rules: ['score-out-of-range'] },
  // Two inspectors who scored together sign as one.
  { name: 'a joint signature (签字：张三、李四) is one inspector', sheet: titled('上半年', [], ['单位', '栏目规划', '新闻动态', '组织管理'], ['护理学院', 3, 12, 20], ['检查组签字：张三、李四']), reads: ['1/张三、李四/护理学院/content.columns=3', '1/张三、李四/护理学院/content.news=12', '1/张三、李四/护理学院/content.organization=20'] },
  // Derived columns of a wide sheet (等级, 排名) are no scores and raise nothing.
  { name: 'a wide sheet with 序号, 合计, 等级 and 排名 columns', sheet: titled('上半年', [['检查人：张三']], ['序号', '单位', '栏目规划', '新闻动态', '组织管理', '合计', '等级', '排名'], [1, '护理学院', 3, 12, 20, 35, '良好', 1]), reads: ['1/张三/护理学院/content.columns=3', '1/张三/护理学院/content.news=12', '1/张三/护理学院/content.organization=20'] },
  // Unit names written with half-width brackets or spaces score for the unit.
  { name: 'a unit written with () and spaces', sheet: () => grid('评分', [H, ['上半年', '张三', '马克思主义学院 (公共课教学部)', '栏目规划', 3, null]]), reads: ['1/张三/马克思主义学院（公共课教学部）/content.columns=3'] },
  // A total in the middle (after each unit's rows) and a blank row before the next unit.
  { name: '合计 after each unit, then a blank row', sheet: long(row('栏目规划', 3), row('新闻动态', 12), [null, null, '护理学院', '合计', 15, null], [], ['上半年', '张三', '财务处', '栏目规划', 2, null], [null, null, '财务处', '合计', 2, null]), reads: ['1/张三/护理学院/content.columns=3', '1/张三/护理学院/content.news=12', '1/张三/财务处/content.columns=2'] },
  { name: 'near miss: a 合计 in the middle that disagrees is flagged at its cell', sheet: long(row('栏目规划', 3), row('新闻动态', 12), [null, null, '护理学院', '合计', 16, null]), reads: ['1/张三/护理学院/content.columns=3', '1/张三/护理学院/content.news=12'], rules: ['score-total-mismatch'] },
  // The round as 2024年第一次 in a 轮次 column.
  { name: '轮次 written 2024年第一次 / 第2轮', sheet: () => grid('评分', [H, ['2024年第一次', '张三', '护理学院', '栏目规划', 3, null], ['第2轮', '张三', '护理学院', '栏目规划', 2, null]]), reads: ['1/张三/护理学院/content.columns=3', '2/张三/护理学院/content.columns=2'] },
];

describe('score sheets as they arrive', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const r = parseScores(c.sheet(), { ...ctx, file: c.file ?? 's.xlsx' });
    const got = r.entries.map((e) => `${e.round}/${e.inspector}/${e.unit}/${e.indicatorId}=${e.score}`);
    expect(got.sort()).toEqual([...c.reads].sort());
    expect(r.findings.map((f) => f.rule)).toEqual(c.rules ?? []);
  });
});

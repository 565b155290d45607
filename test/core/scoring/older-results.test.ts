/**
 * An earlier result written by an older version: its 评分表 and 整改台账 with columns renamed or
 * missing. What users typed there (scores, notes, statuses) must come back, not be lost.
 */
import type { SheetGrid } from '../../../src/core/grid';
import { DEFAULT_RUBRIC, mergeRectification, readBackEditable, scoreSheet } from '../../../src/core/scoring';
import type { RectItem } from '../../../src/core/scoring';
import { entry, grid, modelToGrid } from './helpers';

const units = [{ unit: '护理学院', category: '教学单位' }];
const typed = [entry('护理学院', 'content.news', 12, { note: '更新慢' }), entry('护理学院', 'content.columns', 2.5, { inspector: '李四' })];
const brief = (xs: { round: number; inspector: string; indicatorId: string; score: number; note: string }[]) => xs.map((e) => `${e.round}/${e.inspector}/${e.indicatorId}=${e.score}${e.note ? `(${e.note})` : ''}`).sort();

/** The 评分表 as written today, its header row rewritten by `rename`. */
function older(rename: (h: string) => string): SheetGrid {
  const g = modelToGrid(scoreSheet({ units, rubric: DEFAULT_RUBRIC, scores: typed }));
  const h = g.rows.findIndex((r) => r.some((c) => c?.t === 's' && c.v === '二级指标'));
  g.rows[h] = g.rows[h]!.map((c) => (c?.t === 's' ? { t: 's', v: rename(c.v) } : c));
  return g;
}
const readScores = (sheet: SheetGrid) => readBackEditable({ scoreSheet: sheet, rubric: DEFAULT_RUBRIC, file: 'old.xlsx' });

describe('an older 评分表', () => {
  it.each([
    ['上半年-张三-得分', (h: string) => h.replace(/·/g, '-')],
    ['上半年/张三/分数', (h: string) => h.replace(/·/g, '/').replace(/得分$/, '分数')],
    ['上半年·张三·得分 under 单位名称 | 指标', (h: string) => (h === '单位' ? '单位名称' : h === '二级指标' ? '指标' : h)],
    ['上半年·张三·备注', (h: string) => h.replace(/扣分说明$/, '备注')],
  ])('%s reads back every typed score and note', (_, rename) => {
    const r = readScores(older(rename));
    expect(r.findings).toEqual([]);
    expect(brief(r.scores)).toEqual(brief(typed));
  });

  it('one column per round with no inspector (上半年得分) reads as the unnamed inspector', () => {
    const sheet = grid('评分表', [['单位', '二级指标', '上半年得分', '上半年扣分说明'], ['护理学院', '新闻动态', 12, '更新慢']]);
    expect(brief(readScores(sheet).scores)).toEqual(['1//content.news=12(更新慢)']);
  });

  it('near miss: an average column (上半年·平均) is never read as a score', () => {
    const sheet = grid('评分表', [['单位', '二级指标', '上半年·平均', '上半年·张三·得分'], ['护理学院', '新闻动态', 12, 11]]);
    expect(brief(readScores(sheet).scores)).toEqual(['1/张三/content.news=11']);
  });
});

describe('an older 整改台账', () => {
  const fresh: RectItem = { key: '护理学院|finding|website-stale|附件1', unit: '护理学院', type: '网站更新', description: '网站超过14天未更新', basis: '', location: '', requirement: '', deadline: '2024-12-05', owner: '', status: '待整改', note: '', recheck: '', source: 'finding' };

  it('renamed headers and no 问题编号 column: the typed status goes to the same problem, no second row', () => {
    const sheet = grid('整改台账', [['单位名称', '存在问题', '整改时限', '状态', '备注'], ['护理学院', '网站超过14天未更新', '2024-12-05', '已整改', '已更新']]);
    const back = readBackEditable({ rectSheet: sheet, rubric: DEFAULT_RUBRIC, file: 'old.xlsx' });
    expect(back.findings).toEqual([]);
    const merged = mergeRectification([fresh], back.rectification);
    expect(merged.map((i) => `${i.key}/${i.status}/${i.note}`)).toEqual([`${fresh.key}/已整改/已更新`]);
  });

  it('near miss: a row typed by hand for another problem stays a row of its own', () => {
    const sheet = grid('整改台账', [['单位', '问题描述', '整改状态'], ['护理学院', '微信公众号长期未更新', '整改中']]);
    const back = readBackEditable({ rectSheet: sheet, rubric: DEFAULT_RUBRIC, file: 'old.xlsx' });
    expect(mergeRectification([fresh], back.rectification).map((i) => `${i.description}/${i.status}`)).toEqual(['网站超过14天未更新/待整改', '微信公众号长期未更新/整改中']);
  });
});

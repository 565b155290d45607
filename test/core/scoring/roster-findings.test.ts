/**
 * 不在单位名单中 (score-unknown-unit) needs a 单位名单 to be absent from: without a roster the
 * units scored are ranked as written, with no finding.
 */
import { scoreBookSheets } from '../../../src/core/classify';
import { runPipeline } from '../../../src/core/pipeline';
import type { Roster } from '../../../src/core/units';
import { grid } from './helpers';

const roster: Roster = { units: [{ name: '护理学院', category: '教学单位', aliases: [], head: null, phone: null }] };
const scores = grid('评分', [
  ['轮次', '检查人', '单位', '二级指标', '得分'],
  ['上半年', '张三', '护理学院', '栏目规划', 3],
  ['上半年', '张三', '外语学院', '栏目规划', 2],
]);
const bonus = grid('加减分', [['单位', '类型', '分值', '说明'], ['外语学院', '加分', 1, '获奖']]);
const run = (r: Roster | null) =>
  runPipeline({ submissions: [], roster: r, scoreBooks: scoreBookSheets({ sheets: [scores, bonus] }).map((sheet) => ({ file: '评分.xlsx', sheet })), params: { asOf: '2024-11-20' }, mode: 'run' });
const unknown = (r: ReturnType<typeof run>) => r.findings.filter((f) => f.rule === 'score-unknown-unit').map((f) => `${f.unit}@${f.sheet}`);

it('no roster and no submissions: no unit is reported outside a roster; every unit scored is ranked', () => {
  const r = run(null);
  expect(unknown(r)).toEqual([]);
  expect(r.run!.ranking.map((x) => x.unit).sort()).toEqual(['外语学院', '护理学院'].sort());
});

it('near miss: with a roster, a unit outside it is flagged once per sheet, in 评分 and 加减分', () => {
  expect(unknown(run(roster)).sort()).toEqual(['外语学院@加减分', '外语学院@评分']);
});

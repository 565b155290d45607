/** A score written for a unit's 简称 or with stray spaces counts for that unit in the ranking, not for a second unit. */
import { runPipeline } from '../../../src/core/pipeline';
import { DEFAULT_RUBRIC } from '../../../src/core/scoring';
import type { Roster } from '../../../src/core/units';
import { AS_OF, unitWorkbook } from '../builders';
import { grid } from './helpers';

const roster: Roster = { units: [{ name: '信息工程学院', category: '教学单位', aliases: ['信工学院'], head: null, phone: null }] };
const scoresFor = (names: string[]) =>
  grid('评分', [['轮次', '检查人', '单位', '二级指标', '得分'], ...DEFAULT_RUBRIC.indicators.map((i, k) => ['上半年', '张三', names[k % names.length]!, i.level2, i.max])]);

describe('score units resolved through the roster', () => {
  it('信工学院 and 信 息 工 程 学 院 score for 信息工程学院', () => {
    const r = runPipeline({ submissions: [unitWorkbook()], roster, scoreBooks: [{ file: 's.xlsx', sheet: scoresFor(['信工学院', ' 信 息 工 程 学 院 ']) }], params: { asOf: AS_OF }, mode: 'run' });
    expect(r.run!.ranking.map((u) => [u.unit, u.score])).toEqual([['信息工程学院', 100]]);
    expect(r.findings.filter((f) => f.rule.startsWith('score-'))).toEqual([]);
  });

  it('near miss: a unit outside the roster is flagged and kept apart', () => {
    const r = runPipeline({ submissions: [unitWorkbook()], roster, scoreBooks: [{ file: 's.xlsx', sheet: scoresFor(['外语学院']) }], params: { asOf: AS_OF }, mode: 'run' });
    expect(r.findings.filter((f) => f.rule === 'score-unknown-unit').map((f) => f.unit)).toEqual(['外语学院']);
    expect(r.run!.ranking.find((u) => u.unit === '信息工程学院')!.score).toBeNull();
  });
});

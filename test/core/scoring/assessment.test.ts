import {
  type Adjustment,
  type AssessInput,
  type ParamsInput,
  DEFAULT_RUBRIC,
  type RectItem,
  type Rubric,
  assess,
  makeParams,
} from '../../../src/core/scoring';
import type { RuleId } from '../../../src/core/findings';
import { entry, finding } from './helpers';

/** Two indicators, 60 + 40 = 100, so totals are easy to read. */
const SMALL: Rubric = {
  name: '测试细则',
  total: 100,
  indicators: [
    { id: 'a', level1: '内容', level2: '甲', max: 60, standard: '甲标准' },
    { id: 'b', level1: '管理', level2: '乙', max: 40, standard: '乙标准' },
  ],
};

function full(unit: string, a: number, b: number, round: 1 | 2 = 1, inspector = '张三') {
  return [entry(unit, 'a', a, { round, inspector }), entry(unit, 'b', b, { round, inspector })];
}

function run(over: Omit<Partial<AssessInput>, 'params'> & { params?: ParamsInput } = {}) {
  const { params, ...rest } = over;
  return assess({
    units: [{ unit: 'U', category: '教学单位' }],
    findings: [],
    rubric: SMALL,
    scores: full('U', 50, 30),
    adjustments: [],
    ...rest,
    params: makeParams({ asOf: '2024-11-20', ...params }),
  });
}
const only = (over: Parameters<typeof run>[0]) => run(over).results[0]!;
const sumOf = (r: ReturnType<typeof only>, group: string) =>
  r.adjustments.filter((a) => a.group === group).reduce((s, a) => s + a.points, 0);

describe('base score', () => {
  it('round total = sum over indicators of the mean over inspectors', () => {
    const r = only({ scores: [...full('U', 50, 30, 1, '张三'), ...full('U', 55, 33, 1, '李四')] });
    expect(r.roundTotals).toEqual({ 1: 84 }); // 52.5 + 31.5
    expect(r.base).toBe(84);
    expect(r.score).toBe(84);
  });

  it('an inspector who scored only one indicator counts for that indicator only', () => {
    const r = only({ scores: [...full('U', 50, 30, 1, '张三'), entry('U', 'a', 60, { inspector: '李四' })] });
    expect(r.roundTotals[1]).toBe(85); // 55 + 30
  });

  it('annual = mean of the round totals; thirds are kept at full precision', () => {
    const r = only({
      scores: [...full('U', 50, 30, 1), ...full('U', 40, 30, 2, '甲'), ...full('U', 41, 30, 2, '乙'), ...full('U', 41, 30, 2, '丙')],
    });
    expect(r.roundTotals[1]).toBe(80);
    expect(r.roundTotals[2]).toBeCloseTo(70 + 2 / 3, 8);
    expect(r.base).toBeCloseTo((80 + 70 + 2 / 3) / 2, 8);
  });

  it('a missing round is missing, not zero, and is flagged', () => {
    const out = run({
      units: [{ unit: 'U', category: null }, { unit: 'V', category: null }],
      scores: [...full('U', 50, 30, 1), ...full('V', 50, 30, 1), ...full('V', 40, 30, 2)],
    });
    const u = out.results.find((x) => x.unit === 'U')!;
    expect(u.base).toBe(80);
    expect(u.roundTotals).toEqual({ 1: 80 });
    expect(out.findings.filter((f) => f.unit === 'U').map((f) => f.rule)).toEqual(['score-round-missing']);
  });

  it('round weights weight the rounds present', () => {
    const r = only({ scores: [...full('U', 50, 30, 1), ...full('U', 40, 30, 2)], params: { roundWeights: [1, 3] } });
    expect(r.base).toBe(72.5);
  });

  it('a missing indicator in a scored round counts 0 and is flagged score-missing', () => {
    const out = run({ scores: [entry('U', 'a', 50)] });
    expect(out.results[0]!.roundTotals[1]).toBe(50);
    expect(out.findings.map((f) => f.rule)).toEqual(['score-missing']);
    expect(out.findings[0]!.message).toContain('乙');
  });

  it('a unit with no score at all is 未评分: not ranked, not graded, flagged; without any scoring nothing is flagged', () => {
    const out = run({ units: [{ unit: 'U', category: null }, { unit: 'V', category: null }] });
    expect(out.results.map((x) => x.unit)).toEqual(['U']);
    expect(out.results[0]!.rank).toBe(1);
    expect(out.unscored.map((x) => x.unit)).toEqual(['V']);
    expect(out.findings.map((f) => [f.rule, f.unit])).toEqual([['score-missing', 'V']]);
    expect(out.findings[0]!.message).toContain('未评分');
    const none = run({ scores: [] });
    expect(none.findings).toEqual([]);
    expect(none.results).toEqual([]);
    expect(none.unscored.map((x) => x.unit)).toEqual(['U']);
  });
});

describe('disagreement', () => {
  it('exactly 20% of max is not flagged, above is', () => {
    const at = run({ scores: [...full('U', 50, 30, 1, '张三'), ...full('U', 38, 30, 1, '李四')] }); // 12 = 20% of 60
    expect(at.findings).toEqual([]);
    const above = run({ scores: [...full('U', 50, 30, 1, '张三'), ...full('U', 37.5, 30, 1, '李四')] });
    expect(above.findings.map((f) => f.rule)).toEqual(['score-disagreement']);
    // Inspectors in name order, whatever order their scores came in.
    expect(above.findings[0]!.message).toContain('李四 37.5、张三 50');
  });
});

describe('adjustments', () => {
  const forms = (n: number) =>
    (['website', 'newmedia', 'zombie', 'group', 'bigv'] as const).slice(0, n).map((form) => finding('form-missing', 'U', { severity: 'warning', form }));

  it('form missing/late −2 each, capped at −10; unit-missing = every required form', () => {
    expect(sumOf(only({ findings: forms(2) }), 'forms')).toBe(-4);
    const late = finding('form-late', 'U', { severity: 'warning', form: 'bigv', file: 'late.xlsx' });
    expect(sumOf(only({ findings: [...forms(4), late] }), 'forms')).toBe(-10);
    const r = only({ findings: [...forms(5), late] });
    expect(sumOf(r, 'forms')).toBe(-10);
    expect(r.adjustments.filter((a) => a.group === 'forms')).toHaveLength(6);
    expect(r.adjustments.at(-1)!.points).toBe(0);
    expect(r.score).toBe(70);
    const missing = only({ findings: [finding('unit-missing', 'U')] });
    expect(missing.adjustments.filter((a) => a.group === 'forms')).toHaveLength(5);
    expect(sumOf(missing, 'forms')).toBe(-10);
    const fewer = only({ findings: [finding('unit-missing', 'U')], params: { requiredForms: ['website', 'group'] } });
    expect(sumOf(fewer, 'forms')).toBe(-4);
  });

  it('overdue open rectification items −1 each, capped at −5', () => {
    const item = (i: number, status: RectItem['status'], deadline: string | null): RectItem => ({
      key: `U|cell-phone|f|s|A${i}`, unit: 'U', type: 't', description: `问题${i}`, basis: '', location: `f / s / A${i}`, requirement: '',
      deadline, owner: '', status, note: '', recheck: '', source: 'finding',
    });
    const items = [1, 2, 3].map((i) => item(i, '待整改', '2024-11-01'));
    expect(sumOf(only({ rectification: items }), 'overdue')).toBe(-3);
    const more = [...items, ...[4, 5, 6, 7].map((i) => item(i, '整改中', '2024-11-19'))];
    expect(sumOf(only({ rectification: more }), 'overdue')).toBe(-5);
    const notCounted = [item(8, '已整改', '2024-01-01'), item(9, '待整改', '2024-11-20'), item(10, '待整改', null), { ...item(11, '待整改', '2024-01-01'), source: 'score' as const }];
    expect(sumOf(only({ rectification: notCounted }), 'overdue')).toBe(0);
  });

  it('stale sites −2 each (per site), capped at −6', () => {
    const stale = (cell: string) => finding('website-stale-long', 'U', { cell });
    expect(sumOf(only({ findings: [stale('G3'), stale('G3')] }), 'stale')).toBe(-2);
    expect(sumOf(only({ findings: [stale('G3'), stale('G4')] }), 'stale')).toBe(-4);
    const r = only({ findings: ['G3', 'G4', 'G5', 'G6'].map(stale) });
    expect(sumOf(r, 'stale')).toBe(-6);
    expect(r.adjustments.find((a) => a.group === 'stale')!.reason).toContain('U.xlsx / 附件1 / G3');
  });

  it('group issues −1 each, capped at −4', () => {
    const g = (rule: RuleId, cell: string) => finding(rule, 'U', { cell });
    expect(sumOf(only({ findings: [g('group-not-real-name', 'F3'), g('zombie-still-registered', 'D4')] }), 'groups')).toBe(-2);
    // A zombie group found and kept (是否已清理 = 否) counts the same way.
    const kept = only({ findings: [g('zombie-not-cleaned', 'F4'), g('group-not-real-name', 'F3')] });
    expect(sumOf(kept, 'groups')).toBe(-2);
    expect(kept.adjustments.find((a) => a.group === 'groups' && a.reason.includes('僵尸群未清理'))).toBeDefined();
    const five = ['F3', 'F4', 'F5', 'F6', 'F7'].map((c) => g('group-not-real-name', c));
    expect(sumOf(only({ findings: five }), 'groups')).toBe(-4);
  });

  it('bonus capped at +5 in total', () => {
    const bonus = (points: number): Adjustment => ({ unit: 'U', kind: 'bonus', points, note: '获奖', file: 'a.xlsx', sheet: '加减分', cell: 'B2' });
    expect(sumOf(only({ adjustments: [bonus(2), bonus(2)] }), 'bonus')).toBe(4);
    const r = only({ adjustments: [bonus(3), bonus(3)] });
    expect(sumOf(r, 'bonus')).toBe(5);
    expect(r.score).toBe(85);
  });

  it('clamps at 100 and at 0, itemised', () => {
    const bonus: Adjustment = { unit: 'U', kind: 'bonus', points: 5, note: '', file: null, sheet: null, cell: null };
    const top = only({ scores: full('U', 60, 38), adjustments: [bonus] });
    expect(top.score).toBe(100);
    expect(sumOf(top, 'bounds')).toBe(-3);
    const many = ['website', 'newmedia', 'zombie', 'group', 'bigv'] as const;
    const bottom = only({
      scores: full('U', 5, 5),
      findings: [...many.map((form) => finding('form-missing', 'U', { form })), ...['G3', 'G4', 'G5'].map((cell) => finding('website-stale-long', 'U', { cell }))],
    });
    expect(bottom.score).toBe(0);
    expect(sumOf(bottom, 'bounds')).toBe(6);
  });

  it('base + itemised points = score', () => {
    const r = only({ findings: [finding('website-stale-long', 'U')], adjustments: [{ unit: 'U', kind: 'bonus', points: 1, note: '', file: null, sheet: null, cell: null }] });
    expect((r.base ?? 0) + r.adjustments.reduce((s, a) => s + a.points, 0)).toBe(r.score);
    expect(r.score).toBe(79);
  });

  it('veto: grade 不合格 and score capped at 59 (configurable)', () => {
    const veto: Adjustment = { unit: 'U', kind: 'veto', points: 0, note: '泄密', file: 'a.xlsx', sheet: '加减分', cell: 'B3' };
    const r = only({ scores: full('U', 60, 35), adjustments: [veto] });
    expect(r).toMatchObject({ veto: true, score: 59, grade: '不合格' });
    expect(r.adjustments.find((a) => a.group === 'veto')).toMatchObject({ points: -36, indicator: '一票否决' });
    const low = only({ scores: full('U', 30, 20), adjustments: [veto] });
    expect(low).toMatchObject({ score: 50, grade: '不合格' });
    const noCap = only({ scores: full('U', 60, 35), adjustments: [veto], params: { vetoCap: null } });
    expect(noCap).toMatchObject({ score: 95, grade: '不合格' });
  });
});

describe('another rubric of the same shape', () => {
  it('5 indicators totalling 50 work end to end', () => {
    const r50: Rubric = {
      name: '五项细则',
      total: 50,
      indicators: [1, 2, 3, 4, 5].map((i) => ({ id: `i${i}`, level1: i < 3 ? '一' : '二', level2: `项${i}`, max: 10, standard: '' })),
    };
    const scores = [1, 2, 3, 4, 5].flatMap((i) => [entry('U', `i${i}`, 8, { inspector: '甲' }), entry('U', `i${i}`, 9, { inspector: '乙' })]);
    const out = run({ rubric: r50, scores, params: { grades: [{ grade: '优秀', min: 45 }, { grade: '良好', min: 40 }, { grade: '合格', min: 30 }] } });
    expect(out.results[0]).toMatchObject({ base: 42.5, score: 42.5, grade: '良好', rank: 1 });
    expect(out.findings).toEqual([]);
  });

  it('the default rubric totals 100 for full marks', () => {
    const scores = DEFAULT_RUBRIC.indicators.map((i) => entry('U', i.id, i.max));
    expect(run({ rubric: DEFAULT_RUBRIC, scores }).results[0]!.score).toBe(100);
  });
});
